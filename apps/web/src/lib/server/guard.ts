import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { ApiError } from './api-error.js';
import { can, type Permission } from './permissions.js';

/** The signed-in user, or a redirect to the login page (with the page to come back to). */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): App.User {
  const user = event.locals.user;
  if (!user) {
    const back = event.url.pathname + event.url.search;
    redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** The signed-in user holding `permission`; 403 otherwise. */
export function requirePermission(event: Pick<RequestEvent, 'locals' | 'url'>, permission: Permission): App.User {
  const user = requireUser(event);
  if (!can(user, permission)) error(403, 'forbidden');
  return user;
}

/**
 * For `/api/v1` endpoints: the signed-in user holding `permission`, or an `ApiError` (401 when not
 * signed in, 403 when not allowed) that `apiHandler` turns into a JSON answer. No redirect: a
 * program calling the API wants a status, not the login page.
 */
export function requireApiPermission(event: Pick<RequestEvent, 'locals'>, permission: Permission): App.User {
  const user = event.locals.user;
  if (!user) throw new ApiError(401, 'UNAUTHENTICATED', '未登录或会话已过期', 'Not signed in, or the session has ended');
  if (!can(user, permission))
    throw new ApiError(403, 'FORBIDDEN', `无权执行此操作（需要 ${permission}）`, `Not allowed (requires ${permission})`);
  return user;
}

/** Only same-site paths are followed after login (no open redirect). */
export function safeRedirectTarget(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
