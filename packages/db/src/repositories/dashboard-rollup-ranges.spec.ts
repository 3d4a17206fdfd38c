import { describe, expect, it } from 'vitest';
import { grainRanges } from './dashboard-rollup-ranges.js';

describe('grainRanges (how the dashboard reads a period from the rollups)', () => {
  it('a past month is one month cell; the month of today is read by day', () => {
    expect(grainRanges('2026-10-01', '2026-10-31', '2026-11-27')).toEqual([
      { grain: 'month', from: '2026-10-01', to: '2026-10-01' },
    ]);
    expect(grainRanges('2026-11-01', '2026-11-30', '2026-11-27')).toEqual([
      { grain: 'day', from: '2026-11-01', to: '2026-11-30' },
    ]);
  });

  it('a custom range: partial months by day, whole months by month, today’s month by day, in order', () => {
    expect(grainRanges('2026-03-17', '2027-01-04', '2026-11-27')).toEqual([
      { grain: 'day', from: '2026-03-17', to: '2026-03-31' },
      { grain: 'month', from: '2026-04-01', to: '2026-10-01' },
      { grain: 'day', from: '2026-11-01', to: '2026-11-30' },
      { grain: 'month', from: '2026-12-01', to: '2026-12-01' },
      { grain: 'day', from: '2027-01-01', to: '2027-01-04' },
    ]);
  });

  it('February of a leap year, and a single day', () => {
    expect(grainRanges('2024-02-01', '2024-02-29', '2026-11-27')).toEqual([
      { grain: 'month', from: '2024-02-01', to: '2024-02-01' },
    ]);
    expect(grainRanges('2024-02-01', '2024-02-28', '2026-11-27')).toEqual([
      { grain: 'day', from: '2024-02-01', to: '2024-02-28' },
    ]);
    expect(grainRanges('2026-05-09', '2026-05-09', '2026-11-27')).toEqual([
      { grain: 'day', from: '2026-05-09', to: '2026-05-09' },
    ]);
  });
});
