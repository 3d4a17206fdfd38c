import { json } from '@sveltejs/kit';
import { requestExtension } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody, optionalString } from '$lib/server/draws';
import { pathId, rectApiRefusal } from '$lib/server/rectification';
import type { RequestHandler } from './$types';

/** `POST /api/v1/rectifications/{id}/extensions` `{ requestedDeadlineOn, reason }` → 201 `{ extensionId }`. */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  try {
    const r = await requestExtension(getDb(), actorOf(event, user), {
      rectificationId: pathId(event.params.id),
      requestedDeadlineOn: optionalString(body, 'requestedDeadlineOn') ?? '',
      reason: optionalString(body, 'reason') ?? '',
      today: serverToday(),
    });
    return json(r, { status: 201 });
  } catch (e) {
    rectApiRefusal(e);
  }
});
