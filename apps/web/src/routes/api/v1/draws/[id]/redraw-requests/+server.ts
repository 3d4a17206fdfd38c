import { json } from '@sveltejs/kit';
import { requestRedraw } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { apiRefusal, jsonBody, optionalString } from '$lib/server/draws';
import { actorOf } from '$lib/server/actor';
import type { RequestHandler } from './$types';

/** `POST /api/v1/draws/{id}/redraw-requests` `{ reason }` → 201 `{ requestId }`: a leader decides it. */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  try {
    const r = await requestRedraw(getDb(), actorOf(event, user), event.params.id, optionalString(body, 'reason') ?? '');
    return json(r, { status: 201 });
  } catch (e) {
    apiRefusal(e);
  }
});
