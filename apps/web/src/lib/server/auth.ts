import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { holdsAdminRole, passwordExpired, type Principal } from '@supervise/core';
import { loginHistory, recordAudit, replaceUserSessions, type AuditEntry, type Database, type LoginNotice } from '@supervise/db';
import { env } from './env.js';
import { SESSION_COOKIE, hashSessionToken, newSessionToken, sessionCookieOptions, sessionExpiry } from './session.js';

/** The page of each pending step; nothing else is reachable until the step is done. */
export const STEP_PAGES = { totp: '/login/totp', password: '/account/password', enrol: '/account/totp' } as const;
export type Step = keyof typeof STEP_PAGES;

/** Who is asking, for the audit log. The address is the socket's, or adapter-node's ADDRESS_HEADER. */
export function clientOf(event: Pick<RequestEvent, 'request' | 'getClientAddress'>): { ip: string; userAgent: string | null } {
  return { ip: event.getClientAddress(), userAgent: event.request.headers.get('user-agent')?.slice(0, 512) ?? null };
}

/**
 * The step a live session still owes, in order: the second factor, then a password change (first
 * login, reset, or older than PASSWORD_MAX_AGE_DAYS), then TOTP enrolment for administrators.
 */
export function pendingStep(
  s: {
    stage: 'totp' | 'active';
    user: Principal & { mustChangePassword: boolean; passwordChangedAt: Date; totpEnabled: boolean };
  },
  now: Date,
  maxAgeDays: number,
): Step | null {
  if (s.stage === 'totp') return 'totp';
  if (s.user.mustChangePassword || passwordExpired(s.user.passwordChangedAt, now, maxAgeDays)) return 'password';
  if (holdsAdminRole(s.user) && !s.user.totpEnabled) return 'enrol';
  return null;
}

/**
 * Opens the account's only live session (any other ends: one live session per account) with a new
 * id (no fixation), and sets the cookie.
 */
export async function openSession(
  db: Database,
  event: Pick<RequestEvent, 'request' | 'getClientAddress' | 'url'> & { cookies: Cookies },
  userId: number,
  stage: 'totp' | 'active',
  loginNotice: LoginNotice | null,
  now: Date,
): Promise<void> {
  const token = newSessionToken();
  const client = clientOf(event);
  await replaceUserSessions(db, {
    idHash: hashSessionToken(token),
    userId,
    now,
    expiresAt: sessionExpiry(now, env().session),
    ip: client.ip,
    userAgent: client.userAgent,
    stage,
    loginNotice,
  });
  // A session cookie (no max-age): the server enforces the idle and absolute timeouts.
  event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url));
}

/** The notice shown after login: the previous successful login and the failures since. */
export async function loginNoticeFor(db: Database, userId: number, now: Date): Promise<LoginNotice> {
  const h = await loginHistory(db, userId, now);
  return { previousAt: h.previous?.at.toISOString() ?? null, previousIp: h.previous?.ip ?? null, failuresSince: h.failuresSince };
}

/** Records an audit entry with the request's actor, address and user agent filled in. */
export function audit(
  db: Database,
  event: Pick<RequestEvent, 'request' | 'getClientAddress' | 'locals'>,
  entry: AuditEntry,
): Promise<number> {
  const who = event.locals.user ?? event.locals.pending;
  const client = clientOf(event);
  return recordAudit(db, {
    actorId: who ? ('id' in who ? who.id : who.userId) : null,
    actorUsername: who?.username ?? null,
    ip: client.ip,
    userAgent: client.userAgent,
    ...entry,
  });
}
