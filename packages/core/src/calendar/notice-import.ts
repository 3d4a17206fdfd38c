/**
 * Parses and validates one year's State Council holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知)
 * as an admin enters it: JSON or CSV text in, either the year's day table or EVERY problem found, each
 * naming the row (CSV line number, JSON index in `days`) and the field, in Chinese and English.
 * Pure: the caller reads the file and stores the result (the CLI's `calendar import`, the web form).
 *
 * JSON: { "year": 2027, "notice": "国务院办公厅关于2027年部分节假日安排的通知",
 *         "days": [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }, …] }
 * CSV:  header `date,kind,name`; kind `holiday` / `makeup_workday`, or 休 / 班 as the notice prints them.
 *       Blank lines and lines starting with `#` are skipped; fields may be double-quoted.
 *
 * Only the exceptions to the week are listed (days off, and 调休 makeup working days); every other date
 * follows the week, as the notice itself says.
 */
import type { CalendarDayKind } from './working-days.js';
import { type IsoDate, isIsoDate, isWeekend, yearOf } from '../shared/iso-date.js';

export type NoticeFormat = 'json' | 'csv';

export interface NoticeDay {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
}

export interface ParsedNotice {
  format: NoticeFormat;
  year: number;
  /** The notice's title, when the file gives one. */
  notice: string | null;
  /** Sorted by date. */
  days: NoticeDay[];
}

export type NoticeField = 'date' | 'kind' | 'name' | 'year' | 'notice' | 'days' | 'header';

export interface NoticeImportIssue {
  code: string;
  /** CSV: the 1-based line number; JSON: the 0-based index in `days`; null when about the file as a whole. */
  row: number | null;
  field: NoticeField | null;
  zh: string;
  en: string;
}

export type NoticeImportResult =
  { ok: true; notice: ParsedNotice } | { ok: false; format: NoticeFormat | null; issues: NoticeImportIssue[] };

export interface NoticeImportOptions {
  /** Forces the format; otherwise a text starting with `{` is JSON and anything else CSV. */
  format?: NoticeFormat;
}

/** The CSV kind column accepts the API names and the characters the notice prints (休 rest, 班 work). */
const KIND_ALIASES: Readonly<Record<string, CalendarDayKind>> = {
  holiday: 'holiday',
  休: 'holiday',
  makeup_workday: 'makeup_workday',
  班: 'makeup_workday',
};

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/** Where an issue is, for a diagnostic line: `notice.csv:4:kind`, `notice.json:days[2]:date`. */
export function noticeIssueLocation(file: string, format: NoticeFormat | null, issue: NoticeImportIssue): string {
  const parts = [file];
  if (issue.row !== null) parts.push(format === 'json' ? `days[${issue.row}]` : String(issue.row));
  if (issue.field !== null) parts.push(issue.field);
  return parts.join(':');
}

interface RawRow {
  row: number;
  date: unknown;
  kind: unknown;
  name: unknown;
}

interface RawNotice {
  year: unknown;
  notice: unknown;
  rows: RawRow[];
}

const issue = (code: string, row: number | null, field: NoticeField | null, zh: string, en: string): NoticeImportIssue => ({
  code,
  row,
  field,
  zh,
  en,
});

const show = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : v === undefined ? '(missing)' : JSON.stringify(v);

export function parseStateCouncilNotice(text: string, options: NoticeImportOptions = {}): NoticeImportResult {
  // A UTF-8 BOM (Excel writes one when saving CSV as UTF-8) is not part of the data.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const trimmed = body.trim();
  const format: NoticeFormat = options.format ?? (trimmed.startsWith('{') || trimmed.startsWith('[') ? 'json' : 'csv');
  if (trimmed === '') {
    return { ok: false, format, issues: [issue('NOTICE-EMPTY', null, null, '文件为空', 'The file is empty')] };
  }
  // Issue 15: a NUL (raw, or `\u0000` in JSON) reached PostgreSQL, which refuses it in text: a 500.
  if (body.includes('\0') || (format === 'json' && /\\u0000/i.test(body))) {
    const nul = issue(
      'NOTICE-NUL',
      null,
      null,
      '文件含有空字符（NUL），不是一份通知',
      'The file contains a NUL character: not a notice',
    );
    return { ok: false, format, issues: [nul] };
  }
  const issues: NoticeImportIssue[] = [];
  const raw = format === 'json' ? readJson(body, issues) : readCsv(body, issues);
  if (!raw) return { ok: false, format, issues };
  const notice = validate(raw, format, issues);
  if (!notice || issues.length > 0) return { ok: false, format, issues };
  return { ok: true, notice };
}

