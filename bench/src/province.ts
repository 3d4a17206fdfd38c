import { migrateToLatest, seedCalendarFromPackage, seedProvince } from '@supervise/db';
import {
  bulkInsertFloorMs,
  cloneDatabase,
  createTestDatabase,
  databaseExists,
  keepDatabase,
  rawQuery,
  type TestDatabase,
} from '@supervise/db/testing';
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
  /** The seed as a figure: against one INSERT … SELECT of as many rows; none when a kept province was reused. */
  figure?: Figure;
}

/** The name a province of this scale is kept under by `--keep-province`. */
export function keptProvinceName(scale: ProvinceScale): string {
  return `bench_province_${scale.entities}e_${scale.officers}o_${scale.years}y`;
}

/**
 * A database with the province of `scale` (`pnpm supervise seed --province`), cloned from the test
 * template and seeded; with `keep`, the seeded province is kept (`keptProvinceName`) and later runs
 * work on a clone of it, migrated to the latest schema, instead of seeding again (22 minutes at
 * 200,000 entities). Drop it (`dropdb`) when the seed itself changes.
 */
export async function benchProvince(scale: ProvinceScale, keep: boolean, log: (line: string) => void): Promise<Province> {
  const kept = keptProvinceName(scale);
  if (keep && (await databaseExists(kept))) {
    log(`province: cloning the kept ${kept}`);
    const t = await cloneDatabase(kept);
    await migrateToLatest(t.db);
    // A province kept before the seed had the calendar (below) gets it now; nothing if it has it.
    await seedCalendarFromPackage(t.db);
    return { t };
  }
  const province = await seedBenchProvince(scale, log);
  if (!keep) return province;
  log(`province: keeping it as ${kept}`);
  return { ...province, t: await keepDatabase(province.t, kept) };
}

async function seedBenchProvince(scale: ProvinceScale, log: (line: string) => void): Promise<Province> {
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
