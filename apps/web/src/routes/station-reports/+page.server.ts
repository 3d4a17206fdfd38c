import { STATION_REPORT_CLAUSE, STATION_REPORT_KINDS } from '@supervise/core';
import { StationReportError, listInspectionAgencies, listStationReports, recordStationReport } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { unitScopeOf } from '$lib/server/permits';
import { recordFromForm, unitsToRecordFor } from '$lib/server/record-form';
import { stationReportInputOf, stationReportRefusal } from '$lib/server/station-reports';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §3: the R04 agencies' reports and video checks of the reader's brigade — the unreviewed
// ones first, with their count — and the form that records one as it arrives.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const canRecord = mayUse(user, '/station-reports', 'POST', 'record');
  return {
    ...(await listStationReports(db, { scope: unitScopeOf(user, 'stationreports.view') })),
    agencies: await unitsToRecordFor(user, canRecord, 'stationreports.record', 'R04', () => listInspectionAgencies(db)),
    kinds: STATION_REPORT_KINDS,
    canRecord,
    today: serverToday(),
    clause: STATION_REPORT_CLAUSE,
  };
};

export const actions: Actions = {
  record: (event) =>
    recordFromForm(event, {
      inputOf: stationReportInputOf,
      record: recordStationReport,
      refusalOf: (e) => (e instanceof StationReportError ? stationReportRefusal(e) : null),
      pageOf: (id) => `/station-reports/${id}`,
    }),
};
