import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { checkGrant, checkPasswordPolicy, isRole } from '@supervise/core';
import {
  accountSnapshot,
  addRoleGrant,
  endUserSessions,
  findAccountById,
  findStoredRoleGrants,
  hashPassword,
  listBrigades,
  removeRoleGrant,
  resetTotp,
  setAccountDisabled,
  setPassword,
  type Database,
} from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { audit } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
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
  grant: (event) =>
    change(event, 'user.role_grant', async (trx, id, f) => {
      const role = String(f.get('role') ?? '');
      const brigadeId = String(f.get('brigadeId') ?? '') || null;
      if (!isRole(role)) return ['role'];
      const refusal = checkGrant(await findStoredRoleGrants(trx, id), { role, brigadeId });
      if (refusal) return [refusal];
      await addRoleGrant(trx, id, { role, brigadeId, stationId: null });
    }),
  revoke: (event) =>
    change(event, 'user.role_revoke', async (trx, id, f) => {
      if (!(await removeRoleGrant(trx, id, Number(f.get('grantId'))))) return ['role'];
    }),
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
