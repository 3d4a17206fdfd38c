import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { can } from '@supervise/core';
import {
  caseFile,
  decideExtension,
  findInspectionForCase,
  issueNotice,
  listPenaltiesOfCase,
  requestExtension,
  requestReview,
  serveNotice,
} from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { regimeName } from '$lib/server/draws';
import {
  calendarOrNull,
  beijingInstant,
  formText,
  idOf,
  rectRefusalOf,
  rectRefusalStatus,
  requireCaseScope,
  shapeCase,
} from '$lib/server/rectification';
import type { Actions, PageServerLoad } from './$types';

/** The case's inspection, 404 when unknown, 403 outside the user's scope for `permission`. */
async function caseInScope(
  event: RequestEvent<{ inspectionId: string }>,
  permission: 'cases.view' | 'cases.manage' | 'extensions.approve',
) {
  const user = requireRoute(event);
  const id = idOf(event.params.inspectionId);
  const insp = id === null ? undefined : await findInspectionForCase(getDb(), id);
  if (!insp) error(404, 'not found');
  requireCaseScope(user, permission, insp);
  return { user, insp };
}

export const load: PageServerLoad = async (event) => {
  const { user, insp } = await caseInScope(event, 'cases.view');
  const db = getDb();
  const cf = (await caseFile(db, Number(insp.id)))!;
  const today = serverToday();
  const cal = await calendarOrNull(db);
  const onCase = cf.officers.some((o) => o.user_id !== null && Number(o.user_id) === user.id);
  return {
    today,
    inspection: {
      id: Number(insp.id),
      regime: insp.regime_code,
      regimeName: regimeName(insp.regime_code),
      trigger: insp.trigger,
      status: insp.status,
      closed: insp.closed_at !== null || insp.status === 'done',
      inspectedOn: insp.inspected_on,
      entity: { code: insp.entity_code, name: insp.entity_name, address: insp.entity_address },
      officers: cf.officers.map((o) => ({ code: o.code, name: o.name })),
    },
    ...shapeCase(cf, cal, today),
    canManage:
      onCase && can(user, 'cases.manage', { regime: insp.regime_code, brigadeId: insp.brigade_id, stationId: insp.station_id }),
    // Issue 10 §4 (penalties, another module's pages under this case): listed with links.
    penalties: await listPenaltiesOfCase(db, Number(insp.id)),
    canRecordPenalty: mayUse(user, '/cases/[inspectionId]/penalties/new', 'GET', undefined, { inspectionId: String(insp.id) }),
    canApprove: can(user, 'extensions.approve', {
      regime: insp.regime_code,
      brigadeId: insp.brigade_id,
      stationId: insp.station_id,
    }),
    userId: user.id,
  };
};

function refused(e: unknown, form: string, values: Record<string, string> = {}) {
  const refusal = rectRefusalOf(e);
  if (!refusal) throw e;
  return fail(rectRefusalStatus(refusal.code), { form, refusal, values });
}

const badField = (form: string, field: string) => fail(400, { form, refusal: null, field, values: {} });

export const actions: Actions = {
  issue: async (event) => {
    const { user } = await caseInScope(event, 'cases.manage');
    const f = await event.request.formData();
    const hazardId = idOf(f.get('hazardId'));
    if (hazardId === null) return badField('issue', 'hazardId');
    const deadlineOn = formText(f, 'deadlineOn', 10);
    try {
      await issueNotice(getDb(), actorOf(event, user), {
        hazardId,
        deadlineOn: deadlineOn || null,
        noMaximumAcknowledged: f.get('noMaximumAcknowledged') === 'on',
        today: serverToday(),
      });
    } catch (e) {
      return refused(e, `issue-${hazardId}`, { deadlineOn });
    }
    return { form: `issue-${hazardId}`, done: true };
  },
  serve: async (event) => {
    const { user } = await caseInScope(event, 'cases.manage');
    const f = await event.request.formData();
    const rectificationId = idOf(f.get('rectificationId'));
    if (rectificationId === null) return badField('serve', 'rectificationId');
    const at = formText(f, 'servedAt', 19);
    const servedAt = at === '' ? new Date() : beijingInstant(at);
    if (servedAt === null)
      return fail(400, { form: `serve-${rectificationId}`, refusal: null, field: 'servedAt', values: { servedAt: at } });
    const lateReason = formText(f, 'lateReason', 500);
    try {
      await serveNotice(getDb(), actorOf(event, user), {
        rectificationId,
        servedAt,
        lateReason: lateReason || null,
        today: serverToday(),
      });
    } catch (e) {
      return refused(e, `serve-${rectificationId}`, { servedAt: at, lateReason });
    }
    return { form: `serve-${rectificationId}`, done: true };
  },
  requestExtension: async (event) => {
    const { user } = await caseInScope(event, 'cases.manage');
    const f = await event.request.formData();
    const rectificationId = idOf(f.get('rectificationId'));
    if (rectificationId === null) return badField('extension', 'rectificationId');
    const requestedDeadlineOn = formText(f, 'requestedDeadlineOn', 10);
    const reason = formText(f, 'reason', 500);
    try {
      await requestExtension(getDb(), actorOf(event, user), {
        rectificationId,
        requestedDeadlineOn,
        reason,
        today: serverToday(),
      });
    } catch (e) {
      return refused(e, `extension-${rectificationId}`, { requestedDeadlineOn, reason });
    }
    return { form: `extension-${rectificationId}`, done: true };
  },
  decideExtension: async (event) => {
    const { user } = await caseInScope(event, 'extensions.approve');
    const f = await event.request.formData();
    const extensionId = idOf(f.get('extensionId'));
    const decision = f.get('decision');
    if (extensionId === null) return badField('decide', 'extensionId');
    if (decision !== 'approve' && decision !== 'reject') return badField(`decide-${extensionId}`, 'decision');
    const note = formText(f, 'note', 500);
    try {
      await decideExtension(getDb(), actorOf(event, user), { extensionId, decision, note, today: serverToday() });
    } catch (e) {
      return refused(e, `decide-${extensionId}`, { note });
    }
    return { form: `decide-${extensionId}`, done: true };
  },
  requestReview: async (event) => {
    const { user } = await caseInScope(event, 'cases.manage');
    const f = await event.request.formData();
    const rectificationId = idOf(f.get('rectificationId'));
    if (rectificationId === null) return badField('review', 'rectificationId');
    const requestedOn = formText(f, 'requestedOn', 10);
    const note = formText(f, 'note', 1000);
    try {
      await requestReview(getDb(), actorOf(event, user), {
        rectificationId,
        requestedOn: requestedOn || undefined,
        note: note || null,
        today: serverToday(),
      });
    } catch (e) {
      return refused(e, `review-${rectificationId}`, { requestedOn, note });
    }
    return { form: `review-${rectificationId}`, done: true };
  },
};
