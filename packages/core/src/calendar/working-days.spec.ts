import { describe, expect, it } from 'vitest';
import { CalendarDataError, CalendarYearMissingError } from './calendar-errors.js';
import { nextYearCoverageWarning } from './coverage-warning.js';
import { STATE_COUNCIL_NOTICES, noticeDays } from './state-council-notices.js';
import { createCalendar, missingYears } from './working-days.js';
import { calendar2025And2026 } from '../test-support/calendar-fixture.js';

const cal = calendar2025And2026();

/** Expected days off and makeup days, typed in from calendar-notices.md (not derived from the data). */
const HOLIDAYS_2025 = [
  '2025-01-01',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-02-01',
  '2025-02-02',
  '2025-02-03',
  '2025-02-04',
  '2025-04-04',
  '2025-04-05',
  '2025-04-06',
  '2025-05-01',
  '2025-05-02',
  '2025-05-03',
  '2025-05-04',
  '2025-05-05',
  '2025-05-31',
  '2025-06-01',
  '2025-06-02',
  '2025-10-01',
  '2025-10-02',
  '2025-10-03',
  '2025-10-04',
  '2025-10-05',
  '2025-10-06',
  '2025-10-07',
  '2025-10-08',
];
const MAKEUP_2025 = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];
const HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-01-02',
  '2026-01-03',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
  '2026-02-23',
  '2026-04-04',
  '2026-04-05',
  '2026-04-06',
  '2026-05-01',
  '2026-05-02',
  '2026-05-03',
  '2026-05-04',
  '2026-05-05',
  '2026-06-19',
  '2026-06-20',
  '2026-06-21',
  '2026-09-25',
  '2026-09-26',
  '2026-09-27',
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
];
const MAKEUP_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

