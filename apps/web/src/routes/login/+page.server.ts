import { fail, redirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { MAX_LOGIN_NAME_LENGTH, accountThrottleKey, addressThrottleKey, landingPath, loginName } from '@supervise/core';
import { findAccountByUsername, hashPassword, throttledCheck, verifyPassword, type LoginAccount } from '@supervise/db';
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

const usable = (a: LoginAccount | undefined): a is LoginAccount => !!a && a.disabledAt === null;

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
    const typed = String(form.get('username') ?? '');
    // A name longer than any account's is cut for the form, the counter and the audit (issue 15: a
    // 10 kB name ended in a 500, unthrottled and unaudited); it still costs a hash and matches no one.
    const username = loginName(typed);
    const password = String(form.get('password') ?? '');
    if (!username || !password) return fail(400, { username, error: 'missing' as const });

    const db = getDb();
    const now = new Date();
    const keys = [accountThrottleKey(username), addressThrottleKey(clientOf(event).ip)] as const;
    const account = typed.trim().length > MAX_LOGIN_NAME_LENGTH ? undefined : await findAccountByUsername(db, username);

    // Counted BEFORE any hashing, atomically (issue 15: concurrent guesses got about three times the
    // limit): a locked account or address costs one statement. The counter is keyed by the name
    // typed, existing or not, so a lock reveals nothing either.
    let passwordOk = false;
    const checked = await throttledCheck(db, keys, now, async () => {
      passwordOk = await verifyPassword(account?.passwordHash ?? (await getDummyHash()), password);
      return usable(account) && passwordOk;
    });
    if (checked.outcome === 'locked') {
      await audit(db, event, { action: 'auth.login', outcome: 'denied', reason: checked.reason, actorUsername: username });
      // The same answer as a wrong password: the lock is in the audit log, not told to the caller.
      return fail(400, { username, error: 'invalid' as const });
    }
    // One answer for unknown account, disabled account and wrong password.
    if (checked.outcome === 'failed' || !account) {
      await audit(db, event, {
        action: 'auth.login',
        outcome: 'failure',
        reason: !account ? 'unknown_account' : !passwordOk ? 'bad_password' : 'account_disabled',
        actorId: account?.id ?? null,
        actorUsername: account?.username ?? username,
      });
      return fail(400, { username, error: 'invalid' as const });
    }

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
