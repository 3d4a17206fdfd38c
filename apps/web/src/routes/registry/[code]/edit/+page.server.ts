import { error, fail, redirect } from '@sveltejs/kit';
import { visibleRegimes } from '@supervise/core';
import { findEntityDetail, listPoliceStations, updateEntity } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { registryWrite, requireRowScope, validateEntityForm } from '$lib/server/registry';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const e = await findEntityDetail(db, event.params.code);
  if (!e) error(404, 'not found');
  requireRowScope(user, 'registry.manage', e);
  const stations = await listPoliceStations(db);
  const values: Record<string, string> = {
    code: e.code,
    regime_code: e.regimeCode,
    kind: e.kind,
    name: e.name,
    licence_no: e.licenceNo ?? '',
    address: e.address,
    station: e.stationId ?? '',
    contact_name: e.contactName ?? '',
    contact_phone: e.contactPhone ?? '',
    risk_grade: e.riskGrade ?? '',
    status: e.status,
    registered_on: e.registeredOn,
    closed_on: e.closedOn ?? '',
  };
  if (e.vehicleCounts) for (const [k, v] of Object.entries(e.vehicleCounts)) values[k] = String(v);
  return {
    values,
    regimes: visibleRegimes(user, 'registry.manage'),
    stations: stations.map((s) => ({ id: s.id, zh: s.name_zh, en: s.name_en })),
  };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireRoute(event);
    const db = getDb();
    const before = await findEntityDetail(db, event.params.code);
    if (!before) error(404, 'not found');
    requireRowScope(user, 'registry.manage', before);
    const form = await event.request.formData();
    form.set('code', before.code);
    const { entity, issues, values } = await validateEntityForm(db, user, form);
    if (!entity) return fail(400, { issues, values });
    await registryWrite(updateEntity(db, before.code, entity, actorOf(event, user)));
    redirect(303, `/registry/${encodeURIComponent(before.code)}`);
  },
};
