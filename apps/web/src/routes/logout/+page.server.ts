import { redirect } from '@sveltejs/kit';
import { endSession } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

// Logging out is a write: only the POST action does it. A GET just goes to the login page.
export const load: PageServerLoad = (event) => {
  requireRoute(event, { public: true });
  redirect(303, '/login');
};

export const actions: Actions = {
  default: async (event) => {
    requireRoute(event, { public: true });
    const { locals, cookies, url } = event;
    if (locals.sessionIdHash) await endSession(getDb(), locals.sessionIdHash, new Date());
    cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
    redirect(303, '/login?loggedOut');
  },
};
