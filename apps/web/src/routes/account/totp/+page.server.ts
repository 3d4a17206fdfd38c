import { fail, redirect } from '@sveltejs/kit';
import { landingPath } from '@supervise/core';
import { enableTotp, findAccountById, setPendingTotpSecret } from '@supervise/db';
import QRCode from 'qrcode';
import { requireAccount } from '$lib/server/access';
import { audit } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { securityEnv } from '$lib/server/security-env';
import { decryptSecret, encryptSecret, newTotpSecret, totpUri, verifyTotp } from '$lib/server/totp';
import type { Actions, PageServerLoad } from './$types';

// TOTP enrolment: required before anything else for the three administrative roles, open to all.
export const load: PageServerLoad = async (event) => {
  const who = requireAccount(event, 'enrol');
  const db = getDb();
  const account = await findAccountById(db, who.userId);
  if (!account) redirect(303, '/login');
  if (account.totpEnabledAt) return { enabled: true as const, required: false };
  // The secret awaiting confirmation is kept (encrypted), so reloading the page shows the same one.
  const key = securityEnv().totpKey;
  let secret: string;
  if (account.totpSecretEnc) {
    secret = decryptSecret(account.totpSecretEnc, key, account.id);
  } else {
    secret = newTotpSecret();
    await setPendingTotpSecret(db, account.id, encryptSecret(secret, key, account.id));
  }
  const uri = totpUri(secret, account.username);
  return {
    enabled: false as const,
    required: who.pending,
    secret,
    uri,
    qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
  };
};

export const actions: Actions = {
  enrol: async (event) => {
    const who = requireAccount(event, 'enrol');
    const code = String((await event.request.formData()).get('code') ?? '');
    const db = getDb();
    const account = await findAccountById(db, who.userId);
    if (!account?.totpSecretEnc || account.totpEnabledAt) redirect(303, '/account/totp');
    const now = new Date();
    const step = verifyTotp(decryptSecret(account.totpSecretEnc, securityEnv().totpKey, account.id), code, now, null);
    if (step === null) return fail(400, { error: 'invalid' as const });
    await db.transaction().execute(async (trx) => {
      await enableTotp(trx, account.id, now, step);
      await audit(trx, event, {
        action: 'user.totp_enrol',
        entityType: 'app_user',
        entityId: account.id,
        before: { totpEnabled: false },
        after: { totpEnabled: true },
      });
    });
    redirect(303, who.pending ? landingPath(account) : '/account/totp');
  },
};
