import type { Scope } from '@supervise/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { rebuildDashboardRollups, refreshDashboardRollups } from '../use-cases/dashboard-rollup.use-case.js';
import {
  dirtyRollupCount,
  rollupCellCount,
  rollupCoverageByStation,
  rollupExceptions,
  rollupRectificationFunnel,
  rollupRegimeCounts,
  rollupRegimeCountsOver,
} from './dashboard-rollup.repository.js';
import { DASHBOARD_ROW_SETS, dashboardRows, type DashboardQuery } from './dashboard-rows.repository.js';
import { supervisionPanel } from './dashboard-supervision.repository.js';
import { coverageByStation, rectificationFunnel, regimeCounts } from './dashboard.repository.js';

// Issue 12 §5: the figures read from the rollups equal the figures counted live from the row SQL
// (the drill-down's rows), on the demo district, for several periods, todays, scopes and filters;
// a rebuild changes nothing; changes to the source rows, once refreshed, leave the rollups exactly
// as a rebuild from scratch would.
const TODAY = '2026-11-27';
const ALL_REGIMES = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13', 'R14'];
const all: Scope = { all: true };
const za: Scope = { all: false, brigadeIds: ['B-ZA'], stationIds: [] };
const station: Scope = { all: false, brigadeIds: [], stationIds: ['PS-HL'] };
const operator = { id: null, username: 'cli:test', principal: null, via: 'cli' as const };

let t: TestDatabase;

const q = (from: string, to: string, extra: Partial<DashboardQuery> = {}): DashboardQuery => ({
  from,
  to,
  today: TODAY,
  regimes: ALL_REGIMES,
  scope: all,
  ...extra,
});

const QUERIES: [string, DashboardQuery][] = [
  ['month', q('2026-11-01', '2026-11-30')],
  ['month, today early in it', q('2026-11-01', '2026-11-30', { today: '2026-11-10' })],
  ['quarter', q('2026-07-01', '2026-09-30')],
  ['year', q('2026-01-01', '2026-12-31')],
  ['year before', q('2025-01-01', '2025-12-31')],
  ['custom range', q('2026-03-17', '2026-08-04')],
  ['custom range over today and a month ahead', q('2026-09-10', '2026-12-20')],
  ['brigade scope', q('2026-01-01', '2026-12-31', { scope: za, regimes: ['R01', 'R02', 'R03', 'R09'] })],
  ['station scope', q('2026-01-01', '2026-12-31', { scope: station })],
  ['brigade filter', q('2026-01-01', '2026-12-31', { brigadeId: 'B-ZA' })],
  ['station filter', q('2026-04-01', '2026-12-31', { stationId: 'PS-TY' })],
];

/** Everything the dashboard reads, from the rollups and live. */
async function figures(query: DashboardQuery) {
  const single = { ...query, regimes: query.regimes.slice(0, 1) };
  const [rollup, live, byStation, liveByStation, funnel, liveFunnel, exceptions, liveExceptions] = await Promise.all([
    rollupRegimeCounts(t.db, query),
    regimeCounts(t.db, query),
    rollupCoverageByStation(t.db, single),
    coverageByStation(t.db, single),
    rollupRectificationFunnel(t.db, query),
    rectificationFunnel(t.db, query),
    rollupExceptions(t.db, query),
    liveExceptions_(query),
  ]);
  return { rollup, live, byStation, liveByStation, funnel, liveFunnel, exceptions, liveExceptions };
}

/** The supervision panel's four row counts, listed live as the drill-down lists them. */
async function liveExceptions_(query: DashboardQuery) {
  const total = async (set: (typeof DASHBOARD_ROW_SETS)[number], only: 'late' | 'without_review' | 'single_officer') =>
    (await dashboardRows(t.db, set, query, { only }, 0)).total;
  return {
    lateReviews: await total('reviews', 'late'),
    lateService: await total('service', 'late'),
    closedWithoutReview: await total('rectifications', 'without_review'),
    singleOfficerInspections: await total('inspections', 'single_officer'),
  };
}

async function expectAgree(label: string, query: DashboardQuery) {
  const f = await figures(query);
  expect(f.rollup, label).toEqual(f.live);
  expect(f.byStation, label).toEqual(f.liveByStation);
  expect(f.funnel, label).toEqual(f.liveFunnel);
  expect(f.exceptions, label).toEqual(f.liveExceptions);
  return f;
}

/** The rollup table itself, in a stable order (a refresh must leave exactly what a rebuild leaves). */
async function cells(): Promise<string[]> {
  const r = await sql<{ c: string }>`select row(d.*)::text as c from dashboard_rollup d order by 1`.execute(t.db);
  return r.rows.map((x) => x.c);
}

