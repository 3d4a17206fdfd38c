import { fail } from '@sveltejs/kit';
import { COMPLAINT_REPLY_PERIOD_SOURCE, complaintDaysLeft, repliedInTime } from '@supervise/core';
import { assignComplaint, ComplaintError, openComplaintInspection, replyComplaint } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { complaintInScope, complaintRefusalText, complaintStatus } from '$lib/server/complaints';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §4: one complaint — assignment, the inspection it opens (its case file follows), the reply
// against its deadline. The informant's identity is NOT loaded here: only its own page shows it.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const complaint = await complaintInScope(user, event.params.id);
  const today = serverToday();
  return {
    complaint,
    today,
    daysLeft: complaintDaysLeft(complaint.replyDueOn, today),
    inTime: complaint.repliedOn ? repliedInTime(complaint.repliedOn, complaint.replyDueOn) : null,
    canManage: mayUse(user, '/complaints/[id]', 'POST', 'reply', event.params),
    canSeeInformant: complaint.hasInformant && mayUse(user, '/complaints/[id]/informant', 'GET', undefined, event.params),
    statutoryVerified: COMPLAINT_REPLY_PERIOD_SOURCE.statutoryVerified,
  };
};

type Work = (id: number, form: FormData, actor: ReturnType<typeof actorOf>) => Promise<unknown>;

const action =
  (work: Work): Actions[string] =>
  async (event) => {
    const user = requireRoute(event);
    const complaint = await complaintInScope(user, event.params.id!);
    const form = await event.request.formData();
    try {
      await work(complaint.id, form, actorOf(event, user));
    } catch (e) {
      if (!(e instanceof ComplaintError)) throw e;
      return fail(complaintStatus(e), complaintRefusalText(e));
    }
    return { done: true };
  };

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  assign: action((complaintId, form, actor) =>
    assignComplaint(getDb(), actor, { complaintId, officerCode: text(form, 'officerCode') }),
  ),
  openInspection: action((complaintId, form, actor) =>
    openComplaintInspection(
      getDb(),
      actor,
      { complaintId, entityCode: text(form, 'entityCode'), plannedOn: text(form, 'plannedOn') },
      serverToday(),
    ),
  ),
  reply: action((complaintId, form, actor) =>
    replyComplaint(getDb(), actor, { complaintId, reply: text(form, 'reply') }, serverToday()),
  ),
};
