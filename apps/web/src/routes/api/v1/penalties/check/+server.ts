import { json } from '@sveltejs/kit';
import { penaltyCheckSummary, validatePenalty } from '@supervise/core';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { parsePenaltyCheck } from '$lib/server/penalty-check';
import type { RequestHandler } from './$types';

/**
 * POST a proposed penalty (JSON, money in fen) → core's `validatePenalty` as `penaltyCheckSummary`:
 * { violation, regime, clause, ok, reasons, notes, requiresHearingNotice, requiresLegalReview,
 * legalReviewGrounds, citation, article, articleVerification, appliedVersion }, every reason in zh and en. A refused penalty is a
 * successful check (200, ok: false); only malformed input is a 400.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  requireRoute(event);
  if (!(event.request.headers.get('content-type') ?? '').includes('application/json'))
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 application/json 提交', 'send application/json', 'content-type');
  let body: unknown;
  try {
    body = await event.request.json();
  } catch {
    throw new ApiError(400, 'INVALID_JSON', '请求体不是有效的 JSON', 'the body is not valid JSON');
  }
  const { regime, proposed } = parsePenaltyCheck(body);
  const result = validatePenalty(proposed);
  return json({ ...penaltyCheckSummary(result), violation: proposed.violation, regime: result.rule?.regime ?? regime });
});
