/**
 * Planning periods and due windows. Windows are aligned to the calendar year: months, two-month
 * blocks (Jan–Feb, Mar–Apr, …), quarters and the year. They are plain calendar spans: the
 * frequency rules say "at least once a month", not "within N days", so no statutory counting applies.
 */
import type { Cadence } from '../regimes/classification.js';
import { type IsoDate, compareIsoDates, formatIsoDate, lastDayOfMonth, parseIsoDate } from '../shared/iso-date.js';

/** An inclusive span of civil dates. */
export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

export type PlanPeriod = DateWindow;

export function checkWindow(w: DateWindow): DateWindow {
  parseIsoDate(w.start);
  parseIsoDate(w.end);
  if (compareIsoDates(w.start, w.end) > 0) throw new RangeError(`Period start ${w.start} is after its end ${w.end}`);
  return w;
}

export const MONTHS_PER_CADENCE: Readonly<Record<Cadence, number>> = { month: 1, two_months: 2, quarter: 3, year: 12 };

/** The cadences, shortest first. */
export const CADENCES = Object.keys(MONTHS_PER_CADENCE) as readonly Cadence[];

/** The window of a cadence that contains `day` (aligned to the calendar year, like cadenceWindows). */
export function cadenceWindowOf(cadence: Cadence, day: IsoDate): DateWindow {
  const { year, month } = parseIsoDate(day);
  const step = MONTHS_PER_CADENCE[cadence];
  return monthSpan(year, month - ((month - 1) % step), step);
}

/** The window of a cadence that starts on `start`, or null when no window of it starts that day. */
export function cadenceWindowStartingOn(cadence: Cadence, start: IsoDate): DateWindow | null {
  const { year, month, day } = parseIsoDate(start);
  const step = MONTHS_PER_CADENCE[cadence];
  return day === 1 && (month - 1) % step === 0 ? monthSpan(year, month, step) : null;
}

/** A window of `months` months starting at month `firstMonth` (1-based) of `year`. */
export function monthSpan(year: number, firstMonth: number, months: number): DateWindow {
  return { start: formatIsoDate({ year, month: firstMonth, day: 1 }), end: lastDayOfMonth(year, firstMonth + months - 1) };
}

export function yearPeriod(year: number): PlanPeriod {
  return monthSpan(year, 1, 12);
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): PlanPeriod {
  return monthSpan(year, (quarter - 1) * 3 + 1, 3);
}

export function monthPeriod(year: number, month: number): PlanPeriod {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
  return monthSpan(year, month, 1);
}

/** The windows of a cadence within one year, in order. */
export function cadenceWindows(cadence: Cadence, year: number): DateWindow[] {
  const step = MONTHS_PER_CADENCE[cadence];
  const out: DateWindow[] = [];
  for (let m = 1; m <= 12; m += step) out.push(monthSpan(year, m, step));
  return out;
}

/**
 * The windows of N campaigns a year. The seed says only "at least N a year"; we spread them evenly
 * (4 → one a quarter, 2 → one a half-year) so the dashboard can tell early that one is missing.
 * When 12 is not divisible by N every campaign gets the whole year.
 */
export function campaignWindows(perYear: number, year: number): DateWindow[] {
  if (!Number.isSafeInteger(perYear) || perYear < 0) throw new RangeError(`Invalid campaigns per year: ${perYear}`);
  if (perYear === 0) return [];
  if (12 % perYear !== 0) return Array.from({ length: perYear }, () => yearPeriod(year));
  const step = 12 / perYear;
  return Array.from({ length: perYear }, (_, i) => monthSpan(year, i * step + 1, step));
}

export function windowsOverlap(a: DateWindow, b: DateWindow): boolean {
  return compareIsoDates(a.start, b.end) <= 0 && compareIsoDates(a.end, b.start) >= 0;
}
