import { fail, redirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { createSession, endSession, findAccountByUsername, hashPassword, verifyPassword } from '@supervise/db';
import { getDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { safeRedirectTarget } from '$lib/server/guard';
import { landingPath } from '$lib/server/permissions';
import { SESSION_COOKIE, hashSessionToken, newSessionToken, sessionCookieOptions, sessionExpiry } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

// A hash to verify against when the account does not exist, so an unknown username costs as much as a
// wrong password and the timing reveals nothing (argon2id of a random secret, made once per process).
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), landingPath(locals.user)));
  return { loggedOut: url.searchParams.has('loggedOut') };
};

export const actions: Actions = {
  default: async ({ request, cookies, url, locals, getClientAddress }) => {
    const form = await request.formData();
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) return fail(400, { username, error: 'missing' as const });

    const db = getDb();
    const account = await findAccountByUsername(db, username);
    const ok = await verifyPassword(account?.passwordHash ?? (await getDummyHash()), password);
    // One answer for unknown account, disabled account and wrong password.
    if (!account || !ok || account.disabledAt !== null) return fail(400, { username, error: 'invalid' as const });

    const now = new Date();
    // A new session id at every login (no fixation): any session the browser still carries is ended.
    if (locals.sessionIdHash) await endSession(db, locals.sessionIdHash, now);
    const token = newSessionToken();
    await createSession(db, {
      idHash: hashSessionToken(token),
      userId: account.id,
      now,
      expiresAt: sessionExpiry(now, env().session),
      ip: getClientAddress(),
      userAgent: request.headers.get('user-agent')?.slice(0, 512) ?? null,
    });
    // A session cookie (no max-age): closing the browser ends it on the client; the server enforces
    // the idle and absolute timeouts.
    cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url));
    redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), '/dashboard'));
  },
};
