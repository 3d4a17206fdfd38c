/**
 * Accounts, written once for the web (/admin/users) and the CLI (`supervise user create`): issue 9 §6
 * and issue 11 (the two had diverged; the username rule lived in the web only). Each function checks
 * who asks, checks the rules of core (username, password, 三权分立, the officer link), makes the change
 * and writes its audit entry in one transaction; a refused attempt is audited too, with its reasons.
 */
import { sql, type Kysely } from 'kysely';
import {
  checkGrant,
  checkPasswordPolicy,
  hasRole,
  isRole,
  isValidUsername,
  normaliseUsername,
  officerLinkRequired,
  type Grant,
} from '@supervise/core';
import type { DB } from '../generated/db.js';
import { hashPassword } from '../password.js';
import {
  accountSnapshot,
  addRoleGrant,
  createAccount,
  findStoredRoleGrants,
  removeRoleGrant,
  usernameTaken,
} from '../repositories/account.repository.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { auditActor, type Actor } from './actor.js';

type Db = Kysely<DB>;

/** Why a change to an account was refused; the web and the CLI name each in words. */
export type AccountProblem =
  | 'not_allowed'
  | 'self'
  | 'not_found'
  | 'username_format'
  | 'username_taken'
  | 'display_name'
  | 'role'
  | 'unknown_role'
  | 'separation_of_duties'
  | 'business_and_admin'
  | 'scope_not_allowed'
  | 'both_scopes'
  | 'duplicate'
  | 'unknown_brigade'
  | 'officer_required'
  | 'officer_unknown'
  | 'officer_taken'
  | 'too_short'
  | 'too_long'
  | 'too_few_classes'
  | 'contains_username';

export type AccountResult<T> = ({ ok: true } & T) | { ok: false; problems: AccountProblem[] };

/** Only the security administrator manages accounts; the system actor (a CLI operator on the server) is trusted. */
function mayManage(actor: Actor): boolean {
  return actor.principal === null || hasRole(actor.principal, 'security_admin');
}

/** An officer chosen by police number (the security admin types or picks it), or none. */
export interface OfficerChoice {
  /** The officer's police number (警号); empty or null: no officer. */
  officerCode: string | null;
}

async function officerIdOf(db: Db, code: string | null): Promise<{ id: number | null; problem?: AccountProblem }> {
  const c = code?.trim() ?? '';
  if (!c) return { id: null };
  const o = await db.selectFrom('officer').select('id').where('code', '=', c).executeTakeFirst();
  return o ? { id: o.id } : { id: null, problem: 'officer_unknown' };
}

async function officerTaken(db: Db, officerId: number, exceptUserId: number | null): Promise<boolean> {
  let q = db.selectFrom('app_user').select('id').where('officer_id', '=', officerId);
  if (exceptUserId !== null) q = q.where('id', '<>', exceptUserId);
  return (await q.executeTakeFirst()) !== undefined;
}

