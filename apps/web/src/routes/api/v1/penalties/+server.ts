import { json } from '@sveltejs/kit';
import { recordPenalty } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { inputFromApiBody, withLegalBasis } from '$lib/server/penalty-input';
import type { RequestHandler } from './$types';

const STATUS = {
  INSPECTION_NOT_FOUND: 404,
  OUT_OF_SCOPE: 403,
  NOT_ON_INSPECTION: 403,
  INSPECTION_NOT_DONE: 409,
  INVALID_INPUT: 422,
  REFUSED: 422,
} as const;

/**
 * `POST /api/v1/penalties` `{ inspectionId, violation, party: { type, name }, facts, fineFen, …, decidedOn }`
 * (money in fen) → 201 `{ id, documentId, number, contentSha256, notes }`: the page's use-case. A
 * refused penalty is a 422 whose `reasons` list every reason (zh, en, clause, basis, field); nothing
 * is stored. Not an officer on the inspection, or outside the scope: 403.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const input = inputFromApiBody(await jsonBody(event.request), serverToday());
  const r = await recordPenalty(getDb(), actorOf(event, user), input);
  if (!r.ok) {
    const first = r.reasons[0];
    throw new ApiError(STATUS[r.code], r.code, first?.zh ?? r.code, first?.en ?? r.code, first?.field, {
      reasons: withLegalBasis(r.reasons, input.violation),
      notes: r.notes,
    });
  }
  return json(
    { id: r.penaltyId, documentId: r.documentId, number: r.number, contentSha256: r.contentSha256, notes: r.notes },
    { status: 201, headers: { location: `/api/v1/penalties/${r.penaltyId}` } },
  );
});
