import { fail } from '@sveltejs/kit';
import { COMPLAINT_REPLY_PERIOD_SOURCE, REGIME_CODES } from '@supervise/core';
import { ComplaintError, receivePublicComplaint } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { clientOf } from '$lib/server/auth';
import { serverToday } from '$lib/server/clock';
import { complaintInputOf, complaintRefusalText, complaintStatus } from '$lib/server/complaints';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §4: the public form (举报投诉), no login, limited per client address. What the page sends
// back is the number and the reply date only — never the identity it was given.
export const load: PageServerLoad = async (event) => {
  requireRoute(event, { public: true });
  return { regimes: REGIME_CODES, statutoryVerified: COMPLAINT_REPLY_PERIOD_SOURCE.statutoryVerified };
};

export const actions: Actions = {
  default: async (event) => {
    requireRoute(event, { public: true });
    const form = await event.request.formData();
    const { channel: _channel, ...input } = complaintInputOf((n) => form.get(n));
    const client = clientOf(event);
    try {
      const r = await receivePublicComplaint(
        getDb(),
        { address: client.ip, userAgent: client.userAgent },
        input,
        new Date(),
        serverToday(),
      );
      return { received: { number: r.number, replyDueOn: r.replyDueOn, replyDays: r.replyDays } };
    } catch (e) {
      if (!(e instanceof ComplaintError)) throw e;
      return fail(complaintStatus(e), complaintRefusalText(e));
    }
  },
};
