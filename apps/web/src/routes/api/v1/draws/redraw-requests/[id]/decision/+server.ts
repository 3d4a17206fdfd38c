import { json } from '@sveltejs/kit';
import { decideRedraw } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { apiRefusal, decisionOf, jsonBody, newSeedHex } from '$lib/server/draws';
import { actorOf } from '$lib/server/actor';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/draws/redraw-requests/{id}/decision` `{ decision: "approve" | "reject" }` (a
 * leader) → `{ drawId, newDraw }`: approval creates and freezes the new draw; the old one is kept.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  const requestId = Number(event.params.id);
  if (!Number.isSafeInteger(requestId) || requestId <= 0)
    throw new ApiError(400, 'INVALID_FIELD', '申请编号无效', 'invalid request id', 'requestId');
  const decision = decisionOf(body);
  try {
    const r = await decideRedraw(getDb(), actorOf(event, user), {
      requestId,
      decision,
      today: serverToday(),
      seedHex: newSeedHex(),
    });
    return json(r);
  } catch (e) {
    apiRefusal(e);
  }
});
