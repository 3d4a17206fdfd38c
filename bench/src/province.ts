import { seedCalendarFromPackage, seedProvince, type ProvinceSummary } from '@supervise/db';
import { bulkInsertFloorMs, createTestDatabase, rawQuery, type TestDatabase } from '@supervise/db/testing';
import { figure, type Figure } from './measure.js';

/** The day the province's activity ends and the processors' clock stands on. */
export const BENCH_TODAY = '2026-11-27';

export interface ProvinceScale {
  entities: number;
  officers: number;
  years: number;
}

export interface Province {
  t: TestDatabase;
  summary: ProvinceSummary;
  /** The seed as a figure: against one INSERT … SELECT of as many rows. */
  figure: Figure;
}

/** A database cloned from the test template with the province of `scale` (`pnpm supervise seed --province`). */
export async function seedBenchProvince(scale: ProvinceScale, log: (line: string) => void): Promise<Province> {
  const t = await createTestDatabase();
  try {
    const start = performance.now();
    const summary = await seedProvince(t.url, { ...scale, seed: 2026, today: BENCH_TODAY, log: (l) => log(`province: ${l}`) });
    const ms = performance.now() - start;
    const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    const floor = await bulkInsertFloorMs(t.db, rows);
    // The statutory calendar, as `supervise seed --province` has it (its prepareDatabase seeds
    // 2004–2026): without it the reconcile's rosters skip day-spreading ("calendar-year-missing") and
    // put every inspection of a window on one day, which is not the work the figure is about. The
    // in-service day is left unset, so every window of the year is generated.
    await seedCalendarFromPackage(t.db);
    // As an operator would after a bulk load: the visibility map and hint bits set and statistics
    // taken now, so autovacuum's first pass over millions of fresh rows is not timed in the figures.
    await rawQuery(t.db, 'vacuum (analyze)');
    return {
      t,
      summary,
      figure: figure({
        name: 'province seed',
        what: `seedProvince: ${scale.entities.toLocaleString('en')} entities, ${scale.years} years, ${rows.toLocaleString('en')} rows by COPY`,
        baseline: 'one INSERT … SELECT of as many rows',
        runs: 1,
        medianMs: ms,
        baselineMs: floor,
      }),
    };
  } catch (e) {
    await t.drop();
    throw e;
  }
}
