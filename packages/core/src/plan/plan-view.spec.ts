import { describe, expect, it } from 'vitest';
import { currentPlanPeriod, parsePlanPeriod, planStatus } from './plan-view.js';

describe('parsePlanPeriod', () => {
  it('reads a month, a two-month block, a quarter and a year as the frequency rules cut the year', () => {
    expect(parsePlanPeriod('2026-12')).toEqual({ kind: 'month', name: '2026-12', start: '2026-12-01', end: '2026-12-31' });
    expect(parsePlanPeriod('2026-02')).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(parsePlanPeriod('2026-b6')).toEqual({ kind: 'two_months', name: '2026-B6', start: '2026-11-01', end: '2026-12-31' });
    expect(parsePlanPeriod('2026-Q4')).toEqual({ kind: 'quarter', name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(parsePlanPeriod(' 2026 ')).toEqual({ kind: 'year', name: '2026', start: '2026-01-01', end: '2026-12-31' });
  });

  it('names nothing for anything else', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-B7', '26-12', '2026-12-01', '', 'december', '1999'])
      expect(parsePlanPeriod(bad), bad).toBeNull();
  });

  it('defaults to the month of today', () => {
    expect(currentPlanPeriod('2026-11-27').name).toBe('2026-11');
  });
});

describe('planStatus', () => {
  const base = { target: 1, done: 0, assigned: 0, fulfilled: false, windowEnd: '2026-12-31', today: '2026-12-10' };
  it('is done once the target is met or the row is fulfilled, even after the window', () => {
    expect(planStatus({ ...base, done: 1 })).toBe('done');
    expect(planStatus({ ...base, fulfilled: true, today: '2027-01-05' })).toBe('done');
  });
  it('is overdue when the window ended without it', () => {
    expect(planStatus({ ...base, assigned: 1, today: '2027-01-01' })).toBe('overdue');
    // Still due on the window's last day.
    expect(planStatus({ ...base, assigned: 1, today: '2026-12-31' })).toBe('assigned');
  });
  it('is assigned when what is done plus what is planned with two officers reaches the target', () => {
    expect(planStatus({ ...base, target: 10, done: 4, assigned: 6 })).toBe('assigned');
    expect(planStatus({ ...base, target: 10, done: 4, assigned: 5 })).toBe('unassigned');
  });
});
