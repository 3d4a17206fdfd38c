import { describe, expect, it } from 'vitest';
import { CADENCES, cadenceWindowOf, cadenceWindowStartingOn, cadenceWindows } from './period.js';

describe('period arithmetic: the window of a cadence, aligned to the calendar year', () => {
  it('finds the month, two-month block, quarter and year containing a day', () => {
    expect(CADENCES.map((c) => cadenceWindowOf(c, '2026-08-15'))).toEqual([
      { start: '2026-08-01', end: '2026-08-31' },
      { start: '2026-07-01', end: '2026-08-31' },
      { start: '2026-07-01', end: '2026-09-30' },
      { start: '2026-01-01', end: '2026-12-31' },
    ]);
    expect(cadenceWindowOf('two_months', '2028-02-29')).toEqual({ start: '2028-01-01', end: '2028-02-29' });
  });
  it('every window of a year is found from each of its days, and starts only where it starts', () => {
    for (const c of CADENCES) {
      for (const w of cadenceWindows(c, 2026)) {
        expect(cadenceWindowOf(c, w.start)).toEqual(w);
        expect(cadenceWindowOf(c, w.end)).toEqual(w);
        expect(cadenceWindowStartingOn(c, w.start)).toEqual(w);
      }
    }
    expect(cadenceWindowStartingOn('quarter', '2026-02-01')).toBeNull();
    expect(cadenceWindowStartingOn('month', '2026-02-02')).toBeNull();
    expect(cadenceWindowStartingOn('two_months', '2026-03-01')).toEqual({ start: '2026-03-01', end: '2026-04-30' });
  });
});
