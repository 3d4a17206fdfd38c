/**
 * The State Council's holiday notices for 2025 and 2026, exactly as published (shared/
 * calendar-notices.md). They are a verification reference for the full table the CLI seeds from
 * the npm package chinese-days, and the calendar the unit tests run on. 2027 is deliberately
 * absent: until an admin enters its notice, computations reaching 2027 must refuse.
 */
import type { CalendarDay } from './working-days.js';
import { type IsoDate, plusDays, toDayNumber } from '../shared/iso-date.js';

export interface NoticeHoliday {
  zh: string;
  en: string;
  /** First and last day off, inclusive. */
  from: IsoDate;
  to: IsoDate;
  /** 调休上班: weekend days worked instead. */
  makeupWorkdays: IsoDate[];
}

export interface StateCouncilNotice {
  year: number;
  title: string;
  issuedOn: IsoDate;
  holidays: NoticeHoliday[];
}

export const STATE_COUNCIL_NOTICES: Readonly<Record<2025 | 2026, StateCouncilNotice>> = {
  2025: {
    year: 2025,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    issuedOn: '2024-11-12',
    holidays: [
      { zh: '元旦', en: "New Year's Day", from: '2025-01-01', to: '2025-01-01', makeupWorkdays: [] },
      { zh: '春节', en: 'Spring Festival', from: '2025-01-28', to: '2025-02-04', makeupWorkdays: ['2025-01-26', '2025-02-08'] },
      { zh: '清明节', en: 'Qingming', from: '2025-04-04', to: '2025-04-06', makeupWorkdays: [] },
      { zh: '劳动节', en: 'Labour Day', from: '2025-05-01', to: '2025-05-05', makeupWorkdays: ['2025-04-27'] },
      { zh: '端午节', en: 'Dragon Boat Festival', from: '2025-05-31', to: '2025-06-02', makeupWorkdays: [] },
      {
        zh: '国庆节、中秋节',
        en: 'National Day and Mid-Autumn',
        from: '2025-10-01',
        to: '2025-10-08',
        makeupWorkdays: ['2025-09-28', '2025-10-11'],
      },
    ],
  },
  2026: {
    year: 2026,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    issuedOn: '2025-11-04',
    holidays: [
      { zh: '元旦', en: "New Year's Day", from: '2026-01-01', to: '2026-01-03', makeupWorkdays: ['2026-01-04'] },
      { zh: '春节', en: 'Spring Festival', from: '2026-02-15', to: '2026-02-23', makeupWorkdays: ['2026-02-14', '2026-02-28'] },
      { zh: '清明节', en: 'Qingming', from: '2026-04-04', to: '2026-04-06', makeupWorkdays: [] },
      { zh: '劳动节', en: 'Labour Day', from: '2026-05-01', to: '2026-05-05', makeupWorkdays: ['2026-05-09'] },
      { zh: '端午节', en: 'Dragon Boat Festival', from: '2026-06-19', to: '2026-06-21', makeupWorkdays: [] },
      { zh: '中秋节', en: 'Mid-Autumn', from: '2026-09-25', to: '2026-09-27', makeupWorkdays: [] },
      { zh: '国庆节', en: 'National Day', from: '2026-10-01', to: '2026-10-07', makeupWorkdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
};

/** A notice expanded into the day table `createCalendar` takes. */
export function noticeDays(notice: StateCouncilNotice): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (const h of notice.holidays) {
    for (let d = h.from; toDayNumber(d) <= toDayNumber(h.to); d = plusDays(d, 1)) out.push({ date: d, kind: 'holiday' });
    for (const w of h.makeupWorkdays) out.push({ date: w, kind: 'makeup_workday' });
  }
  return out;
}

/** The 2025 and 2026 notices as a ready table, with both years covered. */
export function stateCouncilDays2025And2026(): { days: CalendarDay[]; coveredYears: number[] } {
  return {
    days: [...noticeDays(STATE_COUNCIL_NOTICES[2025]), ...noticeDays(STATE_COUNCIL_NOTICES[2026])],
    coveredYears: [2025, 2026],
  };
}
