import { cachedSupervisionPanel, loadDashboard } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { dashboardPageFigures, dashboardSideFacts, namedUnits } from '$lib/server/dashboard-page';
import { serverToday } from '$lib/server/clock';
import { dashboardSearch, readDashboardPage } from '$lib/server/dashboard';
import { regimeLabels } from '$lib/server/regime-names';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

// The leaders' dashboard (issue 12): the figures of the period per regime in the reader's scope,
// compared with a year before, the 12-period trend, and links to the rows behind every number.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const { filters, query } = await readDashboardPage(db, user, event.url, today);
  // Everything here is cached in the process on the rollups' generation (issue 12/14: no round trip on
  // a warm read); the side facts and the panel's live lists within the windows the page states.
  const [view, side, supervision] = await Promise.all([
    loadDashboard(db, filters, query),
    // The heartbeat; changes the worker has not counted yet (issue 12 §5: the figures read its
    // rollups); from 1 November, next year's missing State Council notice; the filters' units.
    dashboardSideFacts(db, today),
    // Issue 12 §4 (and issue 4 §3: a scheduler's changes to a roster are counted where leaders look).
    cachedSupervisionPanel(db, query),
  ]);
  const { calendarWarning, brigades, stations, rollupsWaiting } = side;
  const zh = getLocale() === 'zh-CN';
  const inScope = new Set(query.regimes);
  return {
    filters,
    search: dashboardSearch(filters),
    regimes: regimeLabels().filter((r) => inScope.has(r.code)),
    ...dashboardPageFigures(view),
    supervision,
    brigades: namedUnits(brigades, zh).filter((b) => query.scope.all || query.scope.brigadeIds.includes(b.id)),
    // Only the station chosen: the field suggests the others as the reader types (/dashboard/stations),
    // so a province's hundreds of stations are not rendered and serialized into every page.
    station: namedUnits(stations, zh).find((s) => s.id === filters.stationId) ?? null,
    calendarWarning,
    canManageCalendar: mayUse(user, '/admin/calendar', 'POST', 'import'),
    workerLastBeatAt: side.beatAt,
    rollupsWaiting,
  };
};
