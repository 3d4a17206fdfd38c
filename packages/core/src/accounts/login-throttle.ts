/**
 * Login rate limiting with fixed windows (OWASP ASVS 2.2.1; GB/T 22239-2019 level 3, 8.1.4.1 b:
 * limit failed logins, lock on repeated failure). Checked BEFORE any password hashing, so a flood of
 * attempts costs the server a row lookup each, not an argon2 hash. Pure: the clock is a parameter.
 */
export interface ThrottlePolicy {
  windowMs: number;
  /** Failures per account (by the username typed, existing or not) per window. */
  maxPerAccount: number;
  /** Failures per client address per window. */
  maxPerAddress: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerAddress: 20 };

/** A counter as stored: failures counted since `windowStart`. */
export interface ThrottleCounter {
  windowStart: Date;
  failures: number;
}

/** The failures that still count at `now` (0 once the window is over). */
export function currentFailures(counter: ThrottleCounter | undefined, now: Date, windowMs: number): number {
  if (!counter) return 0;
  return now.getTime() - counter.windowStart.getTime() < windowMs ? counter.failures : 0;
}

/** The counter after one more failure at `now`: a new window starts when the old one is over. */
export function nextCounter(counter: ThrottleCounter | undefined, now: Date, windowMs: number): ThrottleCounter {
  const live = currentFailures(counter, now, windowMs);
  return live === 0 ? { windowStart: now, failures: 1 } : { windowStart: counter!.windowStart, failures: live + 1 };
}

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: 'account_locked' | 'address_locked'; retryAt: Date };

/** Whether one more attempt may be checked at all, given the account's and the address's counters. */
export function throttleDecision(
  account: ThrottleCounter | undefined,
  address: ThrottleCounter | undefined,
  now: Date,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
): ThrottleDecision {
  if (currentFailures(account, now, policy.windowMs) >= policy.maxPerAccount) {
    return { allowed: false, reason: 'account_locked', retryAt: new Date(account!.windowStart.getTime() + policy.windowMs) };
  }
  if (currentFailures(address, now, policy.windowMs) >= policy.maxPerAddress) {
    return { allowed: false, reason: 'address_locked', retryAt: new Date(address!.windowStart.getTime() + policy.windowMs) };
  }
  return { allowed: true };
}

/**
 * The decision for an attempt already COUNTED (issue 15: concurrent wrong passwords each read the
 * counter before any of them wrote it, and got about three times the limit). Every attempt is first
 * added to its counters in one atomic statement; the counters it gets back include it, and it may go
 * on only while they are within the limit. A success then takes its count back (`clearThrottle`).
 */
export function throttleDecisionAfterClaim(
  account: ThrottleCounter | undefined,
  address: ThrottleCounter | undefined,
  now: Date,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
): ThrottleDecision {
  const before = (c: ThrottleCounter | undefined) => (c ? { ...c, failures: c.failures - 1 } : undefined);
  return throttleDecision(before(account), before(address), now, policy);
}

/**
 * Usernames are at most 32 characters (USERNAME_PATTERN); a name longer than this typed at the login form
 * is cut to this length for its throttle key and its audit entry, so it is throttled and audited like
 * any other name (issue 15: a 10 kB username overflowed the key's index and ended in a 500).
 */
export const MAX_LOGIN_NAME_LENGTH = 64;

/**
 * The name typed at the login form as it is counted and audited (NUL characters dropped — PostgreSQL
 * refuses them in text, and a NUL in the name ended in a 500, found by the fuzz drill of issue 15 §5 —,
 * trimmed, at most 64 characters).
 */
export function loginName(typed: string): string {
  return typed.replace(/\0/g, '').trim().slice(0, MAX_LOGIN_NAME_LENGTH);
}

/** The counter keys: usernames case-folded so `Leader` and `leader` share one counter. */
export function accountThrottleKey(username: string): string {
  return `account:${loginName(username).toLowerCase()}`;
}

/**
 * The second factor's own counter (issue 15: it shared the password's, which a correct password
 * cleared, so TOTP codes could be guessed without end). Only a correct code clears it.
 */
export function totpThrottleKey(username: string): string {
  return `totp:${loginName(username).toLowerCase()}`;
}

export function addressThrottleKey(address: string): string {
  return `address:${address}`;
}
