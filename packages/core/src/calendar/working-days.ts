/**
 * Statutory calendar maths over an injected table of days. The table holds only the exceptions
 * the State Council's yearly notice makes (holidays, and 调休 makeup working days); every other
 * date follows the week. Years are covered explicitly: a year absent from `coveredYears` is
 * unknown, and any computation that needs one of its days throws CalendarYearMissingError.
 *
 * Counting follows the 期间 clause of 《公安机关办理行政案件程序规定》: the start day is not
 * counted; a period counted in calendar days or months whose last day is a rest day (holiday or
 * weekend that is not a makeup working day) ends on the next working day. Working-day periods
 * count working days only, so they end on a working day by construction.
 */
import { CalendarDataError, CalendarYearMissingError } from './calendar-errors.js';
import {
  type IsoDate,
  isWeekend,
  parseIsoDate,
  plusDays,
  plusMonths,
  toDayNumber,
  fromDayNumber,
  yearOf,
} from '../shared/iso-date.js';

export type CalendarDayKind = 'holiday' | 'makeup_workday';

export interface CalendarDay {
  date: IsoDate;
  kind: CalendarDayKind;
}

/** What a date is, for display and for tests. */
export type DayStatus = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface PeriodOptions {
  /**
   * Set to false for a period that must not be extended over rest days. The 期间 clause makes one
   * exception: a period during which a person's liberty is restricted (e.g. detention) ends on its
   * day even if that is a holiday.
   */
  extendOverRestDays?: boolean;
}

export interface StatutoryCalendar {
  readonly coveredYears: readonly number[];
  isCovered(year: number): boolean;
  dayStatus(date: IsoDate): DayStatus;
  isWorkingDay(date: IsoDate): boolean;
  /** The date itself if it is a working day, otherwise the next working day. */
  onOrNextWorkingDay(date: IsoDate): IsoDate;
  /** Start day not counted; returns the n-th working day after `from`. n = 0 returns `from`. */
  addWorkingDays(from: IsoDate, n: number): IsoDate;
  /** Start day not counted; a last day that is a rest day moves to the next working day. */
  addCalendarDays(from: IsoDate, n: number, options?: PeriodOptions): IsoDate;
  /** Same day of the month or the month's last day; a rest day moves to the next working day. */
  addMonths(from: IsoDate, n: number, options?: PeriodOptions): IsoDate;
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

export function createCalendar(days: readonly CalendarDay[], coveredYears: readonly number[]): StatutoryCalendar {
  const covered = new Set<number>();
  for (const y of coveredYears) {
    if (!Number.isSafeInteger(y) || y < 1900 || y > 9999) throw new CalendarDataError(`Invalid covered year: ${y}`);
    covered.add(y);
  }
  const table = new Map<string, CalendarDayKind>();
  for (const d of days) {
    let year: number;
    try {
      year = parseIsoDate(d.date).year;
    } catch {
      throw new CalendarDataError(`Invalid date in calendar table: ${String(d.date)}`);
    }
    if (d.kind !== 'holiday' && d.kind !== 'makeup_workday')
      throw new CalendarDataError(`Invalid day kind for ${d.date}: ${String(d.kind)}`);
    if (!covered.has(year)) throw new CalendarDataError(`${d.date} is in ${year}, which is not among the covered years`);
    // A makeup working day (调休上班) only means something on a Saturday or Sunday.
    if (d.kind === 'makeup_workday' && !isWeekend(d.date))
      throw new CalendarDataError(`${d.date} is a weekday and cannot be a makeup working day`);
    const existing = table.get(d.date);
    if (existing !== undefined && existing !== d.kind)
      throw new CalendarDataError(`${d.date} is listed both as holiday and as makeup working day`);
    table.set(d.date, d.kind);
  }
  const sortedYears = [...covered].sort((a, b) => a - b);

  function requireYear(date: IsoDate): void {
    const year = yearOf(date);
    if (!covered.has(year)) throw new CalendarYearMissingError(year);
  }

  function dayStatus(date: IsoDate): DayStatus {
    requireYear(date);
    const kind = table.get(date);
    if (kind) return kind;
    return isWeekend(date) ? 'weekend' : 'workday';
  }

  function isWorkingDay(date: IsoDate): boolean {
    const s = dayStatus(date);
    return s === 'workday' || s === 'makeup_workday';
  }

  function onOrNextWorkingDay(date: IsoDate): IsoDate {
    let n = toDayNumber(date);
    // The longest run of rest days in any notice is 9 (Spring Festival 2026); the loop ends at the
    // first working day or at the first uncovered year, which throws.
    while (!isWorkingDay(fromDayNumber(n))) n += 1;
    return fromDayNumber(n);
  }

  function addWorkingDays(from: IsoDate, n: number): IsoDate {
    checkCount(n, 'working days');
    let day = toDayNumber(from);
    let remaining = n;
    // Start day not counted: counting begins the day after `from`.
    while (remaining > 0) {
      day += 1;
      if (isWorkingDay(fromDayNumber(day))) remaining -= 1;
    }
    return fromDayNumber(day);
  }

  function settle(end: IsoDate, options?: PeriodOptions): IsoDate {
    if (options?.extendOverRestDays === false) {
      requireYear(end);
      return end;
    }
    // 期间 clause: a period whose last day is a rest day ends on the next working day.
    return onOrNextWorkingDay(end);
  }

  function addCalendarDays(from: IsoDate, n: number, options?: PeriodOptions): IsoDate {
    checkCount(n, 'days');
    return settle(plusDays(from, n), options);
  }

  function addMonths(from: IsoDate, n: number, options?: PeriodOptions): IsoDate {
    checkCount(n, 'months');
    return settle(plusMonths(from, n), options);
  }

  return {
    coveredYears: sortedYears,
    isCovered: (year) => covered.has(year),
    dayStatus,
    isWorkingDay,
    onOrNextWorkingDay,
    addWorkingDays,
    addCalendarDays,
    addMonths,
  };
}

// Free-function forms, for callers that prefer them (the CLI and the API call these).
export const isWorkingDay = (cal: StatutoryCalendar, date: IsoDate): boolean => cal.isWorkingDay(date);
export const addWorkingDays = (cal: StatutoryCalendar, from: IsoDate, n: number): IsoDate => cal.addWorkingDays(from, n);
export const addCalendarDays = (cal: StatutoryCalendar, from: IsoDate, n: number, options?: PeriodOptions): IsoDate =>
  cal.addCalendarDays(from, n, options);
export const addMonths = (cal: StatutoryCalendar, from: IsoDate, n: number, options?: PeriodOptions): IsoDate =>
  cal.addMonths(from, n, options);

/** Years from `fromYear` to `toYear` inclusive that the calendar lacks (for the dashboard warning). */
export function missingYears(cal: StatutoryCalendar, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  for (let y = fromYear; y <= toYear; y += 1) if (!cal.isCovered(y)) out.push(y);
  return out;
}
