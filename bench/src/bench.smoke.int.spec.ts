import { describe, expect, it } from 'vitest';
import { markdownTable, runBench } from './run-bench.js';

// `pnpm bench --smoke` inside `npm test`: the benchmark still runs and reports every figure. The
// figures' values are the machine's business and are not asserted.
describe('the benchmark (smoke run)', () => {
  it('reports each figure against a baseline measured in the same run', async () => {
    const report = await runBench({ smoke: true });
    const names = report.figures.map((f) => `${f.name}: ${f.what}`);
    expect(names).toEqual([
      'demo seed: seedDemo (the demo district, every table)',
      'queue ping (redis): a closed port answers false',
      'queue ping (redis): a silent backend answers false',
      'queue ping (postgres): a closed port answers false',
      'queue ping (postgres): a silent backend answers false',
    ]);
    for (const f of report.figures) {
      expect(f.medianMs, f.name).toBeGreaterThan(0);
      expect(f.baselineMs, f.name).toBeGreaterThan(0);
      expect(Number.isFinite(f.ratio), f.name).toBe(true);
    }
    expect(markdownTable(report.figures).split('\n')).toHaveLength(2 + report.figures.length);
  });
});
