import { DASHBOARD_ROW_COLUMNS, auditActor, dashboardRows, dashboardRowsXlsx, exportCell, recordAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { readDashboardPage, readRowFilter } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { csvDownload, tableExportFormat, xlsxDownload } from '$lib/server/table-export';
import type { RequestHandler } from './$types';

/** The drill-down's rows (all of them) as `?format=xlsx` or `csv`, the page's columns, formula-safe. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const { filters, query } = await readDashboardPage(db, user, event.url, serverToday());
  const { set, filter } = readRowFilter(event.url);
  const format = tableExportFormat(event.url);
  const { rows } = await dashboardRows(db, set, query, filter);
  // The rows name units and notices: an export is recorded like the registry's.
  await recordAudit(db, {
    ...auditActor(actorOf(event, user)),
    action: 'dashboard.export',
    entityType: 'dashboard',
    entityId: set,
    details: { period: filters.period.name, brigade: filters.brigadeId, station: filters.stationId, ...filter, format },
  });
  const name = `dashboard-${set}-${filters.period.name.replace('~', '_')}${filter.regime ? `-${filter.regime}` : ''}.${format}`;
  if (format === 'csv') {
    const cols = DASHBOARD_ROW_COLUMNS[set];
    return csvDownload(
      cols,
      rows.map((r) => cols.map((c) => exportCell(r, c.key))),
      name,
    );
  }
  const body = await dashboardRowsXlsx(set, rows, { title: name, filters: event.url.searchParams.toString() });
  return xlsxDownload(body, name);
};
