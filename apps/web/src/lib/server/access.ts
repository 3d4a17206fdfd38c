import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { allows, findRouteRule, safeRedirectPath, type RouteRule } from '@supervise/core';
import { ApiError } from './api-error.js';
import { STEP_PAGES, type Step } from './auth.js';

/**
 * THE authorisation guard of the web app. Every load, form action and `+server.ts` handler calls
 * `requireRoute(event)` first; it looks up the request's route id, method and form action in THE route
 * table (`ROUTE_TABLE` in `@supervise/core`, the one the header menu and the permission-matrix test
 * read) and checks that rule, with the resource scope the rule reads from the route's params:
 *
 * - no rule for this route, method or action: 403 (deny by default);
 * - no session: pages and actions go to `/login?redirectTo=…`; `/api/…` answers 401 JSON;
 * - signed in but not allowed (permission or scope): 403 (`/api/…`: 403 JSON).
 */
type Ev = Pick<RequestEvent, 'locals' | 'url' | 'route' | 'request' | 'params'>;

/** The form action a POST names (`?/grant` → `grant`), `default` without one. */
export function actionName(url: URL): string {
  for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
  return 'default';
}

const isApi = (event: Ev) => (event.route.id ?? '').startsWith('/api/');

/**
 * The rule this request falls under (`undefined`: none, so refused). A POST is a form action
 * (`?/name`, `default` without one) or, when the table lists the route's POST without an action, a
 * `+server.ts` handler.
 */
export function ruleOf(event: Ev): RouteRule | undefined {
  const id = event.route.id ?? '';
  const method = event.request.method;
  if (method !== 'POST') return findRouteRule(id, method);
  return findRouteRule(id, method, actionName(event.url)) ?? findRouteRule(id, method, undefined);
}

function unauthenticated(event: Ev): never {
  if (isApi(event)) throw new ApiError(401, 'UNAUTHENTICATED', '未登录或会话已过期', 'Not signed in, or the session has ended');
  const back = event.url.pathname + event.url.search;
  redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
}

function forbidden(event: Ev, rule: RouteRule | undefined): never {
  if (isApi(event)) {
    const needs = rule ? `（需要 ${rule.access}）` : '';
    throw new ApiError(403, 'FORBIDDEN', `无权执行此操作${needs}`, `Not allowed${rule ? ` (requires ${rule.access})` : ''}`);
  }
  error(403, 'forbidden');
}

/**
 * Checks this request against its route-table rule and returns the signed-in user. A route the table
 * marks `public` (login, logout, the root redirect) passes `{ public: true }` and gets the user or
 * null; the flag only widens the return type: the table still decides, so a non-public rule is
 * enforced all the same.
 */
export function requireRoute(event: Ev): App.User;
export function requireRoute(event: Ev, options: { public: true }): App.User | null;
export function requireRoute(event: Ev, options?: { public: true }): App.User | null {
  const rule = ruleOf(event);
  if (!rule) forbidden(event, rule);
  const user = event.locals.user;
  if (rule.access === 'public') {
    if (!options?.public) throw new Error(`${event.route.id}: a public route calls requireRoute(event, { public: true })`);
    return user;
  }
  if (!user) unauthenticated(event);
  if (!allows(rule, user, event.params as Record<string, string>)) forbidden(event, rule);
  return user;
}

/**
 * Whether `user` may use another route of the table (to show or hide a link or a form). This is not
 * a guard: the target route checks itself with `requireRoute`.
 */
export function mayUse(
  user: App.User | null | undefined,
  route: string,
  method: 'GET' | 'POST' = 'GET',
  action?: string,
  params: Record<string, string> = {},
): boolean {
  const rule = findRouteRule(route, method, action);
  return !!rule && allows(rule, user, params);
}

/**
 * For the pages that also serve a pending login step (the second factor, a forced password change,
 * TOTP enrolment): the pending login whose step this page is, else the signed-in user checked by
 * `requireRoute`. A pending login on another step is sent to its own step page.
 */
export function requireAccount(event: Ev, step: Step): { userId: number; username: string; pending: boolean } {
  const p = event.locals.pending;
  if (p) {
    // Deny by default here too: the page must be in the table (as `signed_in`).
    const rule = ruleOf(event);
    if (!rule || rule.access !== 'signed_in') forbidden(event, rule);
    if (p.step !== step) redirect(303, STEP_PAGES[p.step]);
    return { userId: p.userId, username: p.username, pending: true };
  }
  const user = requireRoute(event);
  return { userId: user.id, username: user.username, pending: false };
}

/** Where a `redirectTo` may go: core's one rule (`safeRedirectPath`). */
export const safeRedirectTarget = safeRedirectPath;
