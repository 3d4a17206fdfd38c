import { sql } from 'kysely';
import type { Principal } from '@supervise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../client.js';
import {
  createCaseFixture,
  createTestDatabase,
  statementRecorder,
  type CaseFixture,
  type TestDatabase,
} from '../testing/index.js';
import { refreshDashboardRollups } from '../use-cases/dashboard-rollup.use-case.js';
import { loadDashboard, readDashboardQuery } from '../use-cases/dashboard.use-case.js';
import { listenForChanges, type ChangeListener } from './change-listener.js';
import { cachedSupervisionPanel } from './dashboard-supervision.repository.js';
import { rollupGeneration } from './dashboard-rollup-cache.js';

// Issue 12/14 (migration 0032): with a live change listener, the dashboard's cached figures cost no
// round trip at all; a refresh that counted a change is NOTIFYed and the next read recounts; a brigade
// scheduler never gets the bureau's figures; a dropped listener falls back to asking the database.
let t: TestDatabase;
let db: Database;
let listener: ChangeListener;
let a: CaseFixture;
const TODAY = '2026-06-30';
const leader = { roles: [{ role: 'leader' as const }] };
const zaScheduler = { roles: [{ role: 'scheduler' as const, brigadeId: 'B-ZA' }] };

const { plugin: recorder, statements } = statementRecorder();

/** `check()`'s first defined answer, polled (the listener's notifications arrive asynchronously). */
async function eventually<T>(check: () => Promise<T | undefined>, o: { timeoutMs: number; intervalMs: number }): Promise<T> {
  const until = Date.now() + o.timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`not within ${o.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, o.intervalMs));
  }
}

async function read(principal: Principal, params: Record<string, string>) {
  const r = await readDashboardQuery(db, principal, params, TODAY);
  if (!r.ok) throw new Error(r.problem.en);
  return r;
}

async function notice(f: CaseFixture, no: string, deadline: string): Promise<void> {
  await t.db
    .insertInto('rectification')
    .values({ hazard_id: f.hazardId, notice_no: no, deadline_on: deadline, status: 'overdue', served_on: '2026-06-02' })
    .execute();
}

/** The generation the listener knows equals the database's (the NOTIFY has arrived). */
const caughtUp = () =>
  eventually(async () => ((await rollupGeneration(t.db)).generation === listener.generation?.generation ? true : undefined), {
    timeoutMs: 10_000,
    intervalMs: 20,
  });

beforeAll(async () => {
  t = await createTestDatabase();
  db = createDb({ url: t.url, max: 2 }).withPlugin(recorder);
  a = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 'la' });
  const c = await createCaseFixture(t.db, { regime: 'R14', inspectedOn: '2026-06-05', tag: 'lc' });
  await notice(a, 'L-A1', '2026-06-20');
  await notice(c, 'L-C1', '2026-06-25');
  await refreshDashboardRollups(t.db);
  // Reconnects after 3 s: the last test reads while it is down.
  listener = await listenForChanges(db, t.url, { pollMs: 60_000, retryMs: 3_000 });
});
afterAll(async () => {
  await listener?.stop();
  await db?.destroy();
  await t?.drop();
});

describe('the dashboard cache with a live change listener', () => {
  it('a warm read makes no round trip; a counted change is notified and read at once', async () => {
    expect(listener.live).toBe(true);
    const q = await read(leader, { period: '2026-06' });
    const before = await loadDashboard(db, q.filters, q.query, { trend: false });
    statements.length = 0;
    expect(await loadDashboard(db, q.filters, q.query, { trend: false })).toBe(before);
    expect(statements).toHaveLength(0);

    const d = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-12', tag: 'ld' });
    await notice(d, 'L-A2', '2026-06-22');
    await refreshDashboardRollups(t.db);
    await caughtUp();
    statements.length = 0;
    const after = await loadDashboard(db, q.filters, q.query, { trend: false });
    expect(statements.length).toBeGreaterThan(0);
    expect(after.totals.rectification.of).toBe(before.totals.rectification.of + 1);
  });

  it('scope is part of the key: a brigade scheduler never gets the bureau’s cached figures or panel', async () => {
    const boss = await read(leader, { period: '2026-06' });
    const za = await read(zaScheduler, { period: '2026-06' });
    const bureau = await loadDashboard(db, boss.filters, boss.query, { trend: false });
    const bureauPanel = await cachedSupervisionPanel(db, boss.query);
    // The same period and filters, read second: computed for the brigade, not taken from the bureau's entry.
    const brigade = await loadDashboard(db, za.filters, za.query, { trend: false });
    const brigadePanel = await cachedSupervisionPanel(db, za.query);
    expect(brigade.regimes.map((r) => r.regime)).toEqual(['R05', 'R06', 'R07', 'R08', 'R09', 'R10']);
    expect(bureau.regimes).toHaveLength(14);
    expect(brigade.totals.rectification.of).toBe(bureau.totals.rectification.of - 1); // L-C1 is a bank's (R14)
    expect(brigadePanel).not.toBe(bureauPanel);
    // And the other way round, each again from its own entry.
    expect(await loadDashboard(db, za.filters, za.query, { trend: false })).toBe(brigade);
    expect(await loadDashboard(db, boss.filters, boss.query, { trend: false })).toBe(bureau);
  });

  it('the panel’s live lists: cached within a generation, read again with the next one', async () => {
    const q = await read(leader, { period: '2026-06' });
    const first = await cachedSupervisionPanel(db, q.query);
    expect(await cachedSupervisionPanel(db, q.query)).toBe(first);
    await sql`update rectification set completed_on = '2026-06-19', status = 'completed' where notice_no = 'L-A1'`.execute(t.db);
    await refreshDashboardRollups(t.db);
    await caughtUp();
    const next = await cachedSupervisionPanel(db, q.query);
    expect(next).not.toBe(first);
    expect(next.closedWithoutReview).toBe(first.closedWithoutReview + 1);
  });

  it('a dropped listener connection: reads ask the database, and it comes back live with the current generation', async () => {
    const q = await read(leader, { period: '2026-06' });
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'supervise-listen'`.execute(t.db);
    await eventually(async () => (listener.live ? undefined : true), { timeoutMs: 10_000, intervalMs: 10 });
    // Not live: every read asks the generation again (one query), and sees a change at once.
    const d = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-13', tag: 'le' });
    await notice(d, 'L-A3', '2026-06-23');
    const before = await loadDashboard(db, q.filters, q.query, { trend: false });
    await refreshDashboardRollups(t.db);
    expect(listener.live).toBe(false);
    statements.length = 0;
    const after = await loadDashboard(db, q.filters, q.query, { trend: false });
    expect(statements.some((s) => s.includes('dashboard_rollup_state'))).toBe(true);
    expect(after.totals.rectification.of).toBe(before.totals.rectification.of + 1);
    await eventually(async () => (listener.live ? true : undefined), { timeoutMs: 10_000, intervalMs: 20 });
    // Live again (it may have reconnected before the refresh: then the refresh is notified).
    await caughtUp();
    expect(listener.generation).toEqual(await rollupGeneration(t.db));
    statements.length = 0;
    expect((await loadDashboard(db, q.filters, q.query, { trend: false })).totals.rectification.of).toBe(
      before.totals.rectification.of + 1,
    );
    expect(statements.some((s) => s.includes('dashboard_rollup_state'))).toBe(false);
  });
});
