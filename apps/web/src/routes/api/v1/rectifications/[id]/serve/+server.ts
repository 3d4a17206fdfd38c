import { json } from '@sveltejs/kit';
import { serveNotice } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody, optionalString } from '$lib/server/draws';
import { pathId, rectApiRefusal } from '$lib/server/rectification';
import type { RequestHandler } from './$types';

/** `POST /api/v1/rectifications/{id}/serve` `{ servedAt?: ISO instant, lateReason? }`: records service, freezes the notice. */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  const at = optionalString(body, 'servedAt');
  const servedAt = at === undefined ? new Date() : new Date(at);
  if (Number.isNaN(servedAt.getTime()) || (at !== undefined && !/[zZ]|[+-]\d\d:\d\d$/.test(at)))
    throw new ApiError(
      400,
      'INVALID_FIELD',
      'servedAt 应为带时区的 ISO 时间',
      'servedAt must be an ISO instant with its offset',
      'servedAt',
    );
  try {
    return json(
      await serveNotice(getDb(), actorOf(event, user), {
        rectificationId: pathId(event.params.id),
        servedAt,
        lateReason: optionalString(body, 'lateReason') ?? null,
        today: serverToday(),
      }),
    );
  } catch (e) {
    rectApiRefusal(e);
  }
});
