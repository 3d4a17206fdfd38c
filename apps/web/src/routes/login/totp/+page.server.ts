import { fail, redirect } from '@sveltejs/kit';
import { landingPath, totpThrottleKey } from '@supervise/core';
import { consumeTotpStep, findAccountById, throttledCheck } from '@supervise/db';
import { requireAccount, safeRedirectTarget } from '$lib/server/access';
import { audit, loginNoticeFor, openSession } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { securityEnv } from '$lib/server/security-env';
import { decryptSecret, verifyTotp } from '$lib/server/totp';
import type { Actions, PageServerLoad } from './$types';

// The second step of login: a TOTP code. Only a session in the 'totp' stage gets here.
export const load: PageServerLoad = (event) => {
  if (event.locals.user) redirect(303, landingPath(event.locals.user));
  requireAccount(event, 'totp');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    if (event.locals.user) redirect(303, landingPath(event.locals.user));
    const { userId } = requireAccount(event, 'totp');
    const code = String((await event.request.formData()).get('code') ?? '');
    const db = getDb();
    const now = new Date();
    // Codes are guessable in 10^6: they have their own counter (issue 15: they shared the password's,
    // which a correct password cleared), counted before the code is checked, cleared by a right code.
    const key = totpThrottleKey(event.locals.pending!.username);
    const account = await findAccountById(db, userId);
    if (!account?.totpSecretEnc || !account.totpEnabledAt || account.disabledAt) redirect(303, '/login');
    const checked = await throttledCheck(db, [key], now, async () => {
      const step = verifyTotp(
        decryptSecret(account.totpSecretEnc!, securityEnv().totpKey, userId),
        code,
        now,
        account.totpLastStep,
      );
      return step !== null && (await consumeTotpStep(db, userId, step));
    });
    if (checked.outcome === 'locked') {
      await audit(db, event, { action: 'auth.totp', outcome: 'denied', reason: 'account_locked' });
      return fail(429, { error: 'locked' as const });
    }
    if (checked.outcome === 'failed') {
      await audit(db, event, {
        action: 'auth.totp',
        outcome: 'failure',
        reason: 'bad_code',
        entityType: 'app_user',
        entityId: userId,
      });
      return fail(400, { error: 'invalid' as const });
    }
    // Fully signed in: a fresh session id for the new privilege level; the pending one ends.
    await openSession(db, event, userId, 'active', await loginNoticeFor(db, userId, now), now);
    await audit(db, event, {
      action: 'auth.login',
      entityType: 'app_user',
      entityId: userId,
      details: { factors: ['password', 'totp'] },
    });
    redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo'), landingPath(account)));
  },
};