function readJson(body: string, issues: NoticeImportIssue[]): RawNotice | null {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const why = (e as Error).message;
    issues.push(issue('NOTICE-JSON-INVALID', null, null, `不是有效的 JSON：${why}`, `Not valid JSON: ${why}`));
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    issues.push(
      issue(
        'NOTICE-JSON-NOT-OBJECT',
        null,
        null,
        'JSON 顶层应为对象 { "year", "notice", "days" }',
        'The JSON must be an object { "year", "notice", "days" }',
      ),
    );
    return null;
  }
  const obj = data as Record<string, unknown>;
  if (!Array.isArray(obj.days)) {
    issues.push(
      issue(
        obj.days === undefined ? 'NOTICE-DAYS-MISSING' : 'NOTICE-DAYS-NOT-ARRAY',
        null,
        'days',
        obj.days === undefined ? '缺少 "days" 数组' : '"days" 应为数组',
        obj.days === undefined ? 'The "days" array is missing' : '"days" must be an array',
      ),
    );
    return null;
  }
  const rows: RawRow[] = [];
  obj.days.forEach((d: unknown, i: number) => {
    if (typeof d !== 'object' || d === null || Array.isArray(d)) {
      issues.push(
        issue(
          'NOTICE-DAY-NOT-OBJECT',
          i,
          null,
          '应为对象 { "date", "kind", "name" }',
          'Must be an object { "date", "kind", "name" }',
        ),
      );
      return;
    }
    const o = d as Record<string, unknown>;
    rows.push({ row: i, date: o.date, kind: o.kind, name: o.name });
  });
  return { year: obj.year, notice: obj.notice, rows };
}

/** One CSV line into fields: commas separate, double quotes enclose, "" is a quote inside quotes. */
function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) return null;
  fields.push(cur);
  return fields.map((f) => f.trim());
}

const CSV_COLUMNS = ['date', 'kind', 'name'] as const;

