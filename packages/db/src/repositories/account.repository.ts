import type { Kysely } from 'kysely';
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
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'password_hash', 'locale', 'disabled_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) return undefined;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    passwordHash: user.password_hash,
    locale: user.locale,
    disabledAt: user.disabled_at,
    roles: await findRoleGrants(db, user.id),
  };
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
