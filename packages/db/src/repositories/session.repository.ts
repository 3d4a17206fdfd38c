import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { findRoleGrants, type RoleGrant } from './account.repository.js';
import { forgetCachedSessions } from './session-cache.js';

/**
 * Sessions are stored by `id_hash`, the SHA-256 (hex) of the random cookie token: a copy of this table
 * does not let anyone sign in. Callers hash the token; this repository never sees it.
 */
export interface NewSession {
  idHash: string;
  userId: number;
  /** Absolute end of the session, whatever the activity. */
  expiresAt: Date;
  now: Date;
  ip?: string | null;
  userAgent?: string | null;
  /** 'totp' until the second factor is given; 'active' otherwise. */
  stage?: SessionStage;
  loginNotice?: LoginNotice | null;
}

export type SessionStage = 'totp' | 'active';

/** Shown to the user after login: the previous login and the failed attempts since (等保 8.1.4.1). */
export interface LoginNotice {
  previousAt: string | null;
  previousIp: string | null;
  failuresSince: number;
}

export interface SessionWithUser {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  stage: SessionStage;
  loginNotice: LoginNotice | null;
  user: {
    id: number;
    username: string;
    displayName: string;
    locale: string;
    officerId: number | null;
    disabled: boolean;
    passwordChangedAt: Date;
    mustChangePassword: boolean;
    totpEnabled: boolean;
    roles: RoleGrant[];
  };
}

/** Inserts a session row; `replaceUserSessions` is the way in, so the account never has two live. */
async function createSession(db: Kysely<DB>, s: NewSession): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip ?? null,
      user_agent: s.userAgent ?? null,
      stage: s.stage ?? 'active',
      login_notice: s.loginNotice ? JSON.stringify(s.loginNotice) : null,
    })
    .execute();
}

/**
 * The session with this hash and its user and role grants, ended or not: the caller decides (with
 * the idle and absolute timeouts) whether it is still live.
 */
export async function findSessionWithUser(db: Kysely<DB>, idHash: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.ended_at',
      's.stage',
      's.login_notice',
      'u.password_changed_at',
      'u.must_change_password',
      'u.totp_enabled_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.locale',
      'u.officer_id',
      'u.disabled_at',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    idHash: row.id_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
    stage: row.stage === 'totp' ? 'totp' : 'active',
    loginNotice: (row.login_notice as LoginNotice | null) ?? null,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      locale: row.locale,
      officerId: row.officer_id,
      disabled: row.disabled_at !== null,
      passwordChangedAt: row.password_changed_at,
      mustChangePassword: row.must_change_password,
      totpEnabled: row.totp_enabled_at !== null,
      roles: await findRoleGrants(db, row.user_id),
    },
  };
}

/** Records activity on a live session (for the idle timeout). Never revives an ended session. */
export async function touchSession(db: Kysely<DB>, idHash: string, now: Date): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: now })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .where('last_seen_at', '<', now)
    .execute();
}

/** Ends one session (logout or timeout). Idempotent: the first end time is kept. */
export async function endSession(db: Kysely<DB>, idHash: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('user_session')
    .set({ ended_at: now })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  // This process's cached copy goes now; other processes' when the NOTIFY arrives (session-cache.ts).
  forgetCachedSessions({ idHash });
  return r.numUpdatedRows > 0n;
}

/** Ends every live session of a user (one live session per account; disabling an account). */
export async function endUserSessions(db: Kysely<DB>, userId: number, now: Date): Promise<number> {
  const r = await db
    .updateTable('user_session')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  forgetCachedSessions({ userId });
  return Number(r.numUpdatedRows);
}

/**
 * Opens the account's only live session: every other live session of the account ends first, in one
 * transaction (one live session per account, 等保 level 3; a partial unique index backs it up).
 */
export async function replaceUserSessions(db: Kysely<DB>, s: NewSession): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await endUserSessions(trx, s.userId, s.now);
    await createSession(trx, s);
    return ended;
  });
}
