import { fail } from '@sveltejs/kit';
import {
  STATION_CHECK_RESULTS,
  STATION_REPORT_CHECKS,
  STATION_REPORT_CLAUSE,
  STATION_REVIEW_OUTCOMES,
  type StationReportKind,
} from '@supervise/core';
import { StationReportError, reviewStationReport } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { stationReportInScope, stationReportRefusal } from '$lib/server/station-reports';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §3: one report and its review by an officer; a hazard found opens the rectification flow.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const report = await stationReportInScope(user, event.params.id);
  return {
    report,
    checks: STATION_REPORT_CHECKS[report.kind as StationReportKind] ?? [],
    results: STATION_CHECK_RESULTS,
    outcomes: STATION_REVIEW_OUTCOMES,
    canReview: report.review === null && mayUse(user, '/station-reports/[id]', 'POST', 'review', event.params),
    clause: STATION_REPORT_CLAUSE,
  };
};

export const actions: Actions = {
  review: async (event) => {
    const user = requireRoute(event);
    const report = await stationReportInScope(user, event.params.id);
    const form = await event.request.formData();
    const text = (n: string) => {
      const v = form.get(n);
      return typeof v === 'string' ? v : '';
    };
    const checks = Object.fromEntries(
      (STATION_REPORT_CHECKS[report.kind as StationReportKind] ?? []).map((k) => [k, text(`check_${k}`)]),
    );
    const severity = text('hazardSeverity');
    try {
      await reviewStationReport(
        getDb(),
        actorOf(event, user),
        {
          reportId: report.id,
          checks,
          outcome: text('outcome'),
          findings: text('findings'),
          qualityBureauNotified: form.get('qualityBureauNotified') === 'on',
          hazard: severity === '' ? null : { severity, description: text('hazardDescription') },
        },
        serverToday(),
        new Date(),
      );
    } catch (e) {
      if (!(e instanceof StationReportError)) throw e;
      const r = stationReportRefusal(e);
      return fail(r.status, { field: r.field, message: r.message });
    }
    return { reviewed: true };
  },
};
