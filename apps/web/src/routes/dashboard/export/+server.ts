import { DASHBOARD_FIGURE_COLUMNS, dashboardFiguresXlsx, figureCells, loadDashboard } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { readDashboardPage } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { csvDownload, tableExportFormat, xlsxDownload } from '$lib/server/table-export';
import type { RequestHandler } from './$types';

/** The dashboard's figures table (one row per regime in scope, then the total) as XLSX or CSV. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const { filters, query } = await readDashboardPage(db, user, event.url, serverToday());
  const format = tableExportFormat(event.url);
  const view = await loadDashboard(db, filters, query, { trend: false });
  const name = `dashboard-${filters.period.name.replace('~', '_')}.${format}`;
  if (format === 'csv')
    return csvDownload(
      DASHBOARD_FIGURE_COLUMNS,
      [...view.regimes, view.totals].map((f) => {
        const cells = figureCells(f);
        return DASHBOARD_FIGURE_COLUMNS.map((c) => cells[c.key]);
      }),
      name,
    );
  const body = await dashboardFiguresXlsx(view.regimes, view.totals, { title: name, filters: event.url.searchParams.toString() });
  return xlsxDownload(body, name);
};
