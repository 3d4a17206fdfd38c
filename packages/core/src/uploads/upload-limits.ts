import { MAX_IMPORT_ROWS } from '../registry/entity-import.js';

/**
 * Issue 15 (high): a 0.5 MB XLSX upload held the web app for minutes at 2.7 GB RSS — an XLSX is a
 * ZIP, and a small one can inflate to gigabytes. Every spreadsheet upload (the registry import today;
 * any later one) is checked against these limits BEFORE anything is inflated (the ZIP's central
 * directory declares each entry's sizes), and again while it is inflated and parsed (declared sizes
 * can lie). The figures leave a wide margin over the largest real file: an export of 100,000
 * registry rows is 4.5 MB on disk, 53 MB inflated, at a compression ratio of about 12.
 */
export const UPLOAD_LIMITS = {
  /** Bytes of the file as uploaded. */
  maxBytes: 20 * 1024 * 1024,
  /** Bytes of all ZIP entries together once inflated. */
  maxInflatedBytes: 160 * 1024 * 1024,
  /** Entries in the ZIP (a workbook has a dozen or two). */
  maxZipEntries: 1000,
  /** Inflated ÷ compressed size of one entry, checked for entries above `ratioFloorBytes` inflated. */
  maxCompressionRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  /** Rows of the first sheet or of a CSV (the header and MAX_IMPORT_ROWS data rows). */
  maxRows: MAX_IMPORT_ROWS + 1,
  /** Cells of the first sheet. */
  maxCells: (MAX_IMPORT_ROWS + 1) * 40,
  /** Milliseconds the parse may take before it is stopped. */
  maxParseMs: 120_000,
} as const;

export type UploadLimits = { -readonly [K in keyof typeof UPLOAD_LIMITS]: number };

export type UploadRefusalCode =
  | 'too_large'
  | 'zip_unreadable'
  | 'zip_unsupported'
  | 'zip_too_many_entries'
  | 'zip_inflated_too_large'
  | 'zip_ratio'
  | 'too_many_rows'
  | 'too_many_cells'
  | 'too_slow'
  | 'binary_text'
  | 'formula_without_value'
  | 'unreadable_xlsx';

/** Why an upload is refused, in both languages (shown to the user as is). */
export interface UploadRefusal {
  code: UploadRefusalCode;
  zh: string;
  en: string;
}

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** The refusal for `code`; `detail` names what was found (an entry, a cell, a count). */
export function uploadRefusal(code: UploadRefusalCode, detail = '', limits: UploadLimits = UPLOAD_LIMITS): UploadRefusal {
  const d = detail ? `（${detail}）` : '';
  const de = detail ? ` (${detail})` : '';
  switch (code) {
    case 'too_large':
      return { code, zh: `文件超过 ${mib(limits.maxBytes)}`, en: `the file is larger than ${mib(limits.maxBytes)}` };
    case 'zip_unreadable':
      return { code, zh: `XLSX 文件已损坏，无法读取${d}`, en: `the XLSX file is damaged and cannot be read${de}` };
    case 'zip_unsupported':
      return { code, zh: `XLSX 文件使用了不支持的压缩方式${d}`, en: `the XLSX file uses an unsupported compression${de}` };
    case 'zip_too_many_entries':
      return {
        code,
        zh: `XLSX 文件包含的部件超过 ${limits.maxZipEntries} 个${d}`,
        en: `the XLSX file has more than ${limits.maxZipEntries} parts${de}`,
      };
    case 'zip_inflated_too_large':
      return {
        code,
        zh: `XLSX 文件解压后超过 ${mib(limits.maxInflatedBytes)}，已拒绝（疑似压缩炸弹）${d}`,
        en: `the XLSX file inflates to more than ${mib(limits.maxInflatedBytes)} and is refused (a zip bomb?)${de}`,
      };
    case 'zip_ratio':
      return {
        code,
        zh: `XLSX 文件压缩比超过 ${limits.maxCompressionRatio} 倍，已拒绝（疑似压缩炸弹）${d}`,
        en: `the XLSX file is compressed more than ${limits.maxCompressionRatio}-fold and is refused (a zip bomb?)${de}`,
      };
    case 'too_many_rows':
      return { code, zh: `文件超过 ${limits.maxRows} 行${d}`, en: `the file has more than ${limits.maxRows} rows${de}` };
    case 'too_many_cells':
      return {
        code,
        zh: `工作表超过 ${limits.maxCells} 个单元格${d}`,
        en: `the sheet has more than ${limits.maxCells} cells${de}`,
      };
    case 'too_slow':
      return {
        code,
        zh: `文件在 ${limits.maxParseMs / 1000} 秒内未能读完，已停止${d}`,
        en: `the file could not be read within ${limits.maxParseMs / 1000} s and was stopped${de}`,
      };
    case 'binary_text':
      return {
        code,
        zh: `CSV 文件不是文本（UTF-16 或二进制）：请另存为 UTF-8 或 GBK 编码的 CSV${d}`,
        en: `the CSV file is not text (UTF-16 or binary): save it as CSV in UTF-8 or GBK${de}`,
      };
    case 'formula_without_value':
      return {
        code,
        zh: `单元格是公式但没有计算结果：请在 Excel 中打开并保存后再导入${d}`,
        en: `a cell holds a formula without its computed value: open and save the file in Excel, then import it${de}`,
      };
    case 'unreadable_xlsx':
      return { code, zh: `无法读取该 XLSX 文件${d}`, en: `the XLSX file cannot be read${de}` };
  }
}

/** One entry of a ZIP's central directory: its name and its declared sizes. */
export interface ZipEntrySizes {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * The refusal for a ZIP whose central directory already shows a bomb (too many entries, too much
 * declared inflated data, an entry compressed beyond any real sheet), or null. Pure: the caller reads
 * the directory without inflating anything.
 */
export function zipDirectoryRefusal(
  entries: readonly ZipEntrySizes[],
  limits: UploadLimits = UPLOAD_LIMITS,
): UploadRefusal | null {
  if (entries.length > limits.maxZipEntries) return uploadRefusal('zip_too_many_entries', `${entries.length}`, limits);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > limits.maxInflatedBytes) return uploadRefusal('zip_inflated_too_large', e.name, limits);
    if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize > e.compressedSize * limits.maxCompressionRatio)
      return uploadRefusal('zip_ratio', e.name, limits);
  }
  return null;
}

/**
 * Whether decoded CSV bytes look like text a user saved as CSV: UTF-16 (a BOM, or NUL bytes between
 * characters) and binary files hold NUL bytes, which no UTF-8 or GBK text does.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  return bytes.includes(0);
}

/**
 * An uploaded file's name as it is stored and audited: control characters (NUL among them, which
 * PostgreSQL refuses in text: a NUL in a registry file's name ended in a 500, found by the fuzz drill
 * of issue 15 §5) dropped, trimmed, at most 255 characters, `upload` when nothing is left.
 */
export function storedFileName(name: string): string {
  const clean = [...name]
    .filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f')
    .join('')
    .trim()
    .slice(0, 255);
  return clean || 'upload';
}
