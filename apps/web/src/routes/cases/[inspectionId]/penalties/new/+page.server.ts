import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { penaltyFormCase, recordPenalty } from '@supervise/db';
import { emptyPenaltyValues } from '$lib/penalty-form';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { inputFromValues, valuesFromForm, withLegalBasis } from '$lib/server/penalty-input';
import type { Actions, PageServerLoad } from './$types';

/**
 * Issue 10 §4: a penalty against a case, entered by an officer who was on the inspection. The load
 * and the action both ask the use-case's access check on the stored inspection; the action records
 * through `recordPenalty` (the API's use-case), and a refusal comes back with every reason and what
 * was typed.
 */
function inspectionIdOf(event: RequestEvent<{ inspectionId: string }>): number {
  const id = Number(event.params.inspectionId);
  if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not found');
  return id;
}

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const id = inspectionIdOf(event);
  const r = await penaltyFormCase(getDb(), actorOf(event, user), id);
  if (!r.ok && r.code === 'INSPECTION_NOT_FOUND') error(404, 'not found');
  if (!r.ok && r.code !== 'INSPECTION_NOT_DONE') error(403, 'forbidden');
  if (!r.ok) return { blocked: r.reason, case: null, defaults: null };
  const c = r.case;
  return {
    blocked: null,
    case: {
      inspectionId: c.inspectionId,
      regimeCode: c.regimeCode,
      inspectedOn: c.inspectedOn,
      entity: { code: c.entity.code, name: c.entity.name },
      officers: c.officers.map((o) => ({ code: o.code, name: o.name })),
      rectifications: c.rectifications.map((n) => ({
        id: n.id,
        noticeNo: n.noticeNo,
        deadlineOn: n.extendedDeadlineOn ?? n.deadlineOn,
        status: n.status,
      })),
    },
    defaults: emptyPenaltyValues(c.entity.name, serverToday()),
  };
};

export const actions: Actions = {
  record: async (event) => {
    const user = requireRoute(event);
    const id = inspectionIdOf(event);
    const values = valuesFromForm(await event.request.formData());
    const parsed = inputFromValues(values, id, serverToday());
    if (!parsed.ok) return fail(400, { values, reasons: withLegalBasis(parsed.reasons, values.violation), notes: [] });
    const result = await recordPenalty(getDb(), actorOf(event, user), parsed.input);
    if (!result.ok) {
      if (result.code === 'INSPECTION_NOT_FOUND') error(404, 'not found');
      if (result.code === 'OUT_OF_SCOPE' || result.code === 'NOT_ON_INSPECTION') error(403, 'forbidden');
      return fail(result.code === 'INSPECTION_NOT_DONE' ? 409 : 400, {
        values,
        reasons: withLegalBasis(result.reasons, values.violation),
        notes: result.notes,
      });
    }
    redirect(303, `/cases/${id}/penalties/${result.penaltyId}`);
  },
};
