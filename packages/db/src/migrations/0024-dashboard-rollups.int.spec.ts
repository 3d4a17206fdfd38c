import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../prepare.js';
import { dirtyRollupCount } from '../repositories/dashboard-rollup.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { refreshDashboardRollups } from '../use-cases/dashboard-rollup.use-case.js';
import { migrationProvider } from './index.js';

// Migration 0024 on a database that already holds records (an upgrade): undone, then applied again,
// it marks every day the records count on; `prepareDatabase` (what `migrate` and `start` run) counts
// them at once, and the worker's refresh alone would leave the same cells.
let t: TestDatabase;
let built: string[] = [];

const cells = async () =>
  (await sql<{ c: string }>`select row(d.*)::text as c from dashboard_rollup d order by 1`.execute(t.db)).rows.map((r) => r.c);

/** Back to 0023: 0024 undone, with every later migration (they are applied again after it). */
async function undo0024(): Promise<void> {
  const { error, results } = await new Migrator({ db: t.db, provider: migrationProvider }).migrateTo('0023-roster-load');
  if (error) throw error;
  expect(results?.map((r) => r.migrationName)).toContain('0024-dashboard-rollups');
  const left = await sql<{ n: number }>`select count(*)::int as n from pg_trigger where tgname like '%_dashboard_%'`.execute(
    t.db,
  );
  expect(left.rows[0]!.n).toBe(0);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { seed: 7, today: '2026-11-27' });
  built = await cells();
}, 600_000);
afterAll(async () => {
  await t?.drop();
});

describe('migration 0024 on existing records', () => {
  it('prepareDatabase applies it and counts the records at once', async () => {
    expect(built.length).toBeGreaterThan(100);
    await undo0024();
    const r = await prepareDatabase(t.db, '2026-11-27');
    expect(r.applied).toContain('0024-dashboard-rollups');
    expect(await cells()).toEqual(built);
    expect(await dirtyRollupCount(t.db)).toBe(0);
  });

  it('applied alone, it marks every day; the worker’s refresh then leaves the same cells', async () => {
    await undo0024();
    await new Migrator({ db: t.db, provider: migrationProvider }).migrateToLatest();
    expect(await cells()).toEqual([]);
    expect(await dirtyRollupCount(t.db)).toBeGreaterThan(0);
    expect((await refreshDashboardRollups(t.db, { maxBatches: 1000 })).left).toBe(0);
    expect(await cells()).toEqual(built);
  });
});
