import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { endSession, findSessionWithUser, touchSession } from '@supervise/db';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { env } from '$lib/server/env';
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
  // /healthz must answer without touching sessions.
  if (event.url.pathname === '/healthz') return resolve(event);

  const token = event.cookies.get(SESSION_COOKIE);
  if (token !== undefined) {
    const db = getDb();
    const now = new Date();
    const idHash = isWellFormedToken(token) ? hashSessionToken(token) : null;
    const session = idHash ? await findSessionWithUser(db, idHash) : undefined;
    const state = session ? sessionState(session, now, env().session) : 'ended';
    if (session && state === 'active' && !session.user.disabled) {
      if (shouldTouch(session.lastSeenAt, now)) await touchSession(db, session.idHash, now);
      event.locals.sessionIdHash = session.idHash;
      event.locals.user = {
        id: session.user.id,
        username: session.user.username,
        displayName: session.user.displayName,
        roles: session.user.roles,
      };
    } else {
      // Timed out, ended, disabled or unknown: end it on the server too and drop the cookie.
      if (session && !session.endedAt) await endSession(db, session.idHash, now);
      event.cookies.delete(SESSION_COOKIE, sessionCookieOptions(event.url));
    }
  }

  const response = await resolve(event);
  // Signed-in pages carry police data: keep them out of shared caches and the back-forward cache.
  if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handle = sequence(handleLocale, handleSession);