function readCsv(body: string, issues: NoticeImportIssue[]): RawNotice | null {
  const lines = body.split(/\r\n|\n|\r/);
  let header: string[] | null = null;
  let headerLine = 0;
  const rows: RawRow[] = [];
  lines.forEach((text, i) => {
    const lineNo = i + 1;
    if (text.trim() === '' || text.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(text);
    if (!fields) {
      issues.push(issue('NOTICE-CSV-UNCLOSED-QUOTE', lineNo, null, '引号未闭合', 'Unclosed double quote'));
      return;
    }
    if (!header) {
      header = fields.map((f) => f.toLowerCase());
      headerLine = lineNo;
      return;
    }
    const cols: Record<string, string | undefined> = {};
    header.forEach((h, j) => (cols[h] = fields[j]));
    if (fields.length > header.length) {
      issues.push(
        issue(
          'NOTICE-CSV-TOO-MANY-FIELDS',
          lineNo,
          null,
          `字段数 ${fields.length} 多于表头的 ${header.length} 列`,
          `${fields.length} fields, more than the header's ${header.length} columns`,
        ),
      );
    }
    rows.push({ row: lineNo, date: cols.date, kind: cols.kind, name: cols.name });
  });
  if (!header) {
    issues.push(issue('NOTICE-EMPTY', null, null, '文件中没有数据', 'The file has no data'));
    return null;
  }
  const h: string[] = header;
  const missing = CSV_COLUMNS.filter((c) => !h.includes(c));
  if (missing.length > 0) {
    issues.push(
      issue(
        'NOTICE-CSV-HEADER',
        headerLine,
        'header',
        `表头应为 date,kind,name，缺少：${missing.join(', ')}（实际：${h.join(',')}）`,
        `The header must be date,kind,name; missing: ${missing.join(', ')} (found: ${h.join(',')})`,
      ),
    );
    return null;
  }
  return { year: undefined, notice: undefined, rows };
}

function validate(raw: RawNotice, format: NoticeFormat, issues: NoticeImportIssue[]): ParsedNotice | null {
  // The declared year (JSON), else the year of the first valid date.
  let declaredYear: number | null = null;
  if (raw.year !== undefined) {
    if (typeof raw.year === 'number' && Number.isSafeInteger(raw.year) && raw.year >= MIN_YEAR && raw.year <= MAX_YEAR) {
      declaredYear = raw.year;
    } else {
      issues.push(
        issue(
          'NOTICE-YEAR-INVALID',
          null,
          'year',
          `年份无效：${show(raw.year)}（应为 ${MIN_YEAR}–${MAX_YEAR} 的整数）`,
          `Invalid year: ${show(raw.year)} (must be a whole number ${MIN_YEAR}–${MAX_YEAR})`,
        ),
      );
    }
  }
  let title: string | null = null;
  if (raw.notice !== undefined && raw.notice !== null) {
    if (typeof raw.notice === 'string' && raw.notice.trim() !== '') title = raw.notice.trim();
    else
      issues.push(
        issue(
          'NOTICE-TITLE-INVALID',
          null,
          'notice',
          '"notice" 应为通知标题（非空字符串）',
          '"notice" must be the notice title (a non-empty string)',
        ),
      );
  }

  if (raw.rows.length === 0) {
    // Rows that could not be read at all are already reported; "no days" would only repeat them.
    if (issues.some((i) => i.row !== null)) return null;
    issues.push(
      issue(
        'NOTICE-NO-DAYS',
        null,
        'days',
        '没有任何日期：通知至少列出放假日',
        'No days listed: a notice lists at least its days off',
      ),
    );
    return null;
  }

  const firstDated = raw.rows.find((r) => isIsoDate(r.date));
  const year = declaredYear ?? (firstDated ? yearOf(firstDated.date as string) : null);
  const seen = new Map<string, number>();
  const days: NoticeDay[] = [];
  const where = (row: number) =>
    format === 'json' ? { zh: `第 ${row} 项`, en: `entry ${row}` } : { zh: `第 ${row} 行`, en: `line ${row}` };

  for (const r of raw.rows) {
    let dateOk = false;
    let kindOk = false;
    const date = typeof r.date === 'string' ? r.date.trim() : r.date;
    if (!isIsoDate(date)) {
      issues.push(
        issue(
          date === undefined || date === '' ? 'NOTICE-DATE-MISSING' : 'NOTICE-DATE-INVALID',
          r.row,
          'date',
          date === undefined || date === '' ? '缺少日期' : `日期无效：${show(date)}（应为 YYYY-MM-DD）`,
          date === undefined || date === '' ? 'The date is missing' : `Invalid date: ${show(date)} (expected YYYY-MM-DD)`,
        ),
      );
    } else if (year !== null && yearOf(date) !== year) {
      issues.push(
        declaredYear !== null
          ? issue('NOTICE-DATE-OUTSIDE-YEAR', r.row, 'date', `${date} 不在 ${year} 年内`, `${date} is outside the year ${year}`)
          : issue(
              'NOTICE-MIXED-YEARS',
              r.row,
              'date',
              `${date} 属于 ${yearOf(date)} 年，而本文件前面的日期属于 ${year} 年：一份通知只能是一年`,
              `${date} is in ${yearOf(date)}, but the file's earlier dates are in ${year}: one notice is one year`,
            ),
      );
    } else {
      dateOk = true;
      const first = seen.get(date);
      if (first !== undefined) {
        const w = where(first);
        issues.push(
          issue(
            'NOTICE-DATE-DUPLICATE',
            r.row,
            'date',
            `${date} 重复（已见于${w.zh}）`,
            `${date} is listed twice (first at ${w.en})`,
          ),
        );
        dateOk = false;
      } else seen.set(date, r.row);
    }

    const kindText = typeof r.kind === 'string' ? r.kind.trim() : r.kind;
    const kind = typeof kindText === 'string' ? KIND_ALIASES[kindText.toLowerCase()] : undefined;
    if (!kind) {
      issues.push(
        issue(
          kindText === undefined || kindText === '' ? 'NOTICE-KIND-MISSING' : 'NOTICE-KIND-UNKNOWN',
          r.row,
          'kind',
          kindText === undefined || kindText === ''
            ? '缺少类型（holiday/休 或 makeup_workday/班）'
            : `未知类型：${show(kindText)}（应为 holiday/休 或 makeup_workday/班）`,
          kindText === undefined || kindText === ''
            ? 'The kind is missing (holiday/休 or makeup_workday/班)'
            : `Unknown kind: ${show(kindText)} (expected holiday/休 or makeup_workday/班)`,
        ),
      );
    } else kindOk = true;

    // 调休上班 replaces a rest day: a makeup working day on a Monday–Friday means a typo in the date.
    if (dateOk && kindOk && kind === 'makeup_workday' && !isWeekend(date as string)) {
      issues.push(
        issue(
          'NOTICE-MAKEUP-NOT-WEEKEND',
          r.row,
          'date',
          `${date} 是工作日（周一至周五），不能是调休上班日；调休上班日只能是周六或周日`,
          `${date} is a Monday–Friday: a makeup working day must be a Saturday or Sunday`,
        ),
      );
      dateOk = false;
    }

    const name = typeof r.name === 'string' ? r.name.trim() : r.name;
    let nameOk = false;
    if (typeof name !== 'string' || name === '') {
      issues.push(
        issue(
          'NOTICE-NAME-MISSING',
          r.row,
          'name',
          '缺少节日名称（如“元旦”“春节”）',
          'The holiday name is missing (e.g. 元旦, 春节)',
        ),
      );
    } else nameOk = true;

    if (dateOk && kindOk && nameOk) days.push({ date: date as string, kind: kind!, name: name as string });
  }

  if (year === null) return null;
  if (issues.length === 0 && !days.some((d) => d.kind === 'holiday')) {
    issues.push(
      issue(
        'NOTICE-NO-HOLIDAYS',
        null,
        'days',
        '没有任何放假日：通知至少列出元旦、春节等假日',
        "No day off listed: a notice lists at least New Year's Day and the Spring Festival",
      ),
    );
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { format, year, notice: title, days };
}
