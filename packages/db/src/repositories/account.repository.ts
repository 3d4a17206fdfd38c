import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/** One role grant, optionally scoped to a brigade or a police station (e.g. a traffic-brigade scheduler). */
export interface RoleGrant {
  role: string;
  brigadeId: string | null;
  stationId: string | null;
}

/** What the login form needs: the hash to verify and whether the account may sign in at all. */
export interface LoginAccount {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  locale: string;
  disabledAt: Date | null;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
  /** Set once the user confirmed a code; until then a stored secret is only an enrolment in progress. */
  totpEnabledAt: Date | null;
  totpSecretEnc: string | null;
  totpLastStep: number | null;
  roles: RoleGrant[];
}

/** A signed-in user as the web app sees it (never the password hash). */
export interface AccountSummary {
  id: number;
  username: string;
  displayName: string;
  locale: string;
  officerId: number | null;
  roles: RoleGrant[];
}

/** The account with this exact username and its role grants, or undefined. */
export async function findAccountByUsername(db: Kysely<DB>, username: string): Promise<LoginAccount | undefined> {
  const user = await db.selectFrom('app_user').select(LOGIN_COLUMNS).where('username', '=', username).executeTakeFirst();
  return user ? toLoginAccount(db, user) : undefined;
}

const LOGIN_COLUMNS = [
  'id',
  'username',
  'display_name',
  'password_hash',
  'locale',
  'disabled_at',
  'password_changed_at',
  'must_change_password',
  'totp_enabled_at',
  'totp_secret_enc',
  'totp_last_step',
] as const;

async function toLoginAccount(
  db: Kysely<DB>,
  user: {
    id: number;
    username: string;
    display_name: string;
    password_hash: string;
    locale: string;
    disabled_at: Date | null;
    password_changed_at: Date;
    must_change_password: boolean;
    totp_enabled_at: Date | null;
    totp_secret_enc: string | null;
    totp_last_step: number | null;
  },
): Promise<LoginAccount> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    passwordHash: user.password_hash,
    locale: user.locale,
    disabledAt: user.disabled_at,
    passwordChangedAt: user.password_changed_at,
    mustChangePassword: user.must_change_password,
    totpEnabledAt: user.totp_enabled_at,
    totpSecretEnc: user.totp_secret_enc,
    totpLastStep: user.totp_last_step,
    roles: await findRoleGrants(db, user.id),
  };
}

/** The account with this id (enabled or not) with its security state, or undefined. */
export async function findAccountById(db: Kysely<DB>, userId: number): Promise<LoginAccount | undefined> {
  const user = await db.selectFrom('app_user').select(LOGIN_COLUMNS).where('id', '=', userId).executeTakeFirst();
  return user ? toLoginAccount(db, user) : undefined;
}

/** An enabled account by id with its role grants, or undefined (unknown or disabled). */
export async function findActiveAccountById(db: Kysely<DB>, userId: number): Promise<AccountSummary | undefined> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'locale', 'officer_id'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) return undefined;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    locale: user.locale,
    officerId: user.officer_id,
    roles: await findRoleGrants(db, user.id),
  };
}

export async function findRoleGrants(db: Kysely<DB>, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_role')
    .select(['role', 'brigade_id', 'station_id'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ role: r.role, brigadeId: r.brigade_id, stationId: r.station_id }));
}

/** A role grant with its row id (to revoke it). */
export interface StoredRoleGrant extends RoleGrant {
  id: number;
}

export async function findStoredRoleGrants(db: Kysely<DB>, userId: number): Promise<StoredRoleGrant[]> {
  const rows = await db
    .selectFrom('user_role')
    .select(['id', 'role', 'brigade_id', 'station_id'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, role: r.role, brigadeId: r.brigade_id, stationId: r.station_id }));
}

/** One line of the account list for the security administrator. */
export interface AccountListRow {
  id: number;
  username: string;
  displayName: string;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  roles: RoleGrant[];
  lastLoginAt: Date | null;
}