async function brigadeExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('brigade').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A refusal, audited in a transaction of its own (the change's transaction, if any, rolled back). */
async function refuse(
  db: Db,
  actor: Actor,
  action: string,
  problems: AccountProblem[],
  target: { userId?: number | null; details?: Record<string, unknown> },
): Promise<{ ok: false; problems: AccountProblem[] }> {
  await recordAudit(db, {
    ...auditActor(actor),
    action,
    outcome: problems.includes('not_allowed') ? 'denied' : 'failure',
    reason: problems.join(','),
    entityType: 'app_user',
    entityId: target.userId ?? null,
    details: { via: actor.via, ...target.details },
  });
  return { ok: false, problems };
}

/** PostgreSQL's answer when the 三权分立 trigger (migrations 0007, 0012) or a unique index refused a row. */
function constraintOf(e: unknown): string | null {
  const err = e as { code?: string; constraint?: string };
  return err && (err.code === '23514' || err.code === '23505') ? (err.constraint ?? null) : null;
}

function problemOfConstraint(constraint: string | null): AccountProblem | null {
  switch (constraint) {
    case 'user_role_separation_of_duties':
      return 'separation_of_duties';
    case 'user_role_business_admin':
      return 'business_and_admin';
    case 'app_user_one_per_officer':
      return 'officer_taken';
    case 'user_role_unique':
      return 'duplicate';
    case 'app_user_username_key':
      return 'username_taken';
    default:
      return null;
  }
}

export interface CreateAccountInput extends OfficerChoice {
  username: string;
  displayName: string;
  password: string;
  role: string;
  brigadeId: string | null;
  /** The web: an initial password set by an administrator is changed at first login. The CLI's operator chose it. */
  mustChangePassword: boolean;
}

/**
 * Creates an account with one role (more are granted on the account's page). Refused, and audited as
 * refused, when the username breaks the rule or is taken, the password breaks the policy, the role
 * or its scope is not allowed, or the role needs an officer (inspector, scheduler) and none is given.
 */
export async function createAccountUseCase(
  db: Db,
  actor: Actor,
  input: CreateAccountInput,
  now: Date,
): Promise<AccountResult<{ id: number }>> {
  const username = normaliseUsername(input.username);
  const displayName = input.displayName.trim();
  const brigadeId = input.brigadeId?.trim() || null;
  const details = { username, role: input.role, brigadeId, officerCode: input.officerCode?.trim() || null };
  if (!mayManage(actor)) return refuse(db, actor, 'user.create', ['not_allowed'], { details });

  const problems: AccountProblem[] = [];
  if (!isValidUsername(username)) problems.push('username_format');
  if (!displayName) problems.push('display_name');
  const grant: Grant = { role: input.role, brigadeId };
  if (!isRole(input.role)) problems.push('role');
  else {
    const refusal = checkGrant([], grant);
    if (refusal) problems.push(refusal);
  }
  if (brigadeId && !(await brigadeExists(db, brigadeId))) problems.push('unknown_brigade');
  const officer = await officerIdOf(db, input.officerCode);
  if (officer.problem) problems.push(officer.problem);
  // Issue 9 §6: tasks and reminders go to officers; an inspector or scheduler without one gets none.
  else if (officer.id === null && officerLinkRequired([grant])) problems.push('officer_required');
  else if (officer.id !== null && (await officerTaken(db, officer.id, null))) problems.push('officer_taken');
  problems.push(...checkPasswordPolicy(input.password, username));
  if (problems.length === 0 && (await usernameTaken(db, username))) problems.push('username_taken');
  if (problems.length) return refuse(db, actor, 'user.create', problems, { details });

  const hash = await hashPassword(input.password);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const newId = await createAccount(trx, {
        username,
        displayName,
        passwordHash: hash,
        mustChangePassword: input.mustChangePassword,
        roles: [{ role: input.role, brigadeId, stationId: null }],
        now,
      });
      if (officer.id !== null)
        await trx.updateTable('app_user').set({ officer_id: officer.id }).where('id', '=', newId).execute();
      await recordAudit(trx, {
        ...auditActor(actor),
        action: 'user.create',
        entityType: 'app_user',
        entityId: newId,
        after: { ...(await accountSnapshot(trx, newId)), officerCode: details.officerCode },
        details: { via: actor.via },
      });
      return newId;
    });
    return { ok: true, id };
  } catch (e) {
    const p = problemOfConstraint(constraintOf(e));
    if (p) return refuse(db, actor, 'user.create', [p], { details });
    throw e;
  }
}

/** The account's officer and roles, read under a row lock so two changes to one account queue up. */
async function lockedAccount(trx: Db, userId: number) {
  const row = await trx
    .selectFrom('app_user')
    .select(['id', 'officer_id'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { officerId: row.officer_id, grants: await findStoredRoleGrants(trx, userId) } : undefined;
}

/**
 * Grants a role (optionally scoped to a brigade). Refused and audited: not a security admin, one's
 * own account, 三权分立 (two admin roles, or business and admin on one account), an inspector or
 * scheduler role on an account with no officer, a scope the role cannot carry, a duplicate.
 */
export async function grantRoleUseCase(
  db: Db,
  actor: Actor,
  userId: number,
  input: { role: string; brigadeId: string | null },
): Promise<AccountResult<{ grantId: number }>> {
  const brigadeId = input.brigadeId?.trim() || null;
  const details = { role: input.role, brigadeId };
  if (!mayManage(actor)) return refuse(db, actor, 'user.role_grant', ['not_allowed'], { userId, details });
  if (actor.id !== null && actor.id === userId) return refuse(db, actor, 'user.role_grant', ['self'], { userId, details });
  if (!isRole(input.role)) return refuse(db, actor, 'user.role_grant', ['role'], { userId, details });
  if (brigadeId && !(await brigadeExists(db, brigadeId)))
    return refuse(db, actor, 'user.role_grant', ['unknown_brigade'], { userId, details });
  try {
    const r = await db.transaction().execute(async (trx): Promise<AccountResult<{ grantId: number }>> => {
      const account = await lockedAccount(trx, userId);
      if (!account) return { ok: false, problems: ['not_found'] };
      const grant: Grant = { role: input.role, brigadeId };
      const refusal = checkGrant(account.grants, grant);
      if (refusal) return { ok: false, problems: [refusal] };
      if (account.officerId === null && officerLinkRequired([grant])) return { ok: false, problems: ['officer_required'] };
      const before = await accountSnapshot(trx, userId);
      const grantId = await addRoleGrant(trx, userId, { role: input.role, brigadeId, stationId: null });
      await recordAudit(trx, {
        ...auditActor(actor),
        action: 'user.role_grant',
        entityType: 'app_user',
        entityId: userId,
        before,
        after: await accountSnapshot(trx, userId),
        details: { via: actor.via, ...details },
      });
      return { ok: true, grantId };
    });
    return r.ok ? r : refuse(db, actor, 'user.role_grant', r.problems, { userId, details });
  } catch (e) {
    const p = problemOfConstraint(constraintOf(e));
    if (p) return refuse(db, actor, 'user.role_grant', [p], { userId, details });
    throw e;
  }
}

/** Revokes one grant. Refused and audited: not a security admin, one's own account, no such grant. */
export async function revokeRoleUseCase(db: Db, actor: Actor, userId: number, grantId: number): Promise<AccountResult<object>> {
  const details = { grantId };
  if (!mayManage(actor)) return refuse(db, actor, 'user.role_revoke', ['not_allowed'], { userId, details });
  if (actor.id !== null && actor.id === userId) return refuse(db, actor, 'user.role_revoke', ['self'], { userId, details });
  const r = await db.transaction().execute(async (trx): Promise<AccountResult<object>> => {
    const account = await lockedAccount(trx, userId);
    if (!account) return { ok: false, problems: ['not_found'] };
    const before = await accountSnapshot(trx, userId);
    const removed = await removeRoleGrant(trx, userId, grantId);
    if (!removed) return { ok: false, problems: ['role'] };
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'user.role_revoke',
      entityType: 'app_user',
      entityId: userId,
      before,
      after: await accountSnapshot(trx, userId),
      details: { via: actor.via, role: removed.role, brigadeId: removed.brigadeId },
    });
    return { ok: true };
  });
  return r.ok ? r : refuse(db, actor, 'user.role_revoke', r.problems, { userId, details });
}

