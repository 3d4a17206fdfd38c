import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/** A stored fixed-window counter (see @supervise/core `login-throttle.ts` for the rules). */
export interface ThrottleRow {
  windowStart: Date;
  failures: number;
}

/** The counters of these keys (missing keys have none). One indexed read, no hashing. */
export async function readThrottle(db: Kysely<DB>, keys: readonly string[]): Promise<Map<string, ThrottleRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('login_throttle')
    .select(['key', 'window_start', 'failures'])
    .where('key', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.key, { windowStart: r.window_start, failures: r.failures }]));
}

/**
 * Counts one failure for each key at `now`, atomically: a counter whose window is over starts a new
 * window at `now` with 1, otherwise it adds 1. Concurrent failures never lose a count.
 */
export async function recordThrottleFailure(db: Kysely<DB>, keys: readonly string[], now: Date, windowMs: number): Promise<void> {
  if (keys.length === 0) return;
  const cutoff = new Date(now.getTime() - windowMs);
  await db
    .insertInto('login_throttle')
    .values(keys.map((key) => ({ key, window_start: now, failures: 1 })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when login_throttle.window_start <= ${cutoff} then 1 else login_throttle.failures + 1 end`,
        window_start: sql`case when login_throttle.window_start <= ${cutoff} then excluded.window_start else login_throttle.window_start end`,
      }),
    )
    .execute();
}

/** Forgets a key's failures (an account's after a successful login; never an address's). */
export async function clearThrottle(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Deletes counters whose window ended before `before` (housekeeping; they no longer count). */
export async function pruneThrottle(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db.deleteFrom('login_throttle').where('window_start', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
