import { json } from '@sveltejs/kit';
import { confirmAsRecordingOfficer, confirmAsSecondOfficer } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { boolField, stringField } from '$lib/server/inspection-api';
import { apiErrorOf, apiIdOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/inspections/{id}/confirm` `{ idShown }` → the signed-in officer confirms;
 * `{ idShown, secondOfficer: { username, password } }` → the other officer on the inspection
 * confirms with their own credentials (throttled like login). → `{ officerCode }`.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const id = apiIdOf(event.params.id);
  const body = await jsonBody(event.request);
  const idShown = boolField(body, 'idShown', false)!;
  const actor = actorOf(event, user);
  const now = new Date();
  const second = body.secondOfficer;
  let r;
  if (second === undefined || second === null)
    r = await confirmAsRecordingOfficer(getDb(), actor, { inspectionId: id, idShown }, now);
  else {
    if (typeof second !== 'object')
      throw new ApiError(400, 'INVALID_FIELD', 'secondOfficer 应为对象', 'secondOfficer must be an object', 'secondOfficer');
    const s = second as Record<string, unknown>;
    r = await confirmAsSecondOfficer(
      getDb(),
      actor,
      { inspectionId: id, username: stringField(s, 'username'), password: stringField(s, 'password'), idShown },
      now,
    );
  }
  if (!r.ok) throw apiErrorOf(r);
  return json({ officerCode: r.officerCode });
});