/**
 * Links an account to an officer record, or unlinks it (empty code). Refused and audited: not a
 * security admin, an unknown police number, an officer who already has an account, and unlinking
 * an account that holds the inspector or scheduler role.
 */
export async function linkOfficerUseCase(
  db: Db,
  actor: Actor,
  userId: number,
  choice: OfficerChoice,
): Promise<AccountResult<object>> {
  const officerCode = choice.officerCode?.trim() || null;
  const details = { officerCode };
  if (!mayManage(actor)) return refuse(db, actor, 'user.officer_link', ['not_allowed'], { userId, details });
  const officer = await officerIdOf(db, officerCode);
  if (officer.problem) return refuse(db, actor, 'user.officer_link', [officer.problem], { userId, details });
  try {
    const r = await db.transaction().execute(async (trx): Promise<AccountResult<object>> => {
      const account = await lockedAccount(trx, userId);
      if (!account) return { ok: false, problems: ['not_found'] };
      if (officer.id === null && officerLinkRequired(account.grants)) return { ok: false, problems: ['officer_required'] };
      if (officer.id !== null && (await officerTaken(trx, officer.id, userId))) return { ok: false, problems: ['officer_taken'] };
      const previous = account.officerId
        ? ((await trx.selectFrom('officer').select('code').where('id', '=', account.officerId).executeTakeFirst())?.code ?? null)
        : null;
      await trx.updateTable('app_user').set({ officer_id: officer.id }).where('id', '=', userId).execute();
      await recordAudit(trx, {
        ...auditActor(actor),
        action: 'user.officer_link',
        entityType: 'app_user',
        entityId: userId,
        before: { officerCode: previous },
        after: { officerCode },
        details: { via: actor.via },
      });
      return { ok: true };
    });
    return r.ok ? r : refuse(db, actor, 'user.officer_link', r.problems, { userId, details });
  } catch (e) {
    const p = problemOfConstraint(constraintOf(e));
    if (p) return refuse(db, actor, 'user.officer_link', [p], { userId, details });
    throw e;
  }
}

/** The officer an account is linked to (police number and name), for the account page. */
export async function accountOfficer(
  db: Db,
  userId: number,
): Promise<{ code: string; name: string; brigadeId: string | null } | null> {
  const r = await db
    .selectFrom('app_user as u')
    .innerJoin('officer as o', 'o.id', 'u.officer_id')
    .select(['o.code', 'o.name', 'o.brigade_id'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return r ? { code: r.code, name: r.name, brigadeId: r.brigade_id } : null;
}

/** Officers without an account yet (police number and name), for the security admin's picker. */
export async function officersWithoutAccount(db: Db): Promise<{ code: string; name: string; brigadeId: string | null }[]> {
  const rows = await db
    .selectFrom('officer as o')
    .select(['o.code', 'o.name', 'o.brigade_id'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('app_user as u')
            .select(sql`1`.as('one'))
            .whereRef('u.officer_id', '=', 'o.id'),
        ),
      ),
    )
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, brigadeId: r.brigade_id }));
}
