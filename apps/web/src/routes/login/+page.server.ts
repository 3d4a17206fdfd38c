import { fail, redirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { DEFAULT_THROTTLE_POLICY, accountThrottleKey, addressThrottleKey, landingPath, throttleDecision } from '@supervise/core';
import {
  clearThrottle,
  findAccountByUsername,
  hashPassword,
  readThrottle,
  recordThrottleFailure,
  verifyPassword,
} from '@supervise/db';
import { requireRoute, safeRedirectTarget } from '$lib/server/access';
import { STEP_PAGES, audit, clientOf, loginNoticeFor, openSession } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// A hash to verify against when the account does not exist, so an unknown username costs as much as a
// wrong password and the timing reveals nothing (argon2id of a random secret, made once per process).
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}

export const load: PageServerLoad = (event) => {
  requireRoute(event, { public: true });
  const { locals, url } = event;
  if (locals.pending) redirect(303, STEP_PAGES[locals.pending.step]);
  if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), landingPath(locals.user)));
  return { loggedOut: url.searchParams.has('loggedOut') };
};

export const actions: Actions = {
  default: async (event) => {
    requireRoute(event, { public: true });
    const form = await event.request.formData();
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) return fail(400, { username, error: 'missing' as const });

    const db = getDb();
    const now = new Date();
    const policy = DEFAULT_THROTTLE_POLICY;
    const keys = [accountThrottleKey(username), addressThrottleKey(clientOf(event).ip)];

    // Rate limiting BEFORE any hashing: a locked account or address costs one indexed read. The
    // counter is keyed by the name typed, existing or not, so a lock reveals nothing either.
    const counters = await readThrottle(db, keys);
    const decision = throttleDecision(counters.get(keys[0]!), counters.get(keys[1]!), now, policy);
    if (!decision.allowed) {
      await audit(db, event, { action: 'auth.login', outcome: 'denied', reason: decision.reason, actorUsername: username });
      // The same answer as a wrong password: the lock is in the audit log, not told to the caller.
      return fail(400, { username, error: 'invalid' as const });
    }

    const account = await findAccountByUsername(db, username);
    const ok = await verifyPassword(account?.passwordHash ?? (await getDummyHash()), password);
    // One answer for unknown account, disabled account and wrong password.
    if (!account || !ok || account.disabledAt !== null) {
      await recordThrottleFailure(db, keys, now, policy.windowMs);
      await audit(db, event, {
        action: 'auth.login',
        outcome: 'failure',
        reason: !account ? 'unknown_account' : !ok ? 'bad_password' : 'account_disabled',
        actorId: account?.id ?? null,
        actorUsername: account?.username ?? username,
      });
      return fail(400, { username, error: 'invalid' as const });
    }

    await clearThrottle(db, keys[0]!);
    const notice = await loginNoticeFor(db, account.id, now);
    const stage = account.totpEnabledAt ? 'totp' : 'active';
    // A new session id at every login (no fixation); any other live session of the account ends.
    await openSession(db, event, account.id, stage, notice, now);
    // `auth.login` success means fully signed in; with a second factor that is recorded after it.
    await audit(db, event, {
      action: stage === 'totp' ? 'auth.password' : 'auth.login',
      actorId: account.id,
      actorUsername: account.username,
      entityType: 'app_user',
      entityId: account.id,
    });
    const back = safeRedirectTarget(event.url.searchParams.get('redirectTo'), landingPath(account));
    redirect(303, stage === 'totp' ? `/login/totp?redirectTo=${encodeURIComponent(back)}` : back);
  },
};
