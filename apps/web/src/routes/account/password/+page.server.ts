import { fail, redirect } from '@sveltejs/kit';
import { accountThrottleKey, addressThrottleKey, checkPasswordPolicy, landingPath } from '@supervise/core';
import { findAccountById, hashPassword, recentPasswordHashes, setPassword, throttledCheck, verifyPassword } from '@supervise/db';
import { requireAccount } from '$lib/server/access';
import { audit, clientOf } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** New passwords may not repeat any of the account's last five. */
const HISTORY = 5;

export const load: PageServerLoad = async (event) => {
  const who = requireAccount(event, 'password');
  const account = await findAccountById(getDb(), who.userId);
  return { forced: who.pending, firstLogin: account?.mustChangePassword ?? false };
};

export const actions: Actions = {
  default: async (event) => {
    const who = requireAccount(event, 'password');
    const form = await event.request.formData();
    const current = String(form.get('current') ?? '');
    const next = String(form.get('password') ?? '');
    const confirm = String(form.get('confirm') ?? '');
    const db = getDb();
    const account = await findAccountById(db, who.userId);
    if (!account) redirect(303, '/login');
    // The current password is a password guess like a login's (issue 15: it was not throttled): the
    // same counters, counted before the hash.
    const checked = await throttledCheck(
      db,
      [accountThrottleKey(account.username), addressThrottleKey(clientOf(event).ip)],
      new Date(),
      () => verifyPassword(account.passwordHash, current),
    );
    if (checked.outcome === 'locked') {
      await audit(db, event, {
        action: 'user.password_change',
        outcome: 'denied',
        reason: checked.reason,
        entityType: 'app_user',
        entityId: account.id,
      });
      return fail(429, { problems: ['locked'] as string[] });
    }
    if (checked.outcome === 'failed') {
      await audit(db, event, {
        action: 'user.password_change',
        outcome: 'failure',
        reason: 'bad_current_password',
        entityType: 'app_user',
        entityId: account.id,
      });
      return fail(400, { problems: ['bad_current'] as string[] });
    }
    if (next !== confirm) return fail(400, { problems: ['mismatch'] as string[] });
    const problems: string[] = checkPasswordPolicy(next, account.username);
    if (problems.length === 0) {
      for (const old of await recentPasswordHashes(db, account.id, HISTORY)) {
        if (await verifyPassword(old, next)) {
          problems.push('reused');
          break;
        }
      }
    }
    if (problems.length) return fail(400, { problems });

    const hash = await hashPassword(next);
    await db.transaction().execute(async (trx) => {
      await setPassword(trx, account.id, hash, { mustChange: false, now: new Date() });
      await audit(trx, event, {
        action: 'user.password_change',
        entityType: 'app_user',
        entityId: account.id,
        before: { mustChangePassword: account.mustChangePassword, passwordChangedAt: account.passwordChangedAt },
        after: { mustChangePassword: false },
      });
    });
    // The next request recomputes the pending step (TOTP enrolment for administrators, or none).
    redirect(303, who.pending ? landingPath(account) : '/account/password?changed');
  },
};
