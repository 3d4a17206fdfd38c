/**
 * A period in one of the three units the rulebook keeps apart (issue 3, point 5): working days,
 * calendar days, months. Shared by the CLI's `calendar add` and the web's `/api/v1/calendar/add`.
 */
import type { StatutoryCalendar } from './working-days.js';
import type { IsoDate } from '../shared/iso-date.js';

export const PERIOD_UNITS = ['working_days', 'days', 'months'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface Period {
  unit: PeriodUnit;
  n: number;
}

/**
 * The day a period ends. The start day is not counted; a period in calendar days or months whose last
 * day is not a working day ends on the next working day (期间 clause of the public-security procedure
 * rules); months land on the same day of the month or on the month's last day. Throws
 * `CalendarYearMissingError` when the computation reaches a year the calendar does not cover.
 */
export function addPeriod(cal: StatutoryCalendar, from: IsoDate, period: Period): IsoDate {
  switch (period.unit) {
    case 'working_days':
      return cal.addWorkingDays(from, period.n);
    case 'days':
      return cal.addCalendarDays(from, period.n);
    case 'months':
      return cal.addMonths(from, period.n);
  }
}

/** Counts of a notice's exceptional days, for an import summary. */
export function countNoticeDays(days: readonly { kind: string }[]): { holidays: number; makeupWorkdays: number } {
  return {
    holidays: days.filter((d) => d.kind === 'holiday').length,
    makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').length,
  };
}
