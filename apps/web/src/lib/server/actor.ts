import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '@supervise/db';

/**
 * The use-case actor of a signed-in request: who (with the roles and scope the use-case checks again
 * on the rows that exist), through which door (`/api/…` is the JSON API, anything else a page), from
 * where. Every use-case audits with it.
 */
export function actorOf(event: Pick<RequestEvent, 'getClientAddress' | 'request' | 'url'>, user: App.User): Actor {
  let ip: string | null = null;
  try {
    ip = event.getClientAddress();
  } catch {
    ip = null;
  }
  return {
    id: user.id,
    username: user.username,
    principal: { roles: user.roles },
    via: event.url.pathname.startsWith('/api/') ? 'api' : 'web',
    ip,
    userAgent: event.request.headers.get('user-agent')?.slice(0, 512) ?? null,
  };
}
