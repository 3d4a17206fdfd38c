/**
 * The statutory calendar for the web app: the same core and db functions as the CLI's `calendar`
 * commands (`addPeriod`, `loadCalendar`, the calendar-import use-case), with the
 * web's input parsing and bilingual error answers around them.
 */
import {
  type CalendarYearMissingError,
  PERIOD_UNITS,
  addPeriod,
  isIsoDate,
  nextYearCoverageWarning,
  type IsoDate,
  type NoticeFormat,
  type NoticeImportIssue,
  type Period,
  type PeriodUnit,
  type Reason,
} from '@supervise/core';
import { error } from '@sveltejs/kit';
import {
  calendarImportUseCase,
  listCalendarYears,
  loadCalendar,
  type CalendarImportResult,
  type Actor,
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
 * Imports a notice through the one calendar-import use-case (parsed by core; all or nothing; audited
 * in the same transaction, a refusal too). The route table has already let only the system
 * administrator through, so a `not_allowed` answer here is a 403.
 */
export async function importNotice(
  db: Database,
  actor: Actor,
  input: { text: string; format?: NoticeFormat; notice?: string | null; source: string },
): Promise<NoticeImportOutcome> {
  const r = await calendarImportUseCase(db, actor, input);
  if (r.ok) return { ok: true, result: r.result };
  if (r.refused === 'not_allowed') error(403, 'forbidden');
  return { ok: false, format: r.format, issues: r.issues };
}

/** The format from a file name or a content type; undefined lets the parser sniff it. */
export function noticeFormatOf(nameOrType: string | null | undefined): NoticeFormat | undefined {
  const v = (nameOrType ?? '').toLowerCase();
  if (v.endsWith('.json') || v.includes('application/json')) return 'json';
  if (v.endsWith('.csv') || v.includes('text/csv')) return 'csv';
  return undefined;
}
