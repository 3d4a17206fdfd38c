import { figuresOf } from '@supervise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRows } from '../repositories/dashboard-rows.repository.js';
import { regimeCounts } from '../repositories/dashboard.repository.js';
import { supervisionPanel } from '../repositories/dashboard-supervision.repository.js';
import { createCaseFixture, createTestDatabase, type CaseFixture, type TestDatabase } from '../testing/index.js';
import { refreshDashboardRollups } from './dashboard-rollup.use-case.js';
import { loadDashboard, readDashboardQuery } from './dashboard.use-case.js';

// Issue 12 §1: the dashboard's figures on a small fixture whose answers are known by hand. June 2026:
// two R09 hotels (one inspected in June, one only in May) and one R14 bank outlet, each with a census
// obligation for June, a notice and a decision.
let t: TestDatabase;
let a: CaseFixture;
let b: CaseFixture;
let c: CaseFixture;
const TODAY = '2026-06-30';
const leader = { roles: [{ role: 'leader' as const }] };
const zaScheduler = { roles: [{ role: 'scheduler' as const, brigadeId: 'B-ZA' }] };

async function census(f: CaseFixture, regime: string, tag: string): Promise<void> {
  await t.db
    .insertInto('obligation')
    .values({
      key: `census:test-${tag}`,
      type: 'census',
      regime,
      rule_id: `${regime}-TEST`,
      rule_version: `${regime}@2026-01-01`,
      kind: 'hotel',
      entity_id: f.entityId,
      period_start: '2026-06-01',
      period_end: '2026-06-30',
      window_start: '2026-06-01',
      window_end: '2026-06-30',
      clause: 'test',
      quota_source: 'rulebook',
      cadence: 'month',
    })
    .execute();
}

async function notice(f: CaseFixture, no: string, deadline: string, completed: string | null): Promise<number> {
  const r = await t.db
    .insertInto('rectification')
    .values({
      hazard_id: f.hazardId,
      notice_no: no,
      deadline_on: deadline,
      completed_on: completed,
      status: completed ? 'completed' : 'overdue',
      served_on: '2026-06-02',
      service_due_on: '2026-06-05',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 'da' });
  b = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-05-10', tag: 'db' });
  c = await createCaseFixture(t.db, { regime: 'R14', inspectedOn: '2026-06-05', tag: 'dc' });
  await census(a, 'R09', 'a');
  await census(b, 'R09', 'b');
  await census(c, 'R14', 'c');
  const ra = await notice(a, 'N-A', '2026-06-20', '2026-06-18'); // on time
  await notice(b, 'N-B', '2026-06-15', null); // overdue, open
  await notice(c, 'N-C', '2026-06-25', '2026-06-28'); // completed late
  await t.db
    .insertInto('rectification_review')
    .values({
      rectification_id: ra,
      inspection_id: a.inspectionId,
      requested_on: '2026-06-12',
      due_on: '2026-06-19',
      due_rule: 'R03-REVIEW',
      reviewed_on: '2026-06-22', // late
      opinion: 'passed',
    })
    .execute();
  await t.db
    .insertInto('penalty')
    .values([
      { entity_id: a.entityId, regime_code: 'R09', violation_code: 'R09-TEST-A', decided_on: '2026-06-21', fine_fen: 200_000 },
      { entity_id: b.entityId, regime_code: 'R09', violation_code: 'R09-TEST-B', decided_on: '2026-06-22', warning: true },
      { entity_id: b.entityId, regime_code: 'R09', violation_code: 'R09-TEST-B', decided_on: '2025-06-22', fine_fen: 50_000 },
    ])
    .execute();
  // The dashboard reads the rollups (issue 12 §5): the worker's cycle, once, counts the rows above.
  await refreshDashboardRollups(t.db);
});
afterAll(async () => t?.drop());

