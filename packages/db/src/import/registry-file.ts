/**
 * Registry files (issue 5 §3): bytes → a table of text cells, and entities → an XLSX in the same
 * columns. CSV: UTF-8 (with or without BOM) decoded with fatal errors; when that fails, GBK (read as
 * GB18030, its superset), which is what Excel in China writes for "CSV". XLSX: exceljs, first sheet,
 * in a worker thread (xlsx-read.ts).
 * The validation itself is pure and lives in @supervise/core (`validateEntityTable`).
 */
import type { Writable } from 'node:stream';
import {
  ENTITY_IMPORT_COLUMNS,
  UPLOAD_LIMITS,
  csvTable,
  entityExportCells,
  looksBinary,
  uploadRefusal,
  type CellTable,
  type UploadLimits,
} from '@supervise/core';
import iconv from 'iconv-lite';
import { readXlsxOffThread } from './xlsx-read.js';
import { loadExcelJs } from './xlsx-sheet.js';
import { UploadRefusedError } from './zip-directory.js';

export { cellText, loadExcelJs } from './xlsx-sheet.js';
export { UploadRefusedError } from './zip-directory.js';

export type FileFormat = 'csv' | 'xlsx';
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | null;

export interface ReadTable {
  format: FileFormat;
  /** CSV only. */
  encoding: DetectedEncoding;
  table: CellTable;
}

/** Whether the bytes are a ZIP (an XLSX): its local-file-header signature. */
export const isZipBytes = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

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

/**
 * Reads a CSV or XLSX registry file (by its content: an XLSX is a ZIP) within the upload limits of
 * @supervise/core; a file outside them is refused with an `UploadRefusedError` naming why (issue 15).
 * An XLSX is parsed in a worker thread; a CSV (at most 20 MB of text) here.
 */
export async function readRegistryFile(bytes: Uint8Array, limits: UploadLimits = UPLOAD_LIMITS): Promise<ReadTable> {
  if (bytes.length > limits.maxBytes) throw new UploadRefusedError(uploadRefusal('too_large', '', limits));
  if (isZipBytes(bytes)) return { format: 'xlsx', encoding: null, table: await readXlsxOffThread(bytes, limits) };
  // UTF-16 or a binary file: its NUL bytes would reach PostgreSQL, which refuses them in text.
  if (looksBinary(bytes)) throw new UploadRefusedError(uploadRefusal('binary_text', '', limits));
  const { text, encoding } = decodeCsvBytes(bytes);
  const table = csvTable(text);
  if (table.rows.length + 1 > limits.maxRows)
    throw new UploadRefusedError(uploadRefusal('too_many_rows', `${table.rows.length + 1}`, limits));
  return { format: 'csv', encoding, table };
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
