import { error, redirect, type RequestEvent } from '@sveltejs/kit';
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

/** Only same-site paths are followed after login (no open redirect). */
export function safeRedirectTarget(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
