import { seedDemo } from '@supervise/db';
import { bulkInsertFloorMs, createTestDatabase } from '@supervise/db/testing';
import { figure, median, type Figure } from './measure.js';

/**
 * The demo district's seed (what `npm start` loads into an empty database) against the floor of
 * writing as many rows with one statement. Moved here from the demo test (issue 8 §1): the clock
 * is measured, never asserted.
 */
export async function demoSeedFigure(runs: number): Promise<Figure> {
  const times: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await createTestDatabase();
    try {
      const start = performance.now();
      const summary = await seedDemo(t.db, { seed: 7, today: '2026-11-27' });
      times.push(performance.now() - start);
      const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      floors.push(await bulkInsertFloorMs(t.db, rows));
    } finally {
      await t.drop();
    }
  }
  return figure({
    name: 'demo seed',
    what: 'seedDemo (the demo district, every table)',
    baseline: 'one INSERT … SELECT of as many rows',
    runs,
    medianMs: median(times),
    baselineMs: median(floors),
  });
}
