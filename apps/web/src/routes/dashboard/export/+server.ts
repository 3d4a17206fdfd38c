import { error } from '@sveltejs/kit';
import { DASHBOARD_FIGURE_COLUMNS, dashboardFiguresXlsx, figureCells, loadDashboard } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { csvField } from '$lib/server/audit-filter';
import { serverToday } from '$lib/server/clock';
import { readDashboardPage } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** The dashboard's figures table (one row per regime in scope, then the total) as XLSX or CSV. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const { filters, query } = await readDashboardPage(db, user, event.url, serverToday());
  const format = event.url.searchParams.get('format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv')
    error(400, `参数 format=${format} 无效（xlsx 或 csv） / invalid format=${format} (xlsx or csv)`);
  const view = await loadDashboard(db, filters, query, { trend: false });
  const name = `dashboard-${filters.period.name.replace('~', '_')}.${format}`;
  const disposition = `attachment; filename="${name}"`;
  if (format === 'csv') {
    const lines = [DASHBOARD_FIGURE_COLUMNS.map((c) => csvField(`${c.zh} / ${c.en}`)).join(',')];
    for (const f of [...view.regimes, view.totals]) {
      const cells = figureCells(f);
      lines.push(DASHBOARD_FIGURE_COLUMNS.map((c) => csvField(cells[c.key])).join(','));
    }
    return new Response('\ufeff' + lines.join('\r\n') + '\r\n', {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition, 'cache-control': 'no-store' },
    });
  }
  const body = await dashboardFiguresXlsx(view.regimes, view.totals, { title: name, filters: event.url.searchParams.toString() });
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': disposition,
      'cache-control': 'no-store',
    },
  });
};
