import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { allows, findRouteRule } from '@supervise/core';

type Ev = Pick<RequestEvent, 'locals' | 'url' | 'route' | 'request' | 'params'>;

/**
 * The signed-in user allowed by THE route table (`@supervise/core` ROUTE_TABLE) for this route,
 * method and form action (`?/read` → `read`): deny by default, login without a session, 403
 * otherwise. Called first in every load and action of the inbox and queue pages.
 */
export function requireRouteUser(event: Ev): App.User {
  const method = event.request.method;
  let action: string | undefined;
  if (method === 'POST') {
    action = 'default';
    for (const key of event.url.searchParams.keys()) if (key.startsWith('/')) action = key.slice(1);
  }
  const rule = findRouteRule(event.route.id ?? '', method, action);
  if (!rule) error(403, 'forbidden');
  const user = event.locals.user;
  if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  if (!allows(rule, user, event.params as Record<string, string>)) error(403, 'forbidden');
  return user;
}
