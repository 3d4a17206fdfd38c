import { describe, expect, it } from 'vitest';
import { addPeriod, countNoticeDays } from './calendar-period.js';
import { CalendarYearMissingError } from './calendar-errors.js';
import { calendar2025And2026 } from '../test-support/calendar-fixture.js';

describe('addPeriod (issue 3 point 5: three units kept apart, start day not counted)', () => {
  const cal = calendar2025And2026();

  it('computes the issue examples in each unit', () => {
    expect(addPeriod(cal, '2026-09-30', { unit: 'working_days', n: 5 })).toBe('2026-10-13');
    // 期间: 5 October falls in the National Day holiday, so the period ends on the next working day.
    expect(addPeriod(cal, '2026-09-20', { unit: 'days', n: 15 })).toBe('2026-10-08');
    // Same day two months on is Sunday 31 May → Monday 1 June.
    expect(addPeriod(cal, '2026-03-31', { unit: 'months', n: 2 })).toBe('2026-06-01');
  });

  it('refuses a period reaching an uncovered year, naming it', () => {
    expect(() => addPeriod(cal, '2026-12-20', { unit: 'working_days', n: 30 })).toThrow(CalendarYearMissingError);
  });

  it('counts a notice’s holidays and makeup working days', () => {
    expect(countNoticeDays([{ kind: 'holiday' }, { kind: 'holiday' }, { kind: 'makeup_workday' }])).toEqual({
      holidays: 2,
      makeupWorkdays: 1,
    });
  });
});
