import { loadDashboard } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { readDashboardPage } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { regimeLabels } from '$lib/server/regime-names';
import type { PageServerLoad } from './$types';

/** Wall mode (大屏, issue 12 §7): the dashboard's figures of the period, no trend; the page reloads them itself. */
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const { filters, query } = await readDashboardPage(db, user, event.url, serverToday());
  const view = await loadDashboard(db, filters, query, { trend: false });
  const inScope = new Set(query.regimes);
  return {
    filters,
    regimes: regimeLabels().filter((r) => inScope.has(r.code)),
    figures: view.regimes,
    totals: view.totals,
    loadedAt: new Date().toISOString(),
  };
};
