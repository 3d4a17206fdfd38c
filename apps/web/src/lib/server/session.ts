import { createHash, randomBytes } from 'node:crypto';

/** The session cookie. Its value is a random token; the database keeps only its SHA-256. */
export const SESSION_COOKIE = 'sid';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as we issue it: 32 bytes in base64url. Anything else is not looked up at all. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export type SessionState = 'active' | 'ended' | 'idle_timeout' | 'absolute_timeout';

/**
 * Whether a stored session may still be used at `now`. Pure: the clock is a parameter.
 * Absolute timeout: `expiresAt` (set at login to createdAt + maxMs), and createdAt + maxMs again in
 * case the policy was shortened since. Idle timeout: lastSeenAt + idleMs.
 */
export function sessionState(s: SessionTimes, now: Date, policy: SessionPolicy): SessionState {
  if (s.endedAt !== null) return 'ended';
  const t = now.getTime();
  if (t >= s.expiresAt.getTime() || t >= s.createdAt.getTime() + policy.maxMs) return 'absolute_timeout';
  if (t >= s.lastSeenAt.getTime() + policy.idleMs) return 'idle_timeout';
  return 'active';
}

/** The absolute end of a session opened at `now`. */
export function sessionExpiry(now: Date, policy: SessionPolicy): Date {
  return new Date(now.getTime() + policy.maxMs);
}

/**
 * Writing last_seen_at on every request costs a write per page; a minute's resolution is plenty for
 * an idle timeout counted in minutes.
 */
export const TOUCH_INTERVAL_MS = 60_000;

export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}

/** Cookie attributes: HttpOnly, SameSite=Lax, Secure over https, the whole site. */
export function sessionCookieOptions(url: URL) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: url.protocol === 'https:',
  };
}
