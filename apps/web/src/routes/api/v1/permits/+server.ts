import { json } from '@sveltejs/kit';
import { roadPermitFlags, type RoadPermitFlagKind } from '@supervise/core';
import { listRoadPermits, recordRoadPermit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { permitApiRefusal, permitInputOf, unitScopeOf } from '$lib/server/permits';
import type { RequestHandler } from './$types';

/** `GET /api/v1/permits`: the R02 permits of the caller's units, each with its flags on the bureau's day. */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const today = serverToday();
  const rows = await listRoadPermits(getDb(), { scope: unitScopeOf(user, 'permits.view') });
  return json({
    permits: rows.map((p) => ({
      ...p,
      flags: roadPermitFlags({ status: p.status, endsOn: p.endsOn, recorded: p.recordedFlags as RoadPermitFlagKind[], today }),
    })),
  });
});

/**
 * `POST /api/v1/permits` `{ entityCode, approvalNo, plan, location, areaSqm, startsOn, endsOn,
 * patrolEveryDays }` → 201 `{ id, patrols: [{ inspectionId, on, officerIds }] }`: the page's use-case; a
 * refusal names the field (an unstaffed patrol window by its days).
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  try {
    const created = await recordRoadPermit(
      getDb(),
      actorOf(event, user),
      permitInputOf((n) => body[n]),
      serverToday(),
    );
    return json(created, { status: 201 });
  } catch (e) {
    permitApiRefusal(e);
  }
});
