import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { findRoleGrants, type RoleGrant } from './account.repository.js';

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
}

export interface SessionWithUser {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  user: {
    id: number;
    username: string;
    displayName: string;
    locale: string;
    officerId: number | null;
    disabled: boolean;
    roles: RoleGrant[];
  };
}

export async function createSession(db: Kysely<DB>, s: NewSession): Promise<void> {
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
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      locale: row.locale,
      officerId: row.officer_id,
      disabled: row.disabled_at !== null,
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
  return Number(r.numUpdatedRows);
}
