import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { confirmLeaveReplacements, leaveReplacementOffer } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

/**
 * Issue 9 §2: an officer's leave has been entered; every open task of theirs in it is offered a
 * replacement, and the scheduler confirms them all in one action (one transaction, audited).
 */
function leaveParams(event: RequestEvent<{ code: string; leaveId: string }>) {
  const user = requireRoute(event);
  const leaveId = Number(event.params.leaveId);
  if (!Number.isSafeInteger(leaveId) || leaveId <= 0) error(404, 'not found');
  return { user, leaveId, officerCode: event.params.code };
}

export const load: PageServerLoad = async (event) => {
  const { user, leaveId, officerCode } = leaveParams(event);
  const offer = await leaveReplacementOffer(getDb(), actorOf(event, user), { officerCode, leaveId });
  if (!offer.ok) error(offer.code === 'OUT_OF_SCOPE' ? 403 : 404, offer.code === 'OUT_OF_SCOPE' ? 'forbidden' : 'not found');
  return { offer };
};

export const actions: Actions = {
  confirm: async (event) => {
    const { user, leaveId, officerCode } = leaveParams(event);
    const form = await event.request.formData();
    const choices: { inspectionId: number; withOfficerCode: string }[] = [];
    for (const [k, v] of form.entries()) {
      const m = /^with_(\d+)$/.exec(k);
      if (m && typeof v === 'string' && v.trim() !== '') choices.push({ inspectionId: Number(m[1]), withOfficerCode: v.trim() });
    }
    const reason = String(form.get('reason') ?? '')
      .trim()
      .slice(0, 500);
    const result = await confirmLeaveReplacements(getDb(), actorOf(event, user), { officerCode, leaveId, reason, choices });
    if (!result.ok) {
      if (result.code === 'LEAVE_NOT_FOUND') error(404, 'not found');
      if (result.code === 'OUT_OF_SCOPE') error(403, 'forbidden');
      return fail(result.code === 'REASON_REQUIRED' ? 400 : 409, {
        refusal: {
          code: result.code,
          problems:
            'problems' in result
              ? result.problems.map((p) => ({
                  inspectionId: p.inspectionId,
                  code: p.refusal.code,
                  officerCode: 'officerCode' in p.refusal ? (p.refusal.officerCode ?? '') : '',
                  unavailability: 'unavailability' in p.refusal ? (p.refusal.unavailability ?? []) : [],
                }))
              : [],
        },
      });
    }
    return { confirmed: result.changed };
  },
};
