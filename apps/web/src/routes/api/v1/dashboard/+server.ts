import { cachedOnRollups, loadDashboard } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { apiHandler } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { readDashboardApi } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * GET ?from=&to=&brigade=&station= (or ?period=2026-11 | 2026-Q4 | 2026) → `{ period, regimes: [{ regime,
 * coverage, coverageByKind, rectificationRate, … }], totals, yearBefore }`: the figures of `/dashboard`,
 * from the same use-case, one object per regime in the caller's scope; rates are fractions of 1.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const { filters, query } = await readDashboardApi(db, user, event.url, today);
  // The body serialized once per generation and query (scope, regimes, units, period, today): it holds
  // nothing else and no words of a language.
  const body = await cachedOnRollups(db, ['GET /api/v1/dashboard', filters, query], async () => {
    const view = await loadDashboard(db, filters, query, { trend: false });
    return JSON.stringify({
      period: filters.period,
      today,
      filters: { brigade: filters.brigadeId, station: filters.stationId },
      regimes: view.regimes,
      totals: view.totals,
      yearBefore: { period: view.yearBefore.period, totals: view.yearBefore.totals },
    });
  });
  return new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
});