function everyDayOf(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const isWeekendByDate = (d: string): boolean => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

describe('State Council notices, day by day (calendar-notices.md)', () => {
  for (const [year, holidays, makeups] of [
    [2025, HOLIDAYS_2025, MAKEUP_2025],
    [2026, HOLIDAYS_2026, MAKEUP_2026],
  ] as const) {
    it(`${year}: every day of the year is working or rest exactly as the notice says`, () => {
      const days = everyDayOf(year);
      expect(days).toHaveLength(365);
      const wrong: string[] = [];
      for (const d of days) {
        const expected =
          (makeups as readonly string[]).includes(d) || (!(holidays as readonly string[]).includes(d) && !isWeekendByDate(d));
        if (cal.isWorkingDay(d) !== expected) wrong.push(d);
      }
      expect(wrong).toEqual([]);
    });

    it(`${year}: every listed holiday is a holiday and every makeup day is a weekend worked`, () => {
      for (const d of holidays) expect(cal.dayStatus(d), d).toBe('holiday');
      for (const d of makeups) {
        expect(isWeekendByDate(d), d).toBe(true);
        expect(cal.dayStatus(d), d).toBe('makeup_workday');
        expect(cal.isWorkingDay(d), d).toBe(true);
      }
    });

    it(`${year}: the notice data lists exactly these days`, () => {
      const data = noticeDays(STATE_COUNCIL_NOTICES[year]);
      expect(
        data
          .filter((x) => x.kind === 'holiday')
          .map((x) => x.date)
          .sort(),
      ).toEqual([...holidays].sort());
      expect(
        data
          .filter((x) => x.kind === 'makeup_workday')
          .map((x) => x.date)
          .sort(),
      ).toEqual([...makeups].sort());
    });
  }

  it('ordinary weekdays and weekends around the holidays follow the week', () => {
    // 2026 Spring Festival: Fri 13 Feb works, Sat 14 works (makeup), 15–23 off, Tue 24 works,
    // Sat 28 works (makeup), Sun 1 Mar rests.
    expect(cal.dayStatus('2026-02-13')).toBe('workday');
    expect(cal.dayStatus('2026-02-24')).toBe('workday');
    expect(cal.dayStatus('2026-02-27')).toBe('workday');
    expect(cal.dayStatus('2026-03-01')).toBe('weekend');
    expect(cal.dayStatus('2026-02-07')).toBe('weekend');
    // 2026 National Day: Sat 19 Sep rests, Sun 20 works, Thu 8 Oct works, Sun 11 Oct rests.
    expect(cal.dayStatus('2026-09-19')).toBe('weekend');
    expect(cal.dayStatus('2026-09-28')).toBe('workday');
    expect(cal.dayStatus('2026-10-08')).toBe('workday');
    expect(cal.dayStatus('2026-10-11')).toBe('weekend');
    // 2025: Sat 25 Jan rests, Sun 26 works; Sun 9 Feb rests; Sat 27 Sep rests, Sun 28 works; Thu 9 Oct works.
    expect(cal.dayStatus('2025-01-25')).toBe('weekend');
    expect(cal.dayStatus('2025-01-27')).toBe('workday');
    expect(cal.dayStatus('2025-02-09')).toBe('weekend');
    expect(cal.dayStatus('2025-09-27')).toBe('weekend');
    expect(cal.dayStatus('2025-10-09')).toBe('workday');
    expect(cal.dayStatus('2025-12-31')).toBe('workday');
  });
});

describe('期间 clause (公安机关办理行政案件程序规定): start day not counted; a rest-day end moves to the next working day', () => {
  it('addWorkingDays from 2026-09-30 by 5 → 2026-10-13 (National Day off, Sat 10 Oct worked)', () => {
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
  });
  it('addCalendarDays from 2026-09-20 by 15 → 2026-10-08 (5 Oct is a holiday)', () => {
    expect(cal.addCalendarDays('2026-09-20', 15)).toBe('2026-10-08');
  });
  it('addMonths from 2026-03-31 by 2 → 2026-06-01 (31 May 2026 is a Sunday)', () => {
    expect(cal.addMonths('2026-03-31', 2)).toBe('2026-06-01');
  });
  it('the start day is not counted', () => {
    expect(cal.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(cal.addCalendarDays('2026-03-02', 1)).toBe('2026-03-03');
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Fri → Mon
  });
  it('a makeup Saturday counts as a working day', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addCalendarDays('2026-02-13', 1)).toBe('2026-02-14');
  });
  it('a calendar-day period ending on an ordinary weekend moves to Monday', () => {
    expect(cal.addCalendarDays('2026-03-02', 5)).toBe('2026-03-09'); // Sat 7 → Mon 9
  });
  it('a period that ends on a working day is not moved', () => {
    expect(cal.addCalendarDays('2026-03-02', 4)).toBe('2026-03-06');
  });
  it('the liberty-restriction exception can switch the extension off', () => {
    expect(cal.addCalendarDays('2026-09-20', 15, { extendOverRestDays: false })).toBe('2026-10-05');
  });
  it('months land on the same day of the month, or the month’s last day', () => {
    expect(cal.addMonths('2026-01-15', 1)).toBe('2026-02-24'); // 15 Feb is Spring Festival → 24 Feb
    expect(cal.addMonths('2026-01-31', 1, { extendOverRestDays: false })).toBe('2026-02-28');
    // 30 Jan → 28 Feb (clamped to the month's last day), a makeup Saturday: a working day, so it stays.
    expect(cal.addMonths('2026-01-30', 1)).toBe('2026-02-28');
    // 31 Mar 2025 → 31 May 2025, Dragon Boat holiday (31 May – 2 Jun) → Tue 3 Jun.
    expect(cal.addMonths('2025-03-31', 2)).toBe('2025-06-03');
  });
  it('n = 0 returns the start; negative counts are refused', () => {
    expect(cal.addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(() => cal.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => cal.addCalendarDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('uncovered years are refused, never guessed', () => {
  it('addWorkingDays from 2026-12-20 by 30 throws CalendarYearMissingError naming 2027', () => {
    let err: unknown;
    try {
      cal.addWorkingDays('2026-12-20', 30);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CalendarYearMissingError);
    expect((err as CalendarYearMissingError).year).toBe(2027);
    expect((err as Error).message).toContain('2027 年');
    expect((err as Error).message).toContain('does not cover 2027');
  });
  it('isWorkingDay on a plain Monday of an uncovered year throws', () => {
    expect(() => cal.isWorkingDay('2027-03-01')).toThrow(CalendarYearMissingError);
    expect(() => cal.isWorkingDay('2024-03-04')).toThrow(/2024/);
  });
  it('a calendar-day period ending in an uncovered year throws', () => {
    expect(() => cal.addCalendarDays('2026-12-30', 5)).toThrow(CalendarYearMissingError);
    expect(() => cal.addMonths('2026-12-01', 2)).toThrow(/2027/);
  });
  it('a computation that stays inside covered years succeeds near the edge', () => {
    expect(cal.addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
  });
  it('missingYears and the November warning name the next year', () => {
    expect(missingYears(cal, 2025, 2027)).toEqual([2027]);
    expect(nextYearCoverageWarning(cal, '2026-10-31')).toBeNull();
    const w = nextYearCoverageWarning(cal, '2026-11-01');
    expect(w?.code).toBe('CALENDAR_NEXT_YEAR_MISSING');
    expect(w?.en).toContain('2027');
    expect(nextYearCoverageWarning(cal, '2025-11-20')).toBeNull(); // 2026 is covered
  });
});

describe('createCalendar rejects inconsistent tables', () => {
  it('a makeup day on a weekday', () => {
    expect(() => createCalendar([{ date: '2026-03-03', kind: 'makeup_workday' }], [2026])).toThrow(CalendarDataError);
  });
  it('a day both holiday and makeup', () => {
    expect(() =>
      createCalendar(
        [
          { date: '2026-02-14', kind: 'holiday' },
          { date: '2026-02-14', kind: 'makeup_workday' },
        ],
        [2026],
      ),
    ).toThrow(CalendarDataError);
  });
  it('a day outside the covered years, or an invalid date', () => {
    expect(() => createCalendar([{ date: '2027-01-01', kind: 'holiday' }], [2026])).toThrow(CalendarDataError);
    expect(() => createCalendar([{ date: '2026-02-30', kind: 'holiday' }], [2026])).toThrow(CalendarDataError);
  });
});
