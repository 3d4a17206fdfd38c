import { json } from '@sveltejs/kit';
import { issueNotice } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody, optionalString } from '$lib/server/draws';
import { optionalBoolean, rectApiRefusal } from '$lib/server/rectification';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/rectifications` `{ hazardId, deadlineOn?, noMaximumAcknowledged? }` → 201
 * `{ rectificationId, documentId, number, deadlineOn, rule, note }`: the issue use-case of the case page.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  const hazardId = body.hazardId;
  if (typeof hazardId !== 'number' || !Number.isSafeInteger(hazardId) || hazardId <= 0)
    throw new ApiError(400, 'INVALID_FIELD', 'hazardId 应为正整数', 'hazardId must be a positive integer', 'hazardId');
  try {
    const r = await issueNotice(getDb(), actorOf(event, user), {
      hazardId,
      deadlineOn: optionalString(body, 'deadlineOn') ?? null,
      noMaximumAcknowledged: optionalBoolean(body, 'noMaximumAcknowledged'),
      today: serverToday(),
    });
    return json(r, { status: 201 });
  } catch (e) {
    rectApiRefusal(e);
  }
});