export async function listAccounts(db: Kysely<DB>): Promise<AccountListRow[]> {
  const users = await db
    .selectFrom('app_user as u')
    .select((eb) => [
      'u.id',
      'u.username',
      'u.display_name',
      'u.disabled_at',
      'u.must_change_password',
      'u.totp_enabled_at',
      eb
        .selectFrom('audit_log as a')
        .select((e) => e.fn.max('a.at').as('at'))
        .where('a.actor_id', '=', eb.ref('u.id'))
        .where('a.action', '=', 'auth.login')
        .where('a.outcome', '=', 'success')
        .as('last_login_at'),
    ])
    .orderBy('u.username')
    .execute();
  const grants = await db
    .selectFrom('user_role')
    .select(['user_id', 'role', 'brigade_id', 'station_id'])
    .orderBy('role')
    .orderBy('id')
    .execute();
  const byUser = new Map<number, RoleGrant[]>();
  for (const g of grants) {
    const list = byUser.get(g.user_id) ?? [];
    list.push({ role: g.role, brigadeId: g.brigade_id, stationId: g.station_id });
    byUser.set(g.user_id, list);
  }
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    disabledAt: u.disabled_at,
    mustChangePassword: u.must_change_password,
    totpEnabled: u.totp_enabled_at !== null,
    roles: byUser.get(u.id) ?? [],
    lastLoginAt: (u.last_login_at as Date | null) ?? null,
  }));
}

export interface NewAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  /** An initial password set by an administrator must be changed at first login. */
  mustChangePassword: boolean;
  roles: RoleGrant[];
  now: Date;
}

/** Creates an account with its grants (the 三权分立 trigger refuses two administrative roles). */
export async function createAccount(db: Kysely<DB>, a: NewAccount): Promise<number> {
  const user = await db
    .insertInto('app_user')
    .values({
      username: a.username,
      display_name: a.displayName,
      password_hash: a.passwordHash,
      must_change_password: a.mustChangePassword,
      password_changed_at: a.now,
      created_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of a.roles) await addRoleGrant(db, user.id, g);
  await db
    .insertInto('password_history')
    .values({ user_id: user.id, password_hash: a.passwordHash, created_at: a.now })
    .execute();
  return user.id;
}

export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const r = await db
    .selectFrom('app_user')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
  return r !== undefined;
}

export async function addRoleGrant(db: Kysely<DB>, userId: number, g: RoleGrant): Promise<number> {
  const r = await db
    .insertInto('user_role')
    .values({ user_id: userId, role: g.role, brigade_id: g.brigadeId, station_id: g.stationId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Removes one grant of this user; returns it, or undefined when there is no such grant. */
export async function removeRoleGrant(db: Kysely<DB>, userId: number, grantId: number): Promise<RoleGrant | undefined> {
  const r = await db
    .deleteFrom('user_role')
    .where('id', '=', grantId)
    .where('user_id', '=', userId)
    .returning(['role', 'brigade_id', 'station_id'])
    .executeTakeFirst();
  return r ? { role: r.role, brigadeId: r.brigade_id, stationId: r.station_id } : undefined;
}

export async function setAccountDisabled(db: Kysely<DB>, userId: number, disabledAt: Date | null): Promise<void> {
  await db.updateTable('app_user').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
}

/** The hashes of the account's last `n` passwords, newest first (the current one included). */
export async function recentPasswordHashes(db: Kysely<DB>, userId: number, n: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Sets a new password (kept in the history); `mustChange` when an administrator set it. */
export async function setPassword(
  db: Kysely<DB>,
  userId: number,
  passwordHash: string,
  opts: { mustChange: boolean; now: Date },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: opts.mustChange, password_changed_at: opts.now })
    .where('id', '=', userId)
    .execute();
  await db
    .insertInto('password_history')
    .values({ user_id: userId, password_hash: passwordHash, created_at: opts.now })
    .execute();
}

/** Stores a new (encrypted) TOTP secret awaiting confirmation; the second factor is off until then. */
export async function setPendingTotpSecret(db: Kysely<DB>, userId: number, secretEnc: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret_enc: secretEnc, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
}

/** Turns the second factor on after a confirmed code (whose time step is then used up). */
export async function enableTotp(db: Kysely<DB>, userId: number, now: Date, step: number): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_enabled_at: now, totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_secret_enc', 'is not', null)
    .execute();
}

/**
 * Uses up a TOTP time step: true only when `step` is later than the last one used, so a code cannot
 * be replayed, not even by two concurrent requests (one conditional UPDATE).
 */
export async function consumeTotpStep(db: Kysely<DB>, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Removes the second factor (the security administrator's reset); the user enrols again. */
export async function resetTotp(db: Kysely<DB>, userId: number): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute();
}

/** What the audit log keeps of an account before and after a change: never hashes or secrets. */
export interface AccountSnapshot {
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  roles: RoleGrant[];
}

export async function accountSnapshot(db: Kysely<DB>, userId: number): Promise<AccountSnapshot | undefined> {
  const a = await findAccountById(db, userId);
  if (!a) return undefined;
  return {
    username: a.username,
    displayName: a.displayName,
    disabled: a.disabledAt !== null,
    mustChangePassword: a.mustChangePassword,
    totpEnabled: a.totpEnabledAt !== null,
    roles: a.roles,
  };
}