let seededCells = 0;
let seededMarks = -1;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { seed: 7, today: TODAY });
  [seededCells, seededMarks] = [await rollupCellCount(t.db), await dirtyRollupCount(t.db)];
  // The demo has no obligations (the worker plans them): a monthly census of every entity in 2026,
  // and one campaign draw whose targets are some of the inspections of November.
  await sql`
    insert into obligation (key, type, regime, rule_id, rule_version, kind, entity_id, period_start, period_end,
        window_start, window_end, clause, quota_source, cadence)
      select 'census:rollup-test-' || e.id || '-' || m::date, 'census', e.regime_code, e.regime_code || '-TEST',
        e.regime_code || '@2026-01-01', e.kind, e.id, m::date, (m + interval '1 month - 1 day')::date,
        m::date, (m + interval '1 month - 1 day')::date, 'test', 'rulebook', 'month'
      from entity e cross join generate_series('2026-01-01'::date, '2026-12-01'::date, interval '1 month') m;
    insert into draw (id, campaign, created_by, drawn_on, regime_code, seed_commitment, share_kind, share_value,
        window_from, window_to)
      values ('rollup-test-draw', 'test', 'test', '2026-10-25', 'R09', repeat('ab', 32), 'min', '0.5', '2026-11-01', '2026-11-30');
    update inspection set draw_id = 'rollup-test-draw', trigger = 'campaign'
      where id in (select id from inspection where regime_code = 'R09' and planned_on between '2026-11-01' and '2026-11-30'
        order by id limit 8);
  `.execute(t.db);
  await refreshDashboardRollups(t.db);
}, 600_000);

afterAll(async () => {
  await t?.drop();
});

