import { error } from '@sveltejs/kit';
import { REGIME_CODES, type RegimeCode } from '@supervise/core';
import { cachedOnRollups, loadDashboard, rollupCoverageByStation, rollupRectificationFunnel } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { dashboardSearch, readDashboardPage, trendSeries } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { dashboardSideFacts } from '$lib/server/dashboard-page';
import { getLocale } from '$lib/paraglide/runtime.js';
import { regimeLabels } from '$lib/server/regime-names';
import type { PageServerLoad } from './$types';

// One regime's figures and charts (issue 12 §3): coverage by police station, the rectification
// funnel, penalties by violation, the trend. Scoped: the route table's scope check answers 403 for a
// regime outside the reader's brigade; the data is cut to the reader's units as on /dashboard.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const code = event.params.regime as RegimeCode;
  if (!REGIME_CODES.includes(code)) error(404, 'not found');
  const db = getDb();
  const read = await readDashboardPage(db, user, event.url, serverToday());
  const query = { ...read.query, regimes: read.query.regimes.filter((r) => r === code) };
  // Rollups only, cached on their generation per query (scope, regime, units, period, today).
  const [view, byStation, funnel, { stations }] = await Promise.all([
    loadDashboard(db, read.filters, query),
    cachedOnRollups(db, ['rollupCoverageByStation', query], () => rollupCoverageByStation(db, query)),
    cachedOnRollups(db, ['rollupRectificationFunnel', query], () => rollupRectificationFunnel(db, query)),
    dashboardSideFacts(db, read.query.today),
  ]);
  const zh = getLocale() === 'zh-CN';
  const stationName = new Map(stations.map((s) => [s.id, zh ? s.name_zh : s.name_en]));
  const label = regimeLabels().find((r) => r.code === code);
  return {
    code,
    name: label?.name ?? code,
    filters: read.filters,
    search: dashboardSearch(read.filters),
    figures: view.regimes[0] ?? null,
    yearBefore: view.yearBefore.regimes[0] ?? null,
    trend: trendSeries(view),
    byStation: byStation.map((s) => ({ ...s, name: s.stationId ? (stationName.get(s.stationId) ?? s.stationId) : '—' })),
    funnel,
  };
};
