import { fail } from '@sveltejs/kit';
import { COMPLAINT_REPLY_DAYS_RANGE } from '@supervise/core';
import { ComplaintError, complaintReplyDays, inServiceFrom, setComplaintReplyDays, setInServiceFrom } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  return {
    today: serverToday(),
    inServiceFrom: await inServiceFrom(getDb()),
    complaintReplyDays: await complaintReplyDays(getDb()),
    complaintReplyRange: COMPLAINT_REPLY_DAYS_RANGE,
  };
};

export const actions: Actions = {
  /** Issue 8 §4: the system administrator moves the in-service day (audited by the use-case). */
  inService: async (event) => {
    const user = requireRoute(event);
    const day = String((await event.request.formData()).get('inServiceFrom') ?? '').trim();
    const r = await setInServiceFrom(getDb(), actorOf(event, user), day, serverToday());
    if (!r.ok) return fail(r.code === 'FORBIDDEN' ? 403 : 400, { inService: { error: r.code, day } });
    return { inService: { ok: true as const, day: r.after } };
  },
  /** Issue 13 §4: the complaint reply period in calendar days (configured; audited by the use-case). */
  complaintReplyDays: async (event) => {
    const user = requireRoute(event);
    const raw = String((await event.request.formData()).get('complaintReplyDays') ?? '').trim();
    try {
      const days = await setComplaintReplyDays(getDb(), actorOf(event, user), /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN);
      return { complaintReplyDays: { ok: true as const, days } };
    } catch (e) {
      if (!(e instanceof ComplaintError)) throw e;
      return fail(e.code === 'COMPLAINT-DENIED' ? 403 : 400, { complaintReplyDays: { error: e.reason } });
    }
  },
};
