import { fail, redirect } from '@sveltejs/kit';
import { can, COMPLAINT_REPLY_PERIOD_SOURCE, REGIME_CODES } from '@supervise/core';
import { ComplaintError, listComplaints, receiveComplaint } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { complaintInputOf, complaintRefusalText, complaintRegimesOf, complaintStatus } from '$lib/server/complaints';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §4: complaints in the reader's scope (open ones first, by reply date) and the intake of
// one taken by phone or at the window.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const rows = await listComplaints(getDb(), { regimes: complaintRegimesOf(user) });
  return {
    complaints: rows
      .filter((c) => can(user, 'complaints.view', { regime: c.regime, brigadeId: c.brigadeId }))
      .map(({ content: _content, reply: _reply, ...c }) => c),
    intakeRegimes: mayUse(user, '/complaints', 'POST', 'intake')
      ? REGIME_CODES.filter((regime) => can(user, 'complaints.intake', { regime }))
      : [],
    today: serverToday(),
    statutoryVerified: COMPLAINT_REPLY_PERIOD_SOURCE.statutoryVerified,
  };
};

export const actions: Actions = {
  intake: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    let id: number;
    try {
      id = (
        await receiveComplaint(
          getDb(),
          actorOf(event, user),
          complaintInputOf((n) => form.get(n)),
          new Date(),
          serverToday(),
        )
      ).id;
    } catch (e) {
      if (!(e instanceof ComplaintError)) throw e;
      return fail(complaintStatus(e), complaintRefusalText(e));
    }
    redirect(303, `/complaints/${id}`);
  },
};
