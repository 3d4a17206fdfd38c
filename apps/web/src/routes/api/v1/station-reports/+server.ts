import { json } from '@sveltejs/kit';
import { listStationReports, recordStationReport } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { unitScopeOf } from '$lib/server/permits';
import { stationReportApiRefusal, stationReportInputOf } from '$lib/server/station-reports';
import type { RequestHandler } from './$types';

/** `GET /api/v1/station-reports`: `{ unreviewedCount, unreviewed, reviewed }` of the caller's units. */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  return json(await listStationReports(getDb(), { scope: unitScopeOf(user, 'stationreports.view') }));
});

/**
 * `POST /api/v1/station-reports` `{ entityCode, kind: 'inspection_report' | 'video_check', receivedOn,
 * plate?, reportNo?, summary }` → 201 `{ id }`: one report imported as it arrives (the form's use-case);
 * a refusal names the field.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  try {
    return json(
      await recordStationReport(
        getDb(),
        actorOf(event, user),
        stationReportInputOf((n) => body[n]),
        serverToday(),
      ),
      {
        status: 201,
      },
    );
  } catch (e) {
    stationReportApiRefusal(e);
  }
});