describe('dashboard figures', () => {
  it('coverage, rectification rate, reviews, service and penalties per regime, by hand', async () => {
    const read = await readDashboardQuery(t.db, leader, { period: '2026-06' }, TODAY);
    if (!read.ok) throw new Error(read.problem.en);
    const [r09, r14] = (await regimeCounts(t.db, { ...read.query, regimes: ['R09', 'R14'] })).map(figuresOf);
    expect(r09!.coverage).toBe(0.5);
    expect(r09!.coverageByKind.census).toEqual({ done: 1, of: 2, rate: 0.5 });
    expect(r09!.coverageByKind.campaign.rate).toBeNull();
    expect(r09!.inspectionsDone).toBe(1);
    expect(r09!.rectification).toEqual({ done: 1, of: 2, rate: 0.5, overdueOpen: 1 });
    expect(r09!.reviewsOnTime).toEqual({ done: 0, of: 1, rate: 0 });
    expect(r09!.servedOnTime).toEqual({ done: 2, of: 2, rate: 1 });
    expect(r09!.penalties).toMatchObject({
      count: 2,
      fineFen: 200_000,
      fineYuan: 2000,
      warnings: 1,
      byBand: { '1000_to_4999': 1 },
    });
    expect(r09!.penalties.byViolation).toEqual([
      { code: 'R09-TEST-A', count: 1, fineFen: 200_000 },
      { code: 'R09-TEST-B', count: 1, fineFen: 0 },
    ]);
    expect(r14!.coverage).toBe(1);
    expect(r14!.rectification).toEqual({ done: 0, of: 1, rate: 0, overdueOpen: 0 });
  });

  it('the drill-down lists exactly the rows behind a number', async () => {
    const read = await readDashboardQuery(t.db, leader, { period: '2026-06' }, TODAY);
    if (!read.ok) throw new Error(read.problem.en);
    const covered = await dashboardRows(t.db, 'obligations', read.query, { regime: 'R09', only: 'covered' });
    expect(covered.total).toBe(1);
    expect(covered.rows[0]).toMatchObject({ entity_code: 'T-R09-da', covered_on: '2026-06-10', kind: 'census' });
    const overdue = await dashboardRows(t.db, 'rectifications', read.query, { regime: 'R09', only: 'overdue_open' });
    expect(overdue.rows.map((r) => r.notice_no)).toEqual(['N-B']);
    const late = await dashboardRows(t.db, 'rectifications', read.query, { only: 'late' });
    expect(late.rows.map((r) => r.notice_no).sort()).toEqual(['N-B', 'N-C']);
  });

  it('a brigade scheduler sees only their brigade’s regimes and units, and the year before is compared', async () => {
    const read = await readDashboardQuery(t.db, zaScheduler, { period: '2026-06' }, TODAY);
    if (!read.ok) throw new Error(read.problem.en);
    expect(read.query.regimes).toEqual(['R05', 'R06', 'R07', 'R08', 'R09', 'R10']);
    const view = await loadDashboard(t.db, read.filters, read.query);
    expect(view.regimes.map((r) => r.regime)).toEqual(['R05', 'R06', 'R07', 'R08', 'R09', 'R10']);
    expect(view.totals.coverageAll).toEqual({ done: 1, of: 2, rate: 0.5 });
    expect(view.totals.rectification.of).toBe(2);
    expect(view.yearBefore.period.name).toBe('2025-06');
    expect(view.yearBefore.totals.penalties.count).toBe(1);
    expect(view.trend).toHaveLength(12);
    expect(view.trend[11]!.period.name).toBe('2026-06');
    expect(view.trend[11]!.totals).toEqual(view.totals);
    // Another brigade is refused, named.
    const other = await readDashboardQuery(t.db, zaScheduler, { period: '2026-06', brigade: 'B-WA' }, TODAY);
    expect(other).toMatchObject({ ok: false, problem: { field: 'brigade' } });
  });

  it('filters by brigade and station, and refuses a bad period with the field named', async () => {
    const read = await readDashboardQuery(t.db, leader, { period: '2026-Q2', brigade: 'B-WA' }, TODAY);
    if (!read.ok) throw new Error(read.problem.en);
    expect(read.query.regimes).toEqual(['R11', 'R12', 'R13', 'R14']);
    expect(read.filters.period).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    expect(await readDashboardQuery(t.db, leader, { period: '2026-13' }, TODAY)).toMatchObject({
      ok: false,
      problem: { field: 'period' },
    });
    expect(await readDashboardQuery(t.db, leader, { from: '2026-06-10', to: '2026-06-01' }, TODAY)).toMatchObject({
      ok: false,
      problem: { field: 'to' },
    });
    expect(await readDashboardQuery(t.db, leader, { station: 'NO-SUCH' }, TODAY)).toMatchObject({
      ok: false,
      problem: { field: 'station' },
    });
  });

  it('supervising the supervisors: late reviews and notices closed without a recorded review, in scope', async () => {
    const read = await readDashboardQuery(t.db, leader, { period: '2026-06' }, TODAY);
    if (!read.ok) throw new Error(read.problem.en);
    expect(await supervisionPanel(t.db, read.query)).toMatchObject({
      lateReviews: 1,
      lateService: 0,
      closedWithoutReview: 1, // N-C: completed, no passing review recorded
      singleOfficerInspections: 0,
      redraws: 0,
      rosterOverrides: 0,
    });
    const za = await readDashboardQuery(t.db, zaScheduler, { period: '2026-06' }, TODAY);
    if (!za.ok) throw new Error(za.problem.en);
    // N-C is a bank's (R14, another brigade): not the public-order scheduler's.
    expect((await supervisionPanel(t.db, za.query)).closedWithoutReview).toBe(0);
  });
});
