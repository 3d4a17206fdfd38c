import { sql } from 'kysely';
import type { Principal } from '@supervise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedOnRollups, rollupGeneration } from '../repositories/dashboard-rollup-cache.js';
import { supervisionPanel } from '../repositories/dashboard-supervision.repository.js';
import { createDb } from '../client.js';
import {
  createCaseFixture,
  createTestAppRole,
  createTestDatabase,
  statementRecorder,
  type CaseFixture,
  type TestDatabase,
} from '../testing/index.js';
import { rebuildDashboardRollups, refreshDashboardRollups } from './dashboard-rollup.use-case.js';
import { loadDashboard, readDashboardQuery } from './dashboard.use-case.js';

// Issue 12/14: the figures are cached in the process on the rollups' generation (migration 0029), the
// filters, the query (scope included) and today. A second identical read does not read the rollups; a
// refresh that counted a change, or a rebuild, moves the generation, and the next read is current.
let t: TestDatabase;
let a: CaseFixture;
let c: CaseFixture;
const TODAY = '2026-06-30';
const leader = { roles: [{ role: 'leader' as const }] };
const zaScheduler = { roles: [{ role: 'scheduler' as const, brigadeId: 'B-ZA' }] };
const operator = { id: null, username: 'cli:test', principal: null, via: 'cli' as const };

/** The statements run through a handle, as text: the rollup reads are those naming `dashboard_rollup r`. */
const { plugin: recorder, statements } = statementRecorder();
const rollupReads = () => statements.filter((s) => s.includes('dashboard_rollup r')).length;

async function notice(f: CaseFixture, no: string, deadline: string): Promise<void> {
  await t.db
    .insertInto('rectification')
    .values({ hazard_id: f.hazardId, notice_no: no, deadline_on: deadline, status: 'overdue', served_on: '2026-06-02' })
    .execute();
}

async function read(principal: Principal, params: Record<string, string>, today = TODAY) {
  const r = await readDashboardQuery(t.db, principal, params, today);
  if (!r.ok) throw new Error(r.problem.en);
  return r;
}

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 'ca' });
  c = await createCaseFixture(t.db, { regime: 'R14', inspectedOn: '2026-06-05', tag: 'cc' });
  await notice(a, 'C-A1', '2026-06-20');
  await notice(c, 'C-C1', '2026-06-25');
  await refreshDashboardRollups(t.db);
});
afterAll(async () => t?.drop());

