import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { sequence } from '@sveltejs/kit/hooks';
import { endSession, findSessionCached, noteSessionTouched, touchSession } from '@supervise/db';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { STEP_PAGES, pendingStep } from '$lib/server/auth';
import { env } from '$lib/server/env';
import { securityEnv } from '$lib/server/security-env';
import { nulInUrl, withSecurityHeaders } from '$lib/server/security-headers';
import {
  SESSION_COOKIE,
  hashSessionToken,
  isWellFormedToken,
  sessionCookieOptions,
  sessionState,
  shouldTouch,
} from '$lib/server/session';

/** Locale from the cookie (else zh-CN); `<html lang>` follows it. */
const handleLocale: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale),
    });
  });

/**
 * Resolves the `sid` cookie into `locals.user`, enforcing the idle and absolute timeouts on every
 * request. Authorisation itself is checked by each load, action and endpoint.
 */
const handleSession: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  event.locals.sessionIdHash = null;
  event.locals.pending = null;
  // /healthz and /healthz/live must answer without touching sessions.
  if (event.url.pathname === '/healthz' || event.url.pathname === '/healthz/live') return resolve(event);

  const token = event.cookies.get(SESSION_COOKIE);
  if (token !== undefined) {
    const db = getDb();
    const now = new Date();
    const idHash = isWellFormedToken(token) ? hashSessionToken(token) : null;
    // Cached a few seconds while the database pushes revocations (findSessionCached); the timeouts below
    // are applied to it at every request.
    const session = idHash ? await findSessionCached(db, idHash) : undefined;
    const state = session ? sessionState(session, now, env().session) : 'ended';
    if (session && state === 'active' && !session.user.disabled) {
      if (shouldTouch(session.lastSeenAt, now)) {
        await touchSession(db, session.idHash, now);
        noteSessionTouched(db, session.idHash, now);
      }
      event.locals.sessionIdHash = session.idHash;
      const step = pendingStep(session, now, securityEnv().passwordMaxAgeDays);
      if (step) {
        // Password given, a step still owed: no user yet, so every guard refuses; pages go to the step.
        event.locals.pending = {
          userId: session.user.id,
          username: session.user.username,
          displayName: session.user.displayName,
          step,
          roles: session.user.roles,
        };
        const allowed = [STEP_PAGES[step], '/logout', '/login'];
        if (event.request.method === 'GET' && !allowed.includes(event.url.pathname) && !event.url.pathname.startsWith('/api/')) {
          return new Response(null, { status: 303, headers: { location: STEP_PAGES[step], 'cache-control': 'no-store' } });
        }
      } else {
        event.locals.user = {
          id: session.user.id,
          username: session.user.username,
          displayName: session.user.displayName,
          roles: session.user.roles,
          loginNotice: session.loginNotice,
        };
      }
    } else {
      // Timed out, ended, disabled or unknown: end it on the server too and drop the cookie.
      if (session && !session.endedAt) await endSession(db, session.idHash, now);
      event.cookies.delete(SESSION_COOKIE, sessionCookieOptions(event.url));
    }
  }

  const response = await resolve(event);
  // Signed-in pages carry police data: keep them out of shared caches and the back-forward cache.
  if (event.locals.user || event.locals.pending) response.headers.set('cache-control', 'private, no-store');
  return response;
};

/**
 * Issue 15: security headers on every response, and a NUL in the path or query answered 400 with a
 * message before anything reads it (it reached PostgreSQL and ended in a 500).
 */
const handleSecurity: Handle = async ({ event, resolve }) => {
  const where = nulInUrl(event.url);
  if (where) {
    const zh = where === 'path' ? '地址中含有空字符（NUL）' : '查询参数中含有空字符（NUL）';
    const en = where === 'path' ? 'the path contains a NUL character' : 'a query parameter contains a NUL character';
    const api = event.url.pathname.startsWith('/api/');
    const body = api ? JSON.stringify({ error: { code: 'BAD_REQUEST', zh, en, field: where } }) : `400 ${zh} / ${en}\n`;
    return withSecurityHeaders(
      new Response(body, { status: 400, headers: { 'content-type': api ? 'application/json' : 'text/plain; charset=utf-8' } }),
    );
  }
  return withSecurityHeaders(await resolve(event));
};

/** The web app refuses to start without its secrets (issue 15: no fallback TOTP key outside tests). */
export const init: ServerInit = () => {
  if (!building) securityEnv();
};

export const handle = sequence(handleSecurity, handleLocale, handleSession);
