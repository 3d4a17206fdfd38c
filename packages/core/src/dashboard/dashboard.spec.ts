import { describe, expect, it } from 'vitest';
import { emptyCounts, figuresOf, fineBandOf, ratio, sumCounts } from './figures.js';
import { parseDashboardPeriod, trendPeriods, yearBefore } from './period.js';

describe('dashboard figures', () => {
  it('a ratio without a denominator is unknown, not 0 %', () => {
    expect(ratio(0, 0).rate).toBeNull();
    expect(ratio(3, 4).rate).toBe(0.75);
  });

  it('coverage adds the three kinds; the rectification rate is on time over due', () => {
    const c = emptyCounts('R09');
    c.coverage.census = { obligations: 8, covered: 6 };
    c.coverage.campaign = { obligations: 2, covered: 2 };
    c.rectifications = { due: 4, onTime: 3, overdueOpen: 1 };
    const f = figuresOf(c);
    expect(f.coverage).toBe(0.8);
    expect(f.coverageByKind.spot_check.rate).toBeNull();
    expect(f.rectificationRate).toBe(0.75);
    expect(f.rectification.overdueOpen).toBe(1);
  });

  it('sums regimes, violations and bands', () => {
    const a = emptyCounts('R09');
    a.penalties = {
      count: 1,
      fineFen: 100,
      warnings: 0,
      byViolation: [{ code: 'X', count: 1, fineFen: 100 }],
      byBand: { under_1000: 1 },
    };
    const b = emptyCounts('R10');
    b.penalties = {
      count: 2,
      fineFen: 300,
      warnings: 1,
      byViolation: [{ code: 'X', count: 2, fineFen: 300 }],
      byBand: { under_1000: 1 },
    };
    const t = sumCounts('total', [a, b]);
    expect(t.penalties).toEqual({
      count: 3,
      fineFen: 400,
      warnings: 1,
      byViolation: [{ code: 'X', count: 3, fineFen: 400 }],
      byBand: { under_1000: 2 },
    });
  });

  it('fine bands by yuan; no fine, no band', () => {
    expect(fineBandOf(0)).toBeNull();
    expect(fineBandOf(99_999)).toBe('under_1000');
    expect(fineBandOf(100_000)).toBe('1000_to_4999');
    expect(fineBandOf(3_000_000)).toBe('30000_and_above');
  });
});

describe('dashboard periods', () => {
  it('month, quarter, year, custom; the current month by default', () => {
    expect(parseDashboardPeriod({}, '2026-11-27')).toMatchObject({
      ok: true,
      period: { name: '2026-11', from: '2026-11-01', to: '2026-11-30' },
    });
    expect(parseDashboardPeriod({ period: '2026-q4' }, '2026-11-27')).toMatchObject({
      ok: true,
      period: { from: '2026-10-01', to: '2026-12-31' },
    });
    expect(parseDashboardPeriod({ period: '2026' }, '2026-11-27')).toMatchObject({ ok: true, period: { kind: 'year' } });
    expect(parseDashboardPeriod({ from: '2026-02-01', to: '2026-02-10' }, '2026-11-27')).toMatchObject({
      ok: true,
      period: { kind: 'custom' },
    });
    expect(parseDashboardPeriod({ from: '2026-02-01' }, '2026-11-27')).toMatchObject({ ok: false, field: 'to' });
    expect(parseDashboardPeriod({ period: 'soon' }, '2026-11-27')).toMatchObject({ ok: false, field: 'period' });
  });

  it('a year before, and 12 periods ending with this one', () => {
    const p = parseDashboardPeriod({ period: '2026-02' }, '2026-11-27');
    if (!p.ok) throw new Error('refused');
    expect(yearBefore(p.period).name).toBe('2025-02');
    const t = trendPeriods(p.period);
    expect(t.map((x) => x.name).slice(0, 2)).toEqual(['2025-03', '2025-04']);
    expect(t[11]!.name).toBe('2026-02');
    const q = parseDashboardPeriod({ period: '2026-Q1' }, '2026-11-27');
    if (!q.ok) throw new Error('refused');
    expect(trendPeriods(q.period)[0]!.name).toBe('2023-Q2');
  });
});
