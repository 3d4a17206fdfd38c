import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, parseImportDate } from '@supervise/core';
import {
  addOfficerLeave,
  auditActor,
  declareRecusal,
  findEntityDetail,
  findOfficerDetail,
  leaveReplacementOffer,
  recordAudit,
  removeOfficerLeave,
  withdrawRecusal,
} from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { serverToday as today } from '$lib/server/clock';
import { actorOf } from '$lib/server/actor';
import { requireRowScope } from '$lib/server/registry';
import type { Actions, PageServerLoad } from './$types';

async function officerInScope(event: RequestEvent<{ code: string }>, permission: 'officers.view' | 'officers.manage') {
  const user = requireRoute(event);
  const officer = await findOfficerDetail(getDb(), event.params.code);
  if (!officer) error(404, 'not found');
  requireRowScope(user, permission, officer);
  return { user, officer };
}

const text = (form: FormData, k: string, max = 200) =>
  String(form.get(k) ?? '')
    .trim()
    .slice(0, max);
const positiveId = (form: FormData, k: string) => {
  const n = Number(form.get(k));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};
const known = (e: unknown, name: string): e is { code: string } => e instanceof Error && e.name === name;

export const load: PageServerLoad = async (event) => {
  const { user, officer } = await officerInScope(event, 'officers.view');
  // The credential number is personal data: viewing it is audited.
  await recordAudit(getDb(), {
    ...auditActor(actorOf(event, user)),
    action: 'officer.view',
    entityType: 'officer',
    entityId: officer.id,
  });
  return {
    officer,
    today: today(),
    canManage: can(user, 'officers.manage', { brigadeId: officer.brigadeId, stationId: officer.stationId }),
    // Issue 9 §2: replacements for the open tasks in a leave (the scheduler's roster permission).
    canRoster: can(user, 'roster.manage', { brigadeId: officer.brigadeId, stationId: officer.stationId }),
  };
};

export const actions: Actions = {
  addLeave: async (event) => {
    const { user, officer } = await officerInScope(event, 'officers.manage');
    const form = await event.request.formData();
    const fromOn = parseImportDate(text(form, 'from_on'));
    const toOn = parseImportDate(text(form, 'to_on'));
    const reason = text(form, 'reason');
    if (!fromOn || !toOn || fromOn > toOn) return fail(400, { problem: 'dates' });
    if (!reason) return fail(400, { problem: 'reason' });
    let leaveId: number;
    try {
      leaveId = await addOfficerLeave(getDb(), officer.id, { fromOn, toOn, reason }, actorOf(event, user));
    } catch (e) {
      if (known(e, 'OfficerWriteError')) return fail(409, { problem: 'overlap' });
      throw e;
    }
    // Issue 9 §2: open tasks in the leave → straight to the replacements offered for them.
    if (can(user, 'roster.manage', { brigadeId: officer.brigadeId, stationId: officer.stationId })) {
      const offer = await leaveReplacementOffer(getDb(), actorOf(event, user), { officerCode: officer.code, leaveId });
      if (offer.ok && offer.tasks.length > 0) redirect(303, `/officers/${encodeURIComponent(officer.code)}/leave/${leaveId}`);
    }
    return { done: 'leave' };
  },
  removeLeave: async (event) => {
    const { user, officer } = await officerInScope(event, 'officers.manage');
    const id = positiveId(await event.request.formData(), 'leaveId');
    if (id === null) return fail(400, { problem: 'invalid' });
    await removeOfficerLeave(getDb(), officer.id, id, actorOf(event, user));
    return { done: 'leave' };
  },
  declareRecusal: async (event) => {
    const { user, officer } = await officerInScope(event, 'officers.manage');
    const form = await event.request.formData();
    const entityCode = text(form, 'entity_code', 60);
    const reason = text(form, 'reason');
    if (!reason) return fail(400, { problem: 'reason' });
    const entity = entityCode ? await findEntityDetail(getDb(), entityCode) : undefined;
    // An entity outside the scheduler's scope is "not found" too.
    if (
      !entity ||
      !can(user, 'registry.view', { regime: entity.regimeCode, brigadeId: entity.brigadeId, stationId: entity.stationId })
    ) {
      return fail(400, { problem: 'entity' });
    }
    try {
      await declareRecusal(getDb(), officer.id, { entityCode, reason, declaredOn: today() }, actorOf(event, user));
    } catch (e) {
      if (known(e, 'OfficerWriteError')) return fail(409, { problem: e.code === 'already_recused' ? 'already' : 'entity' });
      throw e;
    }
    return { done: 'recusal' };
  },
  withdrawRecusal: async (event) => {
    const { user, officer } = await officerInScope(event, 'officers.manage');
    const form = await event.request.formData();
    const id = positiveId(form, 'recusalId');
    const reason = text(form, 'reason');
    if (id === null) return fail(400, { problem: 'invalid' });
    if (!reason) return fail(400, { problem: 'reason' });
    await withdrawRecusal(getDb(), officer.id, id, { withdrawnOn: today(), reason }, actorOf(event, user));
    return { done: 'recusal' };
  },
};