describe('dashboard rollups', () => {
  it('the demo loader leaves them built and nothing marked', () => {
    expect(seededCells).toBeGreaterThan(100);
    expect(seededMarks).toBe(0);
  });

  it.each(QUERIES)('read from the rollups = counted live (%s)', async (label, query) => {
    const f = await expectAgree(label, query);
    // Not a vacuous agreement: the year has figures of every kind.
    if (label === 'year') {
      const sum = (k: (c: (typeof f.live)[number]) => number) => f.live.reduce((n, c) => n + k(c), 0);
      expect(sum((c) => c.coverage.census.obligations)).toBeGreaterThan(0);
      expect(sum((c) => c.coverage.census.covered)).toBeGreaterThan(0);
      expect(sum((c) => c.coverage.campaign.obligations)).toBeGreaterThan(0);
      expect(sum((c) => c.inspectionsDone)).toBeGreaterThan(0);
      expect(sum((c) => c.rectifications.due)).toBeGreaterThan(0);
      expect(sum((c) => c.rectifications.overdueOpen)).toBeGreaterThan(0);
      expect(sum((c) => c.penalties.count)).toBeGreaterThan(0);
      expect(sum((c) => c.penalties.byViolation.length)).toBeGreaterThan(0);
    }
  });

  it('several overlapping periods in one pass (the page, the year before, the trend) = each counted live', async () => {
    const periods = QUERIES.slice(0, 6).map(([, query]) => query);
    const base = { ...periods[0]!, brigadeId: 'B-ZA' };
    const once = await rollupRegimeCountsOver(t.db, base, periods);
    expect(once).toHaveLength(periods.length);
    for (const [i, p] of periods.entries())
      expect(once[i]).toEqual(await regimeCounts(t.db, { ...base, from: p.from, to: p.to }));
  });

  it.each(QUERIES.filter(([l]) => /scope|filter|today/.test(l)))(
    'the officers with the most overdue work = each active officer in scope counted one by one (%s)',
    async (label, query) => {
      const byOfficer = await sql<{
        code: string;
        name: string;
        brigade_id: string | null;
        station_id: string | null;
        i: number;
        r: number;
      }>`
        select s.* from (select f.code, f.name, f.brigade_id, f.station_id,
          (select count(*) from inspection_officer io join inspection i on i.id = io.inspection_id
            where io.officer_id = f.id and i.status = 'planned' and i.planned_on < ${query.today})::int as i,
          (select count(*) from rectification r join app_user u on u.id = r.issued_by
            where u.officer_id = f.id and r.completed_on is null
              and coalesce(r.extended_deadline_on, r.deadline_on) < ${query.today})::int as r
        from officer f where f.active) s
        where s.i + s.r > 0 order by s.i + s.r desc, s.code`.execute(t.db);
      const sc = query.scope;
      const inScope = byOfficer.rows.filter(
        (o) =>
          (sc.all || sc.brigadeIds.includes(o.brigade_id ?? '') || sc.stationIds.includes(o.station_id ?? '')) &&
          (!query.brigadeId || o.brigade_id === query.brigadeId) &&
          (!query.stationId || o.station_id === query.stationId),
      );
      // Not vacuous: the public-order brigade's officers have overdue work in the demo.
      if (label.startsWith('brigade')) expect(inScope.length).toBeGreaterThan(0);
      const panel = await supervisionPanel(t.db, query);
      expect(panel.overdueOfficers).toEqual(
        inScope.slice(0, 5).map((o) => ({ code: o.code, name: o.name, overdueInspections: o.i, overdueRectifications: o.r })),
      );
    },
  );

  it('a rebuild changes no figure and no cell (audited)', async () => {
    const before = await cells();
    const figuresBefore = await rollupRegimeCounts(t.db, QUERIES[3]![1]);
    const counted = await rollupCellCount(t.db);
    expect(await rebuildDashboardRollups(t.db, operator)).toEqual({ ok: true, cells: counted });
    expect(await cells()).toEqual(before);
    expect(await rollupRegimeCounts(t.db, QUERIES[3]![1])).toEqual(figuresBefore);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'outcome'])
      .where('action', '=', 'dashboard.rollups_rebuild')
      .execute();
    expect(audit).toEqual([{ actor_username: 'cli:test', outcome: 'success' }]);
  });

  it('refuses a rebuild to an account without settings.manage', async () => {
    const leader = { id: 1, username: 'leader', principal: { roles: [{ role: 'leader' as const }] }, via: 'web' as const };
    expect(await rebuildDashboardRollups(t.db, leader)).toEqual({ ok: false, code: 'FORBIDDEN' });
  });

  it('source rows changed every way the triggers watch: one refresh and the cells are a rebuild’s', async () => {
    const year = QUERIES[3]![1];
    const before = await rollupRegimeCounts(t.db, year);
    await sql`
      -- a notice completed, one reopened, one extended; a review done late; a notice served
      update rectification set completed_on = coalesce(extended_deadline_on, deadline_on), status = 'completed'
        where id = (select min(id) from rectification where completed_on is null);
      update rectification set status = 'reopened', completed_on = null
        where id = (select max(id) from rectification where completed_on is not null);
      update rectification set extended_deadline_on = coalesce(extended_deadline_on, deadline_on) + 40
        where id = (select min(id) from rectification where completed_on is null and status <> 'reopened');
      update rectification_review set reviewed_on = due_on + 3, opinion = 'passed'
        where id = (select min(id) from rectification_review where reviewed_on is null);
      update rectification set served_on = service_due_on + 2 where id = (select min(id) from rectification where served_on is null);
      -- an inspection done, one undone; a hazard and an officer removed
      update inspection set status = 'done', inspected_on = planned_on
        where id = (select min(id) from inspection where status = 'planned' and planned_on <= '2026-11-20');
      update inspection set status = 'planned', inspected_on = null
        where id = (select max(id) from inspection i where status = 'done'
          and not exists (select 1 from hazard h where h.inspection_id = i.id) and inspected_on >= '2026-10-01');
      delete from hazard where id = (select max(h.id) from hazard h where not exists (select 1 from rectification r where r.hazard_id = h.id));
      delete from inspection_officer where (inspection_id, officer_id) = (select inspection_id, officer_id from inspection_officer
        where inspection_id = (select max(id) from inspection where status = 'done') limit 1);
      -- an obligation cancelled; a penalty's fine raised; an entity moved to another station
      update obligation set status = 'cancelled' where id = (select min(id) from obligation where type = 'census' and status <> 'cancelled');
      update penalty set fine_fen = fine_fen + 5000000 where id = (select min(id) from penalty where fine_fen > 0);
      update inspection set status = 'cancelled' where id = (select min(id) from inspection where draw_id = 'rollup-test-draw');
      update entity set station_id = (select min(id) from police_station where id <> coalesce(entity.station_id, ''))
        where id = (select min(entity_id) from penalty);
    `.execute(t.db);
    expect(await dirtyRollupCount(t.db)).toBeGreaterThan(0);
    // Until the worker's cycle the rollups still say what they said.
    expect(await rollupRegimeCounts(t.db, year)).toEqual(before);

    const r = await refreshDashboardRollups(t.db, { batch: 7 });
    expect(r.left).toBe(0);
    expect(r.batches).toBeGreaterThan(1);
    const refreshed = await cells();
    for (const [label, query] of QUERIES) await expectAgree(label, query);
    expect(await rollupRegimeCounts(t.db, year)).not.toEqual(before);

    await rebuildDashboardRollups(t.db, operator);
    expect(await cells()).toEqual(refreshed);
  });

  it('a planned inspection marks no cell (coverage counts done ones), done it marks its obligation’s window: refreshed, a rebuild’s cells', async () => {
    // Migration 0034: the reconcile's planned census inspections cost the trigger no obligation lookup.
    await refreshDashboardRollups(t.db);
    expect(await dirtyRollupCount(t.db)).toBe(0);
    const target = await sql<{ id: string; entity_id: string; regime: string; window_start: string; window_end: string }>`
      select o.id, o.entity_id, o.regime, o.window_start::text, o.window_end::text from obligation o
      where o.type = 'census' and o.status = 'open' and o.window_start = '2026-12-01'
        and not exists (select 1 from inspection i where i.entity_id = o.entity_id and i.regime_code = o.regime
          and i.planned_on between o.window_start and o.window_end)
      order by o.id limit 1`.execute(t.db);
    const o = target.rows[0]!;
    const planned = await sql<{ id: string }>`
      insert into inspection (entity_id, regime_code, trigger, planned_on, obligation_id)
      values (${o.entity_id}, ${o.regime}, 'census', '2026-12-14', ${o.id}) returning id`.execute(t.db);
    const id = planned.rows[0]!.id;
    const officer = await t.db.selectFrom('officer').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('inspection_officer')
      .values({ inspection_id: Number(id), officer_id: officer.id, assigned_by: 'roster' })
      .execute();
    expect(await dirtyRollupCount(t.db)).toBe(0);

    await sql`update inspection set status = 'done', inspected_on = planned_on where id = ${id}`.execute(t.db);
    const marked = await sql<{ regime: string; day: string }>`
      select regime, day::text from dashboard_rollup_dirty order by day`.execute(t.db);
    expect(marked.rows).toEqual(
      expect.arrayContaining([
        { regime: o.regime, day: '2026-12-14' },
        { regime: o.regime, day: o.window_end },
      ]),
    );
    expect((await refreshDashboardRollups(t.db)).left).toBe(0);
    const refreshed = await cells();
    for (const [label, query] of QUERIES) await expectAgree(label, query);
    await rebuildDashboardRollups(t.db, operator);
    expect(await cells()).toEqual(refreshed);
  });

  it('paced (the worker’s cycle): a costly cell rests, its marks wait; unpaced, or once the rest has passed, they are taken', async () => {
    await refreshDashboardRollups(t.db);
    const mark = (regime: string, day: string) =>
      sql`insert into dashboard_rollup_dirty (regime, day) values (${regime}, ${day})`.execute(t.db);
    const rests = async () =>
      (
        await sql<{ regime: string; day: string; ahead: boolean }>`
          select regime, day::text, until > clock_timestamp() + interval '1 hour' as ahead
          from dashboard_rollup_rest order by regime, day`.execute(t.db)
      ).rows;
    // Every recount counts as costly (a floor of 0 ms) and rests far longer than the test.
    const paced = { restFactor: 1_000_000_000, floorMs: 0 };
    await mark('R09', '2026-11-30');
    expect(await refreshDashboardRollups(t.db, { pacing: paced })).toMatchObject({ marks: 1, left: 0 });
    expect(await rests()).toEqual([{ regime: 'R09', day: '2026-11-30', ahead: true }]);

    // Marked again while it rests: the paced cycle leaves that mark and takes another cell's.
    await mark('R09', '2026-11-30');
    await mark('R03', '2026-11-30');
    expect(await refreshDashboardRollups(t.db, { pacing: paced })).toMatchObject({ marks: 1, left: 1 });
    // Unpaced (the CLI, a test), every mark is taken, resting or not.
    expect(await refreshDashboardRollups(t.db)).toMatchObject({ marks: 1, left: 0 });
    for (const [label, query] of QUERIES) await expectAgree(label, query);

    // Once the rest has passed, the paced cycle takes the mark again.
    await sql`update dashboard_rollup_rest set until = clock_timestamp() - interval '1 second'`.execute(t.db);
    await mark('R09', '2026-11-30');
    expect(await refreshDashboardRollups(t.db, { pacing: paced })).toMatchObject({ marks: 1, left: 0 });

    // A recount cheaper than the floor writes no rest: a district's cells are never paced.
    await sql`delete from dashboard_rollup_rest`.execute(t.db);
    await mark('R01', '2026-11-30');
    expect(await refreshDashboardRollups(t.db, { pacing: { restFactor: 10, floorMs: 60_000 } })).toMatchObject({ marks: 1 });
    expect(await rests()).toEqual([]);
  });
});
