import { json } from '@sveltejs/kit';
import { saveChecklistResults } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { stringField } from '$lib/server/inspection-api';
import { apiErrorOf, apiIdOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/inspections/{id}/checklist` `{ results: [{ itemKey: "R09-C2", result: "pass" | "fail" |
 * "not_applicable", note? }] }` → `{ saved }` (items not listed keep their result: a partial save).
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const id = apiIdOf(event.params.id);
  const body = await jsonBody(event.request);
  if (!Array.isArray(body.results))
    throw new ApiError(400, 'INVALID_FIELD', 'results 应为数组', 'results must be an array', 'results');
  const results = body.results.map((r: unknown, i: number) => {
    if (typeof r !== 'object' || r === null)
      throw new ApiError(400, 'INVALID_FIELD', `results[${i}] 应为对象`, `results[${i}] must be an object`, `results[${i}]`);
    const o = r as Record<string, unknown>;
    return { itemKey: stringField(o, 'itemKey'), result: stringField(o, 'result'), note: stringField(o, 'note') || null };
  });
  const r = await saveChecklistResults(getDb(), actorOf(event, user), { inspectionId: id, results }, new Date());
  if (!r.ok) throw apiErrorOf(r);
  return json({ saved: r.saved });
});
