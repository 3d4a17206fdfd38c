import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { checkPasswordPolicy } from '@supervise/core';
import {
  accountOfficer,
  accountSnapshot,
  endUserSessions,
  findAccountById,
  findStoredRoleGrants,
  grantRoleUseCase,
  hashPassword,
  linkOfficerUseCase,
  listBrigades,
  officersWithoutAccount,
  resetTotp,
  revokeRoleUseCase,
  setAccountDisabled,
  setPassword,
  type Database,
} from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { audit } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

function userId(params: { id: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not found');
  return id;
}

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  const id = userId(event.params);
  const db = getDb();
  const account = await findAccountById(db, id);
  if (!account) error(404, 'not found');
  // Account details are confidential: every view is in the audit log.
  await audit(db, event, { action: 'user.view', entityType: 'app_user', entityId: id });
  return {
    account: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      disabled: account.disabledAt !== null,
      mustChangePassword: account.mustChangePassword,
      totpEnabled: account.totpEnabledAt !== null,
      passwordChangedAt: account.passwordChangedAt.toISOString(),
    },
    grants: await findStoredRoleGrants(db, id),
    officer: await accountOfficer(db, id),
    officers: await officersWithoutAccount(db),
    brigades: (await listBrigades(db)).map((b) => ({ id: b.id, name: b.name_zh })),
    self: event.locals.user?.id === id,
  };
};

/**
 * Runs one change to an account in a transaction with its audit entry (before and after). The
 * security administrator may not change their own roles or disable themselves.
 */
async function change(
  event: RequestEvent<{ id: string }>,
  action: string,
  fn: (trx: Database, id: number, form: FormData) => Promise<string[] | void>,
  opts: { allowSelf?: boolean } = {},
) {
  const user = requireRoute(event);
  const id = userId(event.params);
  if (!opts.allowSelf && user.id === id) return fail(400, { problems: ['self'] });
  const form = await event.request.formData();
  const db = getDb();
  const problems = await db.transaction().execute(async (trx) => {
    const before = await accountSnapshot(trx, id);
    if (!before) error(404, 'not found');
    const p = await fn(trx, id, form);
    if (p?.length) return p;
    await audit(trx, event, { action, entityType: 'app_user', entityId: id, before, after: await accountSnapshot(trx, id) });
    return [];
  });
  if (problems.length) return fail(400, { problems });
  redirect(303, `/admin/users/${id}`);
}

export const actions: Actions = {
  // Role grants, revocations and the officer link go through the account use-cases (issue 9 §6–§7):
  // the same rules as the CLI, and a refused grant is in the audit log too.
  grant: async (event) => {
    const user = requireRoute(event);
    const id = userId(event.params);
    const f = await event.request.formData();
    const r = await grantRoleUseCase(getDb(), actorOf(event, user), id, {
      role: String(f.get('role') ?? ''),
      brigadeId: String(f.get('brigadeId') ?? '') || null,
    });
    if (!r.ok)
      return r.problems.includes('not_found') ? error(404, 'not found') : fail(400, { problems: r.problems as string[] });
    redirect(303, `/admin/users/${id}`);
  },
  revoke: async (event) => {
    const user = requireRoute(event);
    const id = userId(event.params);
    const grantId = Number((await event.request.formData()).get('grantId'));
    if (!Number.isSafeInteger(grantId) || grantId <= 0) return fail(400, { problems: ['role'] });
    const r = await revokeRoleUseCase(getDb(), actorOf(event, user), id, grantId);
    if (!r.ok)
      return r.problems.includes('not_found') ? error(404, 'not found') : fail(400, { problems: r.problems as string[] });
    redirect(303, `/admin/users/${id}`);
  },
  linkOfficer: async (event) => {
    const user = requireRoute(event);
    const id = userId(event.params);
    const officerCode = String((await event.request.formData()).get('officerCode') ?? '').trim() || null;
    const r = await linkOfficerUseCase(getDb(), actorOf(event, user), id, { officerCode });
    if (!r.ok)
      return r.problems.includes('not_found') ? error(404, 'not found') : fail(400, { problems: r.problems as string[] });
    redirect(303, `/admin/users/${id}`);
  },
  disable: (event) =>
    change(event, 'user.disable', async (trx, id) => {
      const now = new Date();
      await setAccountDisabled(trx, id, now);
      await endUserSessions(trx, id, now);
    }),
  enable: (event) =>
    change(event, 'user.enable', async (trx, id) => {
      await setAccountDisabled(trx, id, null);
    }),
  resetPassword: (event) =>
    change(event, 'user.password_reset', async (trx, id, f) => {
      const account = await findAccountById(trx, id);
      const password = String(f.get('password') ?? '');
      const problems = checkPasswordPolicy(password, account!.username);
      if (problems.length) return problems;
      const now = new Date();
      // A password set by an administrator is changed at the next login; live sessions end.
      await setPassword(trx, id, await hashPassword(password), { mustChange: true, now });
      await endUserSessions(trx, id, now);
    }),
  resetTotp: (event) =>
    change(event, 'user.totp_reset', async (trx, id) => {
      await resetTotp(trx, id);
      await endUserSessions(trx, id, new Date());
    }),
};
