/**
 * The statutory calendar for the web app: the same core and db functions as the CLI's `calendar`
 * commands (`addPeriod`, `parseStateCouncilNotice`, `loadCalendar`, `importCalendarNotice`), with the
 * web's input parsing and bilingual error answers around them.
 */
import {
  type CalendarYearMissingError,
  PERIOD_UNITS,
  addPeriod,
  isIsoDate,
  nextYearCoverageWarning,
  parseStateCouncilNotice,
  type IsoDate,
  type NoticeFormat,
  type NoticeImportIssue,
  type Period,
  type PeriodUnit,
  type Reason,
} from '@supervise/core';
import {
  importCalendarNotice,
  listCalendarYears,
  loadCalendar,
  type CalendarImportResult,
  type CalendarYearRow,
  type Database,
} from '@supervise/db';
import { ApiError, badRequest } from './api-error.js';

/** The query names of the three units (`?workingDays=5`, `?days=15`, `?months=2`). */
export const UNIT_PARAMS: Readonly<Record<PeriodUnit, string>> = {
  working_days: 'workingDays',
  days: 'days',
  months: 'months',
};

// Long enough for any deadline in the rulebook; stops a request from walking the calendar for ever.
const MAX_N = 10_000;

export function parseFrom(value: string | null, field = 'from'): IsoDate {
  if (!value) throw badRequest('MISSING_FIELD', `缺少起始日 ${field}`, `${field} is required`, field);
  if (!isIsoDate(value))
    throw badRequest(
      'INVALID_DATE',
      `起始日应为 YYYY-MM-DD 的有效日期：${value}`,
      `${field} is not a valid date of the form YYYY-MM-DD: ${value}`,
      field,
    );
  return value;
}

export function parseCount(value: string, field: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_N)
    throw badRequest(
      'INVALID_NUMBER',
      `${field} 应为 0 至 ${MAX_N} 的整数：${value}`,
      `${field} must be a whole number from 0 to ${MAX_N}: ${value}`,
      field,
    );
  return Number(value);
}

/** `?from=…` and exactly one of `workingDays`, `days`, `months`. */
export function parseAddQuery(params: URLSearchParams): { from: IsoDate; period: Period } {
  const from = parseFrom(params.get('from'));
  const given = PERIOD_UNITS.filter((u) => params.has(UNIT_PARAMS[u]));
  if (given.length !== 1)
    throw badRequest(
      'PERIOD_UNIT_REQUIRED',
      '请给出且仅给出 workingDays、days、months 之一',
      'give exactly one of workingDays, days, months',
      given.length ? UNIT_PARAMS[given[1]!] : 'workingDays',
    );
  const unit = given[0]!;
  return { from, period: { unit, n: parseCount(params.get(UNIT_PARAMS[unit]) ?? '', UNIT_PARAMS[unit]) } };
}

export function isPeriodUnit(value: unknown): value is PeriodUnit {
  return (PERIOD_UNITS as readonly unknown[]).includes(value);
}

/**
 * Structural, not `instanceof`: the calendar is built by `@supervise/db` (kept external, with its own
 * copy of core's dist) while this app bundles core, so the error class exists twice at run time.
 */
function isCalendarYearMissing(e: unknown): e is CalendarYearMissingError {
  return e instanceof Error && e.name === 'CalendarYearMissingError' && typeof (e as { year?: unknown }).year === 'number';
}

export interface AddResult {
  from: IsoDate;
  unit: PeriodUnit;
  n: number;
  result: IsoDate;
}

/** The day the period ends; a year the calendar does not cover is a 422 naming that year. */
export async function computeAdd(db: Database, from: IsoDate, period: Period): Promise<AddResult> {
  const cal = await loadCalendar(db);
  try {
    return { from, unit: period.unit, n: period.n, result: addPeriod(cal, from, period) };
  } catch (e) {
    if (isCalendarYearMissing(e)) throw new ApiError(422, e.code, e.zh, e.en, undefined, { year: e.year });
    throw e;
  }
}

export interface CalendarOverview {
  years: CalendarYearRow[];
  warning: Reason | null;
}

/** The covered years and, from 1 November, the warning that next year is missing. */
export async function calendarOverview(db: Database, today: IsoDate): Promise<CalendarOverview> {
  const [years, cal] = await Promise.all([listCalendarYears(db), loadCalendar(db)]);
  return { years, warning: nextYearCoverageWarning(cal, today) };
}

export async function nextYearWarning(db: Database, today: IsoDate): Promise<Reason | null> {
  return nextYearCoverageWarning(await loadCalendar(db), today);
}

export type NoticeImportOutcome =
  { ok: true; result: CalendarImportResult } | { ok: false; format: NoticeFormat | null; issues: NoticeImportIssue[] };

/**
 * Parses a notice with core's parser and, only when it has no error at all, stores the year whole:
 * all or nothing (a refused file never opens a transaction).
 */
export async function importNotice(
  db: Database,
  input: { text: string; format?: NoticeFormat; notice?: string | null; importedBy: number },
): Promise<NoticeImportOutcome> {
  const parsed = parseStateCouncilNotice(input.text, input.format ? { format: input.format } : {});
  if (!parsed.ok) return { ok: false, format: parsed.format, issues: parsed.issues };
  const notice = input.notice?.trim() || parsed.notice.notice;
  const result = await importCalendarNotice(db, { parsed: parsed.notice, notice, importedBy: input.importedBy });
  return { ok: true, result };
}

/** The format from a file name or a content type; undefined lets the parser sniff it. */
export function noticeFormatOf(nameOrType: string | null | undefined): NoticeFormat | undefined {
  const v = (nameOrType ?? '').toLowerCase();
  if (v.endsWith('.json') || v.includes('application/json')) return 'json';
  if (v.endsWith('.csv') || v.includes('text/csv')) return 'csv';
  return undefined;
}
