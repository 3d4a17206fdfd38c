import { fail } from '@sveltejs/kit';
import { inServiceFrom, setInServiceFrom } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  return { today: serverToday(), inServiceFrom: await inServiceFrom(getDb()) };
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
};
