import { describe, expect, it } from 'vitest';
import { markdownTable, runBench, SMOKE_PROVINCE } from './run-bench.js';

// `pnpm bench --smoke` inside `npm test`: the benchmark still runs and reports every figure, on a tiny
// province. The figures' values are the machine's business and are not asserted; their names and
// baselines are.
describe('the benchmark (smoke run)', () => {
  it('reports each figure against a baseline measured in the same run', { timeout: 300_000 }, async () => {
    const report = await runBench({ smoke: true });
    expect(report.failures).toEqual([]);
    const names = report.figures.map((f) => f.name);
    expect(names).toEqual([
      'demo seed',
      'queue ping (redis)',
      'queue ping (redis)',
      'queue ping (postgres)',
      'queue ping (postgres)',
      'key wipe mid-generation',
      'province seed',
      'obligations and rosters, a year',
      'obligations and rosters, a year',
      'obligations and rosters, a year',
      'worker peak RSS',
      'jobs/s (redis, 1 worker)',
      'jobs/s (redis, 2 workers)',
      'jobs/s (postgres, 1 worker)',
      'jobs/s (postgres, 2 workers)',
      'GET /api/v1/dashboard p50',
      'GET /api/v1/dashboard p95',
      'GET /api/v1/dashboard p99',
      '/dashboard page p50',
      '/dashboard page p95',
      '/dashboard page p99',
      '/dashboard/R09 page p50',
      '/dashboard/R09 page p95',
      '/dashboard/R09 page p99',
      'GET /api/v1/dashboard p50, paced',
      'GET /api/v1/dashboard p95, paced',
      'GET /api/v1/dashboard p99, paced',
      '/dashboard page p50, paced',
      '/dashboard page p95, paced',
      '/dashboard page p99, paced',
      '/dashboard/R09 page p50, paced',
      '/dashboard/R09 page p95, paced',
      '/dashboard/R09 page p99, paced',
      'web server peak RSS',
      'draw',
      'draw tasks',
    ]);
    expect(report.province).toEqual(SMOKE_PROVINCE);
    // The reconcile wrote obligations and rosters, and the draw made its tasks.
    expect(report.figures.find((f) => f.name === 'obligations and rosters, a year')!.what).toMatch(/[1-9][\d,]* obligations/);
    expect(report.figures.find((f) => f.name === 'draw')!.what).toMatch(/of 1,000 entities/);
    expect(report.figures.find((f) => f.name === 'draw tasks')!.what).toMatch(/^the draw's 300 inspection tasks .*, done\)$/);
    for (const f of report.figures) {
      expect(f.medianMs, f.name).toBeGreaterThan(0);
      expect(f.baselineMs, f.name).toBeGreaterThan(0);
      expect(Number.isFinite(f.ratio), f.name).toBe(true);
    }
    expect(markdownTable(report.figures).split('\n')).toHaveLength(2 + report.figures.length);
  });
});
