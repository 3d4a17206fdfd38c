import { json } from '@sveltejs/kit';
import { findRectification, recordReviewOpinion } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody, optionalString } from '$lib/server/draws';
import { optionalBoolean, pathId, rectApiRefusal } from '$lib/server/rectification';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/rectifications/{id}/review-opinion` `{ opinion: "passed" | "failed", note?,
 * newDeadlineOn?, noMaximumAcknowledged? }`: the opinion of the notice's current review inspection.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  const opinion = body.opinion;
  if (opinion !== 'passed' && opinion !== 'failed')
    throw new ApiError(400, 'INVALID_FIELD', 'opinion 应为 passed 或 failed', 'opinion must be "passed" or "failed"', 'opinion');
  const r = await findRectification(getDb(), pathId(event.params.id));
  if (!r) throw new ApiError(404, 'NOT_FOUND', '整改通知不存在', 'no such rectification');
  if (r.review_inspection_id === null)
    throw new ApiError(409, 'RECT_STATE', '该通知尚无复查申请', 'no review was requested for this notice');
  try {
    return json(
      await recordReviewOpinion(getDb(), actorOf(event, user), {
        inspectionId: Number(r.review_inspection_id),
        opinion,
        note: optionalString(body, 'note') ?? null,
        newDeadlineOn: optionalString(body, 'newDeadlineOn') ?? null,
        noMaximumAcknowledged: optionalBoolean(body, 'noMaximumAcknowledged'),
        today: serverToday(),
      }),
    );
  } catch (e) {
    rectApiRefusal(e);
  }
});
