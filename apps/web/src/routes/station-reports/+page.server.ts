import { fail, redirect } from '@sveltejs/kit';
import { STATION_REPORT_CLAUSE, STATION_REPORT_KINDS, can } from '@supervise/core';
import { StationReportError, listInspectionAgencies, listStationReports, recordStationReport } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { unitScopeOf } from '$lib/server/permits';
import { stationReportInputOf, stationReportRefusal } from '$lib/server/station-reports';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §3: the R04 agencies' reports and video checks of the reader's brigade — the unreviewed
// ones first, with their count — and the form that records one as it arrives.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const canRecord = mayUse(user, '/station-reports', 'POST', 'record');
  const agencies = canRecord
    ? (await listInspectionAgencies(db)).filter((a) =>
        can(user, 'stationreports.record', { regime: 'R04', brigadeId: a.brigadeId, stationId: a.stationId }),
      )
    : [];
  return {
    ...(await listStationReports(db, { scope: unitScopeOf(user, 'stationreports.view') })),
    agencies: agencies.map(({ code, name }) => ({ code, name })),
    kinds: STATION_REPORT_KINDS,
    canRecord,
    today: serverToday(),
    clause: STATION_REPORT_CLAUSE,
  };
};

export const actions: Actions = {
  record: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    let id: number;
    try {
      id = (
        await recordStationReport(
          getDb(),
          actorOf(event, user),
          stationReportInputOf((n) => form.get(n)),
          serverToday(),
        )
      ).id;
    } catch (e) {
      if (!(e instanceof StationReportError)) throw e;
      const r = stationReportRefusal(e);
      return fail(r.status, { field: r.field, message: r.message, values: Object.fromEntries(form) });
    }
    redirect(303, `/station-reports/${id}`);
  },
};
