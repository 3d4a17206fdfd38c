/**
 * Registry files (issue 5 §3): bytes → a table of text cells, and entities → an XLSX in the same
 * columns. CSV: UTF-8 (with or without BOM) decoded with fatal errors; when that fails, GBK (read as
 * GB18030, its superset), which is what Excel in China writes for "CSV". XLSX: exceljs, first sheet.
 * The validation itself is pure and lives in @supervise/core (`validateEntityTable`).
 */
import type { Writable } from 'node:stream';
import { ENTITY_IMPORT_COLUMNS, csvTable, entityExportCells, type CellTable } from '@supervise/core';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * exceljs takes about a second to load: it is imported when a workbook is first read or written, not
 * by every process that imports @supervise/db (a CLI command answers in well under two seconds).
 */
let excel: Promise<typeof ExcelJS> | undefined;
export function loadExcelJs(): Promise<typeof ExcelJS> {
  return (excel ??= import('exceljs').then((m) => m.default));
}

export type FileFormat = 'csv' | 'xlsx';
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | null;

export interface ReadTable {
  format: FileFormat;
  /** CSV only. */
  encoding: DetectedEncoding;
  table: CellTable;
}

export class RegistryFileError extends Error {
  constructor(
    readonly code: 'unreadable_xlsx' | 'unknown_format',
    message: string,
  ) {
    super(message);
    this.name = 'RegistryFileError';
  }
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GBK (GB18030). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: Exclude<DetectedEncoding, null> } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gbk' };
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell's value as the text a user sees (dates as YYYY-MM-DD, formulas by their result). */
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
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<CellTable> {
  const wb = new (await loadExcelJs()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new RegistryFileError('unreadable_xlsx', `not a readable XLSX file: ${(e as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headerRow: 1, header: [], rows: [] };
  let headerRow = 0;
  let header: string[] = [];
  const rows: { row: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, col) => {
      cells[col - 1] = cellText(c.value).trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    // The first non-empty row is the header; rows keep the number Excel shows.
    if (headerRow === 0) {
      headerRow = n;
      header = cells;
    } else rows.push({ row: n, cells });
  });
  return { headerRow: headerRow || 1, header, rows };
}

/** Reads a CSV or XLSX registry file (by its content: an XLSX is a ZIP). */
export async function readRegistryFile(bytes: Uint8Array): Promise<ReadTable> {
  if (isZip(bytes)) return { format: 'xlsx', encoding: null, table: await readXlsx(bytes) };
  const { text, encoding } = decodeCsvBytes(bytes);
  return { format: 'csv', encoding, table: csvTable(text) };
}

export type ExportEntity = Parameters<typeof entityExportCells>[0];

/**
 * Streams an XLSX of entities in the import columns to `out` (row by row: an export of the whole
 * registry never sits in memory as a workbook).
 */
export async function writeEntitiesXlsx(rows: AsyncIterable<ExportEntity>, out: Writable): Promise<void> {
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('检查对象名录');
  ws.columns = ENTITY_IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.field, width: Math.max(10, c.zh.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const e of rows) ws.addRow(entityExportCells(e)).commit();
  ws.commit();
  await wb.commit();
}

/** For tests and small files: an XLSX from header and rows of cells. */
export async function xlsxFromCells(
  header: readonly string[],
  rows: readonly (readonly (string | number | Date)[])[],
): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
