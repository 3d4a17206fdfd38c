import { DEFAULT_THROTTLE_POLICY, throttleDecisionAfterClaim, type ThrottlePolicy } from '@supervise/core';
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
 * Counts one attempt for each key BEFORE it is checked, atomically, and returns the counters with it
 * included (issue 15: a read, then a hash, then a write let concurrent wrong passwords all pass the
 * read). The caller decides with `throttleDecisionAfterClaim` and, on success, clears the account's
 * key and refunds the address's count (`refundThrottleAttempt`).
 */
export async function claimThrottleAttempt(
  db: Kysely<DB>,
  keys: readonly string[],
  now: Date,
  windowMs: number,
): Promise<Map<string, ThrottleRow>> {
  if (keys.length === 0) return new Map();
  const cutoff = new Date(now.getTime() - windowMs);
  const rows = await db
    .insertInto('login_throttle')
    .values(keys.map((key) => ({ key, window_start: now, failures: 1 })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when login_throttle.window_start <= ${cutoff} then 1 else login_throttle.failures + 1 end`,
        window_start: sql`case when login_throttle.window_start <= ${cutoff} then excluded.window_start else login_throttle.window_start end`,
      }),
    )
    .returning(['key', 'window_start', 'failures'])
    .execute();
  return new Map(rows.map((r) => [r.key, { windowStart: r.window_start, failures: r.failures }]));
}

/** Takes back one counted attempt of a key (a successful login's, on its address's counter). */
export async function refundThrottleAttempt(db: Kysely<DB>, key: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ failures: sql`greatest(failures - 1, 0)` })
    .where('key', '=', key)
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

export type ThrottledCheck =
  { outcome: 'ok' } | { outcome: 'failed' } | { outcome: 'locked'; reason: 'account_locked' | 'address_locked'; retryAt: Date };

/**
 * The one throttled secret check (a login password, a TOTP code, the current password on the
 * password page, the second officer's password on a record): the attempt is counted on every key
 * first, atomically; only within the limit is `check` run (the argon2 hash, the TOTP code); a success
 * clears the first key (the account's) and refunds the attempt on the others (the address's), a
 * failure keeps its count. `keys[0]` is the account's key, `keys[1]` (optional) the address's.
 */
export async function throttledCheck(
  db: Kysely<DB>,
  keys: readonly [string, ...string[]],
  now: Date,
  check: () => Promise<boolean>,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
): Promise<ThrottledCheck> {
  const counters = await claimThrottleAttempt(db, keys, now, policy.windowMs);
  const decision = throttleDecisionAfterClaim(counters.get(keys[0]), keys[1] ? counters.get(keys[1]) : undefined, now, policy);
  if (!decision.allowed) return { outcome: 'locked', reason: decision.reason, retryAt: decision.retryAt };
  if (!(await check())) return { outcome: 'failed' };
  await clearThrottle(db, keys[0]);
  for (const k of keys.slice(1)) await refundThrottleAttempt(db, k);
  return { outcome: 'ok' };
}