describe('the dashboard figures cached on the rollups’ generation', () => {
  it('a second identical read does not read the rollups, and gives the same frozen figures', async () => {
    const db = t.db.withPlugin(recorder);
    const q = await read(leader, { period: '2026-06' });
    statements.length = 0;
    const first = await loadDashboard(db, q.filters, q.query);
    expect(rollupReads()).toBeGreaterThan(0);
    statements.length = 0;
    const second = await loadDashboard(db, q.filters, q.query);
    expect(rollupReads()).toBe(0);
    expect(statements).toHaveLength(1); // the generation, only
    expect(second).toEqual(first);
    expect(second.totals.rectification.of).toBe(2);
    expect(Object.isFrozen(second.totals.rectification)).toBe(true);
    expect(() => {
      (second.regimes as { regime: string }[]).push({ regime: 'X' });
    }).toThrow();
    // The caller's filters stay theirs (not frozen).
    expect(Object.isFrozen(q.filters)).toBe(false);
  });

  it('scope, filters and today are part of the key: a brigade scheduler never gets the leader’s figures', async () => {
    const db = t.db.withPlugin(recorder);
    const boss = await read(leader, { period: '2026-06' });
    const leaders = await loadDashboard(db, boss.filters, boss.query, { trend: false });
    expect(leaders.totals.rectification.of).toBe(2);

    statements.length = 0;
    const za = await read(zaScheduler, { period: '2026-06' });
    const brigade = await loadDashboard(db, za.filters, za.query, { trend: false });
    expect(rollupReads()).toBeGreaterThan(0);
    expect(brigade.regimes.map((r) => r.regime)).toEqual(['R05', 'R06', 'R07', 'R08', 'R09', 'R10']);
    expect(brigade.totals.rectification.of).toBe(1); // C-C1 is a bank's (R14, another brigade)

    statements.length = 0;
    const filtered = await read(leader, { period: '2026-06', brigade: 'B-WA' });
    expect((await loadDashboard(db, filtered.filters, filtered.query, { trend: false })).totals.rectification.of).toBe(1);
    expect(rollupReads()).toBeGreaterThan(0);

    // Today early in June: neither deadline has come, nothing is due yet.
    statements.length = 0;
    const early = await read(leader, { period: '2026-06' }, '2026-06-15');
    expect((await loadDashboard(db, early.filters, early.query, { trend: false })).totals.rectification.of).toBe(0);
    expect(rollupReads()).toBeGreaterThan(0);

    // The trend option too: the view with a trend is not the one without.
    statements.length = 0;
    const withTrend = await loadDashboard(db, boss.filters, boss.query, { trend: true });
    expect(withTrend.trend).toHaveLength(12);
    expect(leaders.trend).toHaveLength(0);
  });

  it('a recorded change, once refreshed, moves the generation and the figures (no stale read)', async () => {
    const db = t.db.withPlugin(recorder);
    const q = await read(leader, { period: '2026-06' });
    const before = await loadDashboard(db, q.filters, q.query);
    const panelBefore = await supervisionPanel(db, q.query);
    const g0 = await rollupGeneration(t.db);

    const d = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-12', tag: 'cd' });
    await notice(d, 'C-A2', '2026-06-22');
    // Not counted yet: the rollups (and so the generation and the figures) are as they were.
    expect(await rollupGeneration(t.db)).toEqual(g0);
    expect((await loadDashboard(db, q.filters, q.query)).totals.rectification.of).toBe(before.totals.rectification.of);

    await refreshDashboardRollups(t.db);
    const g1 = await rollupGeneration(t.db);
    expect(BigInt(g1.generation)).toBeGreaterThan(BigInt(g0.generation));
    const after = await loadDashboard(db, q.filters, q.query);
    expect(after.totals.rectification.of).toBe(before.totals.rectification.of + 1);
    expect(after.totals.rectification.overdueOpen).toBe(before.totals.rectification.overdueOpen + 1);
    expect(after.trend[11]!.totals).toEqual(after.totals);

    // A refresh with nothing marked leaves the generation (and the cache) alone.
    await refreshDashboardRollups(t.db);
    expect(await rollupGeneration(t.db)).toEqual(g1);

    // The supervision panel's rollup part follows too: the new notice completes without a review.
    await sql`update rectification set completed_on = '2026-06-21', status = 'completed' where notice_no = 'C-A2'`.execute(t.db);
    await refreshDashboardRollups(t.db);
    expect((await supervisionPanel(db, q.query)).closedWithoutReview).toBe(panelBefore.closedWithoutReview + 1);
  });

  it('a rebuild moves the generation', async () => {
    const g0 = await rollupGeneration(t.db);
    expect(await rebuildDashboardRollups(t.db, operator)).toMatchObject({ ok: true });
    const g1 = await rollupGeneration(t.db);
    expect(BigInt(g1.generation)).toBe(BigInt(g0.generation) + 1n);
    expect(g1.table).toBe(g0.table);
  });

  it('the apps’ rows-only role reads the generation, and its refresh moves it', async () => {
    const role = await createTestAppRole(t.url);
    const app = createDb({ url: role.url, max: 1 });
    try {
      const g0 = await rollupGeneration(app);
      const d = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-14', tag: 'ce' });
      await notice(d, 'C-E1', '2026-06-24');
      await refreshDashboardRollups(app);
      expect(BigInt((await rollupGeneration(app)).generation)).toBe(BigInt(g0.generation) + 1n);
    } finally {
      await app.destroy();
      await role.drop();
    }
  });

  it('past its window a result is served while one refresh runs, then the refreshed one; a failed refresh keeps it', async () => {
    let computed = 0;
    let release: () => void = () => {};
    let fail = false;
    const compute = async () => {
      const n = ++computed;
      if (n > 1) await new Promise<void>((r) => (release = r));
      if (fail) throw new Error('the live list failed');
      return { n };
    };
    const key = ['stale-while-refresh', Math.random()];
    const get = () => cachedOnRollups(t.db, key, compute, { maxAgeMs: 1 });
    expect(await get()).toEqual({ n: 1 });
    await new Promise((r) => setTimeout(r, 5));
    // Past the window: the old result at once (the refresh is held), and only one refresh for many readers.
    expect(await Promise.all([get(), get(), get()])).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(computed).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 5));
    expect(await get()).toEqual({ n: 2 });
    // A failed refresh: the last good result stays, and the next reader past the window tries again.
    fail = true;
    await new Promise((r) => setTimeout(r, 5));
    expect(await get()).toEqual({ n: 2 });
    release();
    await new Promise((r) => setTimeout(r, 5));
    expect(await get()).toEqual({ n: 2 });
    expect(computed).toBe(4);
    fail = false;
    release();
    await new Promise((r) => setTimeout(r, 5));
    expect(await get()).toEqual({ n: 4 });
  });
});
