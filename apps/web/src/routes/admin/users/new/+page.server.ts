import { fail, redirect } from '@sveltejs/kit';
import { checkGrant, checkPasswordPolicy, isRole } from '@supervise/core';
import { accountSnapshot, createAccount, hashPassword, listBrigades, usernameTaken } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { audit } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  return { brigades: (await listBrigades(getDb())).map((b) => ({ id: b.id, name: b.name_zh })) };
};

export const actions: Actions = {
  default: async (event) => {
    requireRoute(event);
    const f = await event.request.formData();
    const username = String(f.get('username') ?? '')
      .trim()
      .toLowerCase();
    const displayName = String(f.get('displayName') ?? '').trim();
    const password = String(f.get('password') ?? '');
    const role = String(f.get('role') ?? '');
    const brigadeId = String(f.get('brigadeId') ?? '') || null;
    const values = { username, displayName, role, brigadeId };
    const problems: string[] = [];
    if (!USERNAME.test(username)) problems.push('username_format');
    if (!displayName) problems.push('display_name');
    if (!isRole(role)) problems.push('role');
    else {
      const refusal = checkGrant([], { role, brigadeId });
      if (refusal) problems.push(refusal);
    }
    problems.push(...checkPasswordPolicy(password, username));
    const db = getDb();
    if (problems.length === 0 && (await usernameTaken(db, username))) problems.push('username_taken');
    if (problems.length) return fail(400, { values, problems });

    const hash = await hashPassword(password);
    const id = await db.transaction().execute(async (trx) => {
      const newId = await createAccount(trx, {
        username,
        displayName,
        passwordHash: hash,
        // An initial password set by an administrator is changed at first login.
        mustChangePassword: true,
        roles: [{ role, brigadeId, stationId: null }],
        now: new Date(),
      });
      await audit(trx, event, {
        action: 'user.create',
        entityType: 'app_user',
        entityId: newId,
        after: await accountSnapshot(trx, newId),
      });
      return newId;
    });
    redirect(303, `/admin/users/${id}?created`);
  },
};
