import { describe, expect, it } from 'vitest';
import { InvalidDateError, fromDayNumber, plusDays, plusMonths, toDayNumber, weekday } from './iso-date.js';

describe('civil dates', () => {
  it('round-trips day numbers and agrees with Date.UTC over several centuries', () => {
    for (let n = -200_000; n <= 200_000; n += 997) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(fromDayNumber(n)).toBe(iso);
      expect(toDayNumber(iso)).toBe(n);
    }
  });
  it('knows the weekday (31 May 2026 is a Sunday, 1 Jun a Monday)', () => {
    expect(weekday('2026-05-31')).toBe(0);
    expect(weekday('2026-06-01')).toBe(1);
    expect(weekday('2026-02-14')).toBe(6);
  });
  it('adds days and months (clamping to the month end)', () => {
    expect(plusDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(plusMonths('2026-03-31', 2)).toBe('2026-05-31');
    expect(plusMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(plusMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(plusMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
  it('rejects impossible dates', () => {
    expect(() => toDayNumber('2026-02-29')).toThrow(InvalidDateError);
    expect(() => toDayNumber('2026-1-01')).toThrow(InvalidDateError);
    expect(() => toDayNumber('2026-13-01')).toThrow(InvalidDateError);
  });
});
