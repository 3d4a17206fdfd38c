import { DASHBOARD_ROW_COLUMNS, ROW_ONLY_OF_SET, dashboardRows } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { dashboardSearch, readDashboardPage, readRowFilter } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

/** The page shows this many rows; the count and the exports cover them all. */
const PAGE_ROWS = 500;

// The rows behind a figure of the dashboard (issue 12 §3): the same SQL the figure counts, in the
// reader's scope, narrowed by the link's set, regime and `only`; exportable as CSV and XLSX.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const { filters, query } = await readDashboardPage(db, user, event.url, serverToday());
  const { set, filter } = readRowFilter(event.url);
  const { rows, total } = await dashboardRows(db, set, query, filter, PAGE_ROWS);
  const zh = getLocale() === 'zh-CN';
  return {
    filters,
    set,
    filter,
    onlyChoices: ROW_ONLY_OF_SET[set],
    search: dashboardSearch(filters),
    query: event.url.searchParams.toString(),
    columns: DASHBOARD_ROW_COLUMNS[set].map((c) => ({ key: c.key, label: zh ? c.zh : c.en })),
    rows,
    total,
    shown: rows.length,
  };
};
