import { error } from '@sveltejs/kit';
import { csvField } from './audit-filter.js';

/** The dashboard's table downloads (figures, drill-down rows): `?format=xlsx` (default) or `csv`. */
export type TableExportFormat = 'xlsx' | 'csv';

export function tableExportFormat(url: URL): TableExportFormat {
  const format = url.searchParams.get('format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv')
    error(400, `参数 format=${format} 无效（xlsx 或 csv） / invalid format=${format} (xlsx or csv)`);
  return format;
}

const headers = (contentType: string, filename: string) => ({
  'content-type': contentType,
  'content-disposition': `attachment; filename="${filename}"`,
  'cache-control': 'no-store',
});

/** A bilingual header row, then the rows; every field formula-safe (`csvField`); a BOM so Excel reads UTF-8. */
export function csvDownload(
  columns: readonly { zh: string; en: string }[],
  rows: readonly (readonly unknown[])[],
  filename: string,
): Response {
  const lines = [columns.map((c) => csvField(`${c.zh} / ${c.en}`)).join(','), ...rows.map((r) => r.map(csvField).join(','))];
  return new Response('\ufeff' + lines.join('\r\n') + '\r\n', { headers: headers('text/csv; charset=utf-8', filename) });
}

export function xlsxDownload(body: Uint8Array, filename: string): Response {
  return new Response(new Uint8Array(body), {
    headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename),
  });
}
