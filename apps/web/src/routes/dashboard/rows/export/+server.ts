import { error } from '@sveltejs/kit';
import { DASHBOARD_ROW_COLUMNS, auditActor, dashboardRows, dashboardRowsXlsx, exportCell, recordAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { csvField } from '$lib/server/audit-filter';
import { serverToday } from '$lib/server/clock';
import { readDashboardPage, readRowFilter } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** The drill-down's rows (all of them) as `?format=xlsx` or `csv`, the page's columns, formula-safe. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const { filters, query } = await readDashboardPage(db, user, event.url, serverToday());
  const { set, filter } = readRowFilter(event.url);
  const format = event.url.searchParams.get('format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv')
    error(400, `参数 format=${format} 无效（xlsx 或 csv） / invalid format=${format} (xlsx or csv)`);
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
  const disposition = `attachment; filename="${name}"`;
  if (format === 'csv') {
    const cols = DASHBOARD_ROW_COLUMNS[set];
    const lines = [cols.map((c) => csvField(`${c.zh} / ${c.en}`)).join(',')];
    for (const r of rows) lines.push(cols.map((c) => csvField(exportCell(r, c.key))).join(','));
    // A BOM so Excel reads the Chinese as UTF-8.
    return new Response('\ufeff' + lines.join('\r\n') + '\r\n', {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition, 'cache-control': 'no-store' },
    });
  }
  const body = await dashboardRowsXlsx(set, rows, { title: name, filters: event.url.searchParams.toString() });
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': disposition,
      'cache-control': 'no-store',
    },
  });
};
