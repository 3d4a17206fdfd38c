import { json } from '@sveltejs/kit';
import { closeInspectionRecord } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { boolField, stringField } from '$lib/server/inspection-api';
import { apiErrorOf, apiIdOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/inspections/{id}/close` `{ audioVideoRecorded?, summary? }` → `{ outcome, caseUrl }`;
 * 409 NOT_COMPLETE with `reasons` (every missing thing, zh and en) while the record is incomplete.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const id = apiIdOf(event.params.id);
  const body = await jsonBody(event.request);
  const r = await closeInspectionRecord(
    getDb(),
    actorOf(event, user),
    {
      inspectionId: id,
      audioVideoRecorded: boolField(body, 'audioVideoRecorded'),
      summary: stringField(body, 'summary'),
      today: serverToday(),
    },
    new Date(),
  );
  if (!r.ok) throw apiErrorOf(r);
  return json({ outcome: r.outcome, caseUrl: r.needsCase ? `/cases/${id}` : null });
});
