import { json } from '@sveltejs/kit';
import { requireRoute } from '$lib/server/access';
import { apiHandler } from '$lib/server/api-error';
import { eventInScope } from '$lib/server/events';
import type { RequestHandler } from './$types';

/** `GET /api/v1/events/{id}`: one application in the caller's scope (404 otherwise). */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  return json(await eventInScope(user, event.params.id, true));
});
