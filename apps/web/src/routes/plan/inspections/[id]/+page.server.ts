import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { can, officerUnavailability } from '@supervise/core';
import { changeRoster, findRosterInspection, loadOfficerAvailability, rosterPool } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import { requireRowScope } from '$lib/server/registry';
import type { Actions, PageServerLoad } from './$types';

/** Issue 9 §2: one inspection's two officers, changed by a scheduler of its scope with a reason. */
async function inspectionInScope(event: RequestEvent<{ id: string }>) {
  const user = requireRoute(event);
  const id = Number(event.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not found');
  const inspection = await findRosterInspection(getDb(), id);
  if (!inspection) error(404, 'not found');
  requireRowScope(user, 'plan.view', {
    regimeCode: inspection.regime,
    brigadeId: inspection.brigadeId,
    stationId: inspection.stationId,
  });
  return { user, inspection };
}

export const load: PageServerLoad = async (event) => {
  const { user, inspection } = await inspectionInScope(event);
  const db = getDb();
  const canChange =
    inspection.status === 'planned' &&
    can(user, 'roster.manage', { regime: inspection.regime, brigadeId: inspection.brigadeId, stationId: inspection.stationId });
  let candidates: { code: string; name: string; why: string[] }[] = [];
  if (canChange) {
    const onIt = new Set(inspection.officers.map((o) => o.id));
    const pool = (await rosterPool(db, { brigadeId: inspection.brigadeId, stationId: inspection.stationId })).filter(
      (o) => !onIt.has(o.id),
    );
    const facts = await loadOfficerAvailability(db, {
      officerIds: pool.map((o) => o.id),
      from: inspection.plannedOn,
      to: inspection.plannedOn,
      entityIds: [inspection.entityId],
    });
    // Core's rule, shown beside each name; the use-case applies it again when the change is made.
    candidates = pool.map((o) => ({
      code: o.code,
      name: o.name,
      why: officerUnavailability(facts.get(o.id)!, { entityId: inspection.entityId, on: inspection.plannedOn }),
    }));
  }
  return { inspection, canChange, candidates };
};

const text = (form: FormData, k: string, max = 500) =>
  String(form.get(k) ?? '')
    .trim()
    .slice(0, max);

export const actions: Actions = {
  change: async (event) => {
    const { user, inspection } = await inspectionInScope(event);
    const form = await event.request.formData();
    const input = {
      inspectionId: inspection.id,
      replaceOfficerCode: text(form, 'replace', 40),
      withOfficerCode: text(form, 'with', 40),
      reason: text(form, 'reason'),
    };
    if (!input.replaceOfficerCode || !input.withOfficerCode)
      return fail(400, { refusal: { code: 'OFFICER_NOT_FOUND', officerCode: '', unavailability: [] as string[] } });
    const result = await changeRoster(getDb(), actorOf(event, user), input);
    if (!result.ok) {
      const status = result.code === 'OUT_OF_SCOPE' ? 403 : result.code === 'REASON_REQUIRED' ? 400 : 409;
      return fail(status, {
        refusal: { code: result.code, officerCode: result.officerCode ?? '', unavailability: result.unavailability ?? [] },
      });
    }
    return { changed: { officers: result.officerCodes } };
  },
};
