/**
 * The first sheet of an XLSX as a table of text cells, within the upload limits of @supervise/core
 * (issue 15): the ZIP's directory is judged before anything is inflated, every entry is inflated once
 * under a cap, and rows and cells are counted. This runs in a worker thread (`readXlsxOffThread` in
 * xlsx-read.ts), never on a request's event loop.
 */
import { uploadRefusal, zipDirectoryRefusal, type CellTable, type UploadLimits } from '@supervise/core';
import type ExcelJS from 'exceljs';
import { readZipDirectory, UploadRefusedError, verifyInflatedSizes } from './zip-directory.js';

/**
 * exceljs takes about a second to load: it is imported when a workbook is first read or written, not
 * by every process that imports @supervise/db (a CLI command answers in well under two seconds).
 */
let excel: Promise<typeof ExcelJS> | undefined;
export function loadExcelJs(): Promise<typeof ExcelJS> {
  return (excel ??= import('exceljs').then((m) => m.default));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Thrown by `cellText` for a value it cannot show as text (the caller names the cell). */
class NoCellText extends Error {
  constructor(readonly why: 'formula_without_value' | 'unreadable_xlsx') {
    super(why);
  }
}

/** A cell's value as the text a user sees (dates as YYYY-MM-DD, formulas by their cached result). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs reads Excel serial dates as UTC midnight.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    // Issue 15: a formula saved without its computed value (written by a script, never opened in
    // Excel) has no text to import; it used to become "[object Object]".
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) throw new NoCellText('formula_without_value');
      return cellText(result);
    }
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  throw new NoCellText('unreadable_xlsx');
}

/** The first sheet's cells (first non-empty row = header; rows keep the numbers Excel shows). */
export async function xlsxSheetTable(bytes: Uint8Array, limits: UploadLimits): Promise<CellTable> {
  const entries = readZipDirectory(bytes, limits);
  const refused = zipDirectoryRefusal(entries, limits);
  if (refused) throw new UploadRefusedError(refused);
  verifyInflatedSizes(bytes, entries, limits);

  const wb = new (await loadExcelJs()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new UploadRefusedError(uploadRefusal('unreadable_xlsx', (e as Error).message.slice(0, 200), limits));
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headerRow: 1, header: [], rows: [] };
  if (ws.actualRowCount > limits.maxRows)
    throw new UploadRefusedError(uploadRefusal('too_many_rows', `${ws.actualRowCount}`, limits));
  let headerRow = 0;
  let header: string[] = [];
  let cellCount = 0;
  const rows: { row: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, col) => {
      if (++cellCount > limits.maxCells) throw new UploadRefusedError(uploadRefusal('too_many_cells', '', limits));
      try {
        cells[col - 1] = cellText(c.value).trim();
      } catch (e) {
        if (e instanceof NoCellText) throw new UploadRefusedError(uploadRefusal(e.why, `${c.address}`, limits));
        throw e;
      }
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (headerRow === 0) {
      headerRow = n;
      header = cells;
    } else rows.push({ row: n, cells });
  });
  return { headerRow: headerRow || 1, header, rows };
}
