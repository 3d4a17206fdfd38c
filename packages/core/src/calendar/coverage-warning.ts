/**
 * The State Council publishes next year's notice in November. From 1 November the dashboard warns
 * when next year is missing from the calendar, so deadlines reaching January do not fail by surprise.
 * `today` is injected: core never reads the clock.
 */
import type { StatutoryCalendar } from './working-days.js';
import { type IsoDate, parseIsoDate } from '../shared/iso-date.js';
import type { Reason } from '../shared/reason.js';

export const NEXT_YEAR_WARNING_FROM_MONTH = 11;

export function nextYearCoverageWarning(cal: StatutoryCalendar, today: IsoDate): Reason | null {
  const { year, month } = parseIsoDate(today);
  const next = year + 1;
  if (month < NEXT_YEAR_WARNING_FROM_MONTH || cal.isCovered(next)) return null;
  return {
    code: 'CALENDAR_NEXT_YEAR_MISSING',
    zh: `日历尚未录入 ${next} 年节假日安排，涉及 ${next} 年的期限将无法计算`,
    en: `The calendar has no holiday notice for ${next}; deadlines reaching ${next} cannot be computed`,
    clause: '国务院办公厅年度节假日安排通知',
  };
}
