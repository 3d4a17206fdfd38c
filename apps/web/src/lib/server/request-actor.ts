import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '@supervise/db';

/** The use-case `Actor` of a signed-in request: who, their roles, the door (page or JSON API), from where. */
export function requestActor(
  event: Pick<RequestEvent, 'getClientAddress' | 'request'>,
  user: App.User,
  via: 'web' | 'api' = 'web',
): Actor {
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
    via,
    ip,
    userAgent: event.request.headers.get('user-agent'),
  };
}
