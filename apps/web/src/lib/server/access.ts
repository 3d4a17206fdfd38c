import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { allows, findRouteRule, type Permission, type ScopedResource, can } from '@supervise/core';
import { STEP_PAGES, type Step } from './auth.js';

type Ev = Pick<RequestEvent, 'locals' | 'url' | 'route' | 'request' | 'params'>;

/** The form action a POST names (`?/grant` → `grant`), `default` without one. */
export function actionName(url: URL): string {
  for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
  return 'default';
}

function toLogin(event: Pick<RequestEvent, 'url'>): never {
  const back = event.url.pathname + event.url.search;
  redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * Checks this request against THE route table (`@supervise/core` ROUTE_TABLE), the same table the
 * permission-matrix test enumerates: deny by default when the route, method or action is missing;
 * the login page without a session; 403 without the permission or outside the grant's scope.
 * Called first thing in every load and action of the pages added with the accounts issue.
 */
export function requireRoute(event: Ev): App.User | null {
  const method = event.request.method;
  const rule = findRouteRule(event.route.id ?? '', method, method === 'POST' ? actionName(event.url) : undefined);
  if (!rule) error(403, 'forbidden');
  if (rule.access === 'public') return event.locals.user;
  const user = event.locals.user;
  if (!user) toLogin(event);
  if (!allows(rule, user, event.params as Record<string, string>)) error(403, 'forbidden');
  return user;
}

/** The signed-in user holding `permission` (for `resource`, when given: its scope too); 403 otherwise. */
export function requireCan(
  event: Pick<RequestEvent, 'locals' | 'url'>,
  permission: Permission,
  resource?: ScopedResource,
): App.User {
  const user = event.locals.user;
  if (!user) toLogin(event);
  if (!can(user, permission, resource)) error(403, 'forbidden');
  return user;
}

/**
 * For the account pages that also serve a pending step (the second factor, a forced password change,
 * TOTP enrolment): the signed-in user, or the pending login whose step this page is.
 */
export function requireAccount(event: Ev, step: Step): { userId: number; username: string; pending: boolean } {
  const p = event.locals.pending;
  if (p) {
    if (p.step !== step) redirect(303, STEP_PAGES[p.step]);
    return { userId: p.userId, username: p.username, pending: true };
  }
  const user = requireRoute(event);
  if (!user) toLogin(event);
  return { userId: user.id, username: user.username, pending: false };
}
