import { json } from '@sveltejs/kit';
import { can } from '@supervise/core';
import { listEventApplications, recordEventApplication } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { eventApiRefusal, eventInputOf, eventRegimesOf } from '$lib/server/events';
import type { RequestHandler } from './$types';

/** `GET /api/v1/events`: the R05/R06 applications in the caller's scope, with survey and duty. */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const rows = await listEventApplications(getDb(), { regimes: eventRegimesOf(user) });
  return json({
    applications: rows.filter((a) =>
      can(user, 'events.view', { regime: a.regime, brigadeId: a.entity.brigadeId, stationId: a.entity.stationId }),
    ),
  });
});

/**
 * `POST /api/v1/events` `{ regime, entityCode, place, startsAt, endsAt, expectedSize, representative?,
 * route?, onSiteOfficers? }` (local times `YYYY-MM-DDTHH:MM`) → 201 `{ id, surveyInspectionId, surveyOn,
 * dutyInspectionId, dutyOn, … }`: the page's use-case; a refusal names the field.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  try {
    const created = await recordEventApplication(
      getDb(),
      actorOf(event, user),
      eventInputOf((n) => body[n]),
      serverToday(),
    );
    return json(created, { status: 201 });
  } catch (e) {
    eventApiRefusal(e);
  }
});
