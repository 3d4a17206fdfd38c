import { parseDashboardPeriod } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { dashboardSearch } from './dashboard.js';

describe('dashboard query string', () => {
  it('keeps a named period, or a custom span, and the brigade and station', () => {
    const month = parseDashboardPeriod({ period: '2026-11' }, '2026-11-27');
    const custom = parseDashboardPeriod({ from: '2026-01-05', to: '2026-03-31' }, '2026-11-27');
    if (!month.ok || !custom.ok) throw new Error('valid periods refused');
    expect(dashboardSearch({ period: month.period, brigadeId: 'B-ZA', stationId: null })).toBe('period=2026-11&brigade=B-ZA');
    expect(dashboardSearch({ period: custom.period, brigadeId: null, stationId: 'S01' })).toBe(
      'from=2026-01-05&to=2026-03-31&station=S01',
    );
  });
});
