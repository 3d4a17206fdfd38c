import { REGIME_CODES, emptyCounts, type FineBand, type RegimeCounts } from '@supervise/core';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { bumpRollupGeneration } from './dashboard-rollup-cache.js';
import { grainRanges } from './dashboard-rollup-ranges.js';
import {
  countOf as n,
  rectificationFunnelOf,
  stationCoverageOf,
  type RectificationFunnel,
  type RectificationFunnelRow,
  type StationCoverage,
  type StationCoverageRow,
} from './dashboard.repository.js';
import {
  dashboardUnitFilter,
  hasComeDue,
  inspectionRowsSql,
  obligationRowsSql,
  penaltyRowsSql,
  rectificationRowsSql,
  reviewRowsSql,
  serviceRowsSql,
  type DashboardQuery,
} from './dashboard-rows.repository.js';

/**
 * The dashboard's rollups (issue 12 §5, migration 0024): the rows of dashboard-rows.repository.ts —
 * the very rows the drill-down lists — counted once per row set, regime, unit, defining day and cut
 * (`dashboard_rollup`), so a figure of any period, scope, brigade or station is a sum over a range of
 * days of a small table. Triggers mark the (regime, day) cells whose source rows changed
 * (`dashboard_rollup_dirty`); `refreshDirtyRollups` recomputes those cells and `rebuildRollups` all
 * of them, both from the same row SQL, so the two cannot disagree. Writers hold one transaction-level
 * advisory lock, so a refresh, another refresh and a rebuild never interleave. Each of them moves the
 * rollups' generation (migration 0029) in its transaction, which keys the figures' cache
 * (dashboard-rollup-cache.ts).
 */
type Db = Kysely<DB> | Transaction<DB>;

/** "Today" when computing cells: every row counts; what has come due is decided at read time. */
const END_OF_TIME = '9999-12-31';
const BEGINNING = '0001-01-01';
/** The key of the writers' advisory lock (an arbitrary constant: "dashboard rollup"). */
const ROLLUP_LOCK = 1_200_500_024;
/** The sets whose rows count only once their day has come or they settled early (`hasComeDue`). */
const DATED_SETS = ['rectifications', 'reviews', 'service'];

const cellQuery = (from: string, to: string, regimes: readonly string[]): DashboardQuery => ({
  from,
  to,
  today: END_OF_TIME,
  regimes,
  scope: { all: true },
});

/** The statements that insert the cells of `q`'s days and regimes (nothing else may be there yet). */
function insertCells(q: DashboardQuery): RawBuilder<unknown>[] {
  const into = sql`insert into dashboard_rollup`;
  return [
    sql`${into} (row_set, regime, brigade_id, station_id, day, kind, n, hits)
      select 'obligations', x.regime, x.brigade_id, x.station_id, x.window_end::date, x.kind, count(*), count(x.covered_on)
      from (${obligationRowsSql(q)}) x group by 2, 3, 4, 5, 6`,
    sql`${into} (row_set, regime, brigade_id, station_id, day, n, hazards, single_officer)
      select 'inspections', x.regime, x.brigade_id, x.station_id, x.inspected_on::date, count(*), sum(x.hazards),
        count(*) filter (where x.officers < 2)
      from (${inspectionRowsSql(q)}) x group by 2, 3, 4, 5`,
    // With "today" at the end of time, overdue_open is "not completed"; read as overdue when the
    // deadline is behind the reader's today.
    sql`${into} (row_set, regime, brigade_id, station_id, day, early, n, hits, still_open, without_review,
        served, review_requested, completed)
      select 'rectifications', x.regime, x.brigade_id, x.station_id, x.deadline_on::date, x.early, count(*),
        count(*) filter (where x.on_time), count(*) filter (where x.overdue_open),
        count(*) filter (where x.without_review), count(x.served_on), count(x.review_requested_on), count(x.completed_on)
      from (${rectificationRowsSql(q)}) x group by 2, 3, 4, 5, 6`,
    sql`${into} (row_set, regime, brigade_id, station_id, day, early, n, hits)
      select 'reviews', x.regime, x.brigade_id, x.station_id, x.due_on::date, x.early, count(*), count(*) filter (where x.on_time)
      from (${reviewRowsSql(q)}) x group by 2, 3, 4, 5, 6`,
    sql`${into} (row_set, regime, brigade_id, station_id, day, early, n, hits)
      select 'service', x.regime, x.brigade_id, x.station_id, x.due_on::date, x.early, count(*), count(*) filter (where x.on_time)
      from (${serviceRowsSql(q)}) x group by 2, 3, 4, 5, 6`,
    sql`${into} (row_set, regime, brigade_id, station_id, day, kind, band, n, fine_fen, warnings)
      select 'penalties', x.regime, x.brigade_id, x.station_id, x.decided_on::date, x.violation_code, coalesce(x.band, ''),
        count(*), sum(x.fine_fen), count(*) filter (where x.warning and x.fine_fen = 0)
      from (${penaltyRowsSql(q)}) x group by 2, 3, 4, 5, 6, 7`,
  ];
}

const SUMS = [
  'n',
  'hits',
  'still_open',
  'without_review',
  'hazards',
  'single_officer',
  'warnings',
  'fine_fen',
  'served',
  'review_requested',
  'completed',
] as const;

/**
 * The coarser grain `grain` of the cells `where` selects: summed over the stations ('day', from
 * 'day_station') or over the days of a month ('month', from 'day'). Nothing of them may be there yet.
 */
function insertCoarser(grain: 'day' | 'month', where: RawBuilder<boolean>): RawBuilder<unknown> {
  const day = grain === 'day' ? sql`r.day` : sql`date_trunc('month', r.day)::date`;
  const cols = sql.join(SUMS.map((c) => sql.ref(c)));
  const sums = sql.join(SUMS.map((c) => sql`sum(${sql.ref(`r.${c}`)})`));
  return sql`insert into dashboard_rollup (grain, row_set, regime, brigade_id, station_id, day, kind, band, early, ${cols})
    select ${grain}, r.row_set, r.regime, r.brigade_id, null, ${day}, r.kind, r.band, r.early, ${sums}
    from dashboard_rollup r where ${where}
    group by r.row_set, r.regime, r.brigade_id, ${day}, r.kind, r.band, r.early`;
}

/** A transaction, or a connection inside one it began itself (the province seed's COPY session). */
type InTransaction = Transaction<DB> | Kysely<DB>;

async function lockRollups(tx: InTransaction): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(tx);
}

/** Every cell recomputed from scratch (the demo loader, `supervise dashboard rebuild`, a test). */
export async function rebuildRollupsIn(tx: InTransaction): Promise<{ cells: number }> {
  await lockRollups(tx);
  // Marks committed so far are covered by the recount below; later ones stay for the next refresh.
  await sql`delete from dashboard_rollup_dirty`.execute(tx);
  await sql`delete from dashboard_rollup`.execute(tx);
  for (const s of insertCells(cellQuery(BEGINNING, END_OF_TIME, REGIME_CODES))) await s.execute(tx);
  await insertCoarser('day', sql<boolean>`r.grain = 'day_station'`).execute(tx);
  await insertCoarser('month', sql<boolean>`r.grain = 'day'`).execute(tx);
  await bumpRollupGeneration(tx);
  return { cells: await rollupCellCount(tx) };
}

/** The cells counted from the row SQL (the finest grain). */
export async function rollupCellCount(db: Db): Promise<number> {
  return Number(
    (await sql<{ n: number }>`select count(*)::int as n from dashboard_rollup where grain = 'day_station'`.execute(db)).rows[0]
      ?.n ?? 0,
  );
}

export async function dirtyRollupCount(db: Db): Promise<number> {
  return Number((await sql<{ n: number }>`select count(*)::int as n from dashboard_rollup_dirty`.execute(db)).rows[0]?.n ?? 0);
}

/**
 * How the worker's cycle paces the recount of costly cells (issue 14 §3): a cell whose recount took at
 * least `floorMs` rests `restFactor` times as long before it is recounted again, its marks waiting
 * meanwhile; so the cycle spends at most 1/restFactor of its time on any one cell, however often a bulk
 * write marks it. A district's cells (a few milliseconds) are never paced.
 */
export interface RollupPacing {
  restFactor: number;
  floorMs: number;
}

/**
 * One bounded batch of the marked cells recomputed, in one transaction: up to `limit` marks taken
 * (oldest first), each (regime, day) deleted and counted again from the row SQL. A mark written by a
 * transaction that commits meanwhile stays for the next batch; a failure puts every mark back. With
 * `pacing`, the marks of a resting cell are left for a later batch (`dashboard_rollup_rest`).
 */
export async function refreshDirtyRollups(
  db: Kysely<DB>,
  limit: number,
  pacing?: RollupPacing,
): Promise<{ marks: number; days: number; cells: number }> {
  return db.transaction().execute(async (tx) => {
    await lockRollups(tx);
    const resting = pacing
      ? sql`where not exists (select 1 from dashboard_rollup_rest r
          where r.regime = d.regime and r.day = d.day and r.until > clock_timestamp())`
      : sql``;
    const taken = await sql<{ regime: string | null; day: string }>`
      delete from dashboard_rollup_dirty where id in (select d.id from dashboard_rollup_dirty d ${resting} order by d.id limit ${limit})
      returning regime, day::text as day`.execute(tx);
    // Per day, the regimes to recount (a mark without a regime: every regime of that day).
    const byDay = new Map<string, Set<string>>();
    for (const m of taken.rows) {
      const set = byDay.get(m.day) ?? new Set<string>();
      if (m.regime === null) for (const r of REGIME_CODES) set.add(r);
      else set.add(m.regime);
      byDay.set(m.day, set);
    }
    let cells = 0;
    const byMonth = new Map<string, Set<string>>();
    for (const [day, set] of byDay) {
      const regimes = [...set];
      const inCell = sql<boolean>`r.day = ${day} and r.regime in (${sql.join(regimes)})`;
      const start = performance.now();
      await sql`delete from dashboard_rollup r where r.grain in ('day_station', 'day') and ${inCell}`.execute(tx);
      for (const s of insertCells(cellQuery(day, day, regimes))) {
        const r = await s.execute(tx);
        cells += Number(r.numAffectedRows ?? 0);
      }
      await insertCoarser('day', sql<boolean>`r.grain = 'day_station' and ${inCell}`).execute(tx);
      const took = performance.now() - start;
      if (pacing && took >= pacing.floorMs) await restCells(tx, day, regimes, took * pacing.restFactor);
      const month = `${day.slice(0, 8)}01`;
      byMonth.set(month, new Set([...(byMonth.get(month) ?? []), ...regimes]));
    }
    // The months of those days, summed again from their 'day' cells.
    for (const [month, set] of byMonth) {
      const regimes = sql.join([...set]);
      await sql`delete from dashboard_rollup where grain = 'month' and day = ${month} and regime in (${regimes})`.execute(tx);
      await insertCoarser(
        'month',
        sql<boolean>`r.grain = 'day' and r.day >= ${month}::date and r.day < ${month}::date + interval '1 month'
          and r.regime in (${regimes})`,
      ).execute(tx);
    }
    // The cells changed: the figures cached on the previous generation are no longer read.
    if (taken.rows.length > 0) await bumpRollupGeneration(tx);
    return { marks: taken.rows.length, days: byDay.size, cells };
  });
}

/** The cells (day, each of `regimes`) rest `ms` from now: the paced refresh leaves their marks until then. */
async function restCells(tx: InTransaction, day: string, regimes: readonly string[], ms: number): Promise<void> {
  await sql`insert into dashboard_rollup_rest (regime, day, until)
    select unnest(${[...regimes]}::text[]), ${day}::date, clock_timestamp() + make_interval(secs => ${ms / 1000})
    on conflict (regime, day) do update set until = excluded.until`.execute(tx);
}

/** The rollups inside the query's regimes and units. */
function unitWhere(q: DashboardQuery): RawBuilder<boolean> {
  return dashboardUnitFilter(q, sql.ref('r.regime'), { brigade: sql.ref('r.brigade_id'), station: sql.ref('r.station_id') });
}

/** Whether the reader is cut by police station (a station filter, or a scope of stations). */
const cutByStation = (q: DashboardQuery) => !!q.stationId || (!q.scope.all && q.scope.stationIds.length > 0);

/**
 * The rollup cells of several periods, each tagged with its period's index `p.i`. A reader cut by
 * station sums the 'day_station' cells; any other sums whole months from the 'month' cells and the
 * other days from the 'day' cells (`grainRanges`), far fewer rows.
 */
function periodCells(q: DashboardQuery, periods: readonly { from: string; to: string }[]): RawBuilder<unknown> {
  const ranges = periods.flatMap((p, i) =>
    cutByStation(q)
      ? [sql`(${i}::int, 'day_station', ${p.from}::date, ${p.to}::date)`]
      : grainRanges(p.from, p.to, q.today).map((g) => sql`(${i}::int, ${g.grain}, ${g.from}::date, ${g.to}::date)`),
  );
  return sql`dashboard_rollup r join (values ${sql.join(ranges)}) p(i, grain, from_day, to_day)
    on r.grain = p.grain and r.day between p.from_day and p.to_day`;
}

/** The rows that count by the query's today (dated sets: come due or settled early; the others: all). */
function counted(q: DashboardQuery): RawBuilder<boolean> {
  return sql<boolean>`(r.row_set not in (${sql.join(DATED_SETS)}) or ${hasComeDue(sql.ref('r.day'), q.today, sql.ref('r.early'))})`;
}

/** `regimeCounts` (dashboard.repository.ts) read from the rollups: the same counts, summed. */
export async function rollupRegimeCounts(db: Db, q: DashboardQuery): Promise<RegimeCounts[]> {
  return (await rollupRegimeCountsOver(db, q, [{ from: q.from, to: q.to }]))[0]!;
}

/**
 * The counts of several periods at once (the period, the year before, the trend): one pass over the
 * rollups of the days they span, each cell summed into every period that holds its day.
 */
export async function rollupRegimeCountsOver(
  db: Db,
  q: DashboardQuery,
  periods: readonly { from: string; to: string }[],
): Promise<RegimeCounts[][]> {
  if (periods.length === 0) return [];
  const from = periodCells(q, periods);
  const where = unitWhere(q);
  const [sums, viol] = await Promise.all([
    sql<{
      i: number;
      regime: string;
      row_set: string;
      kind: string;
      band: string;
      n: number;
      hits: number;
      overdue_open: number;
      hazards: number;
      fine_fen: string;
      warnings: number;
    }>`
      select p.i, r.regime, r.row_set, r.kind, r.band,
        coalesce(sum(r.n) filter (where ${counted(q)}), 0)::int as n,
        coalesce(sum(r.hits) filter (where ${counted(q)}), 0)::int as hits,
        coalesce(sum(r.still_open) filter (where r.day < ${q.today}), 0)::int as overdue_open,
        coalesce(sum(r.hazards), 0)::int as hazards, coalesce(sum(r.fine_fen), 0)::bigint as fine_fen,
        coalesce(sum(r.warnings), 0)::int as warnings
      from ${from} where ${where} group by 1, 2, 3, 4, 5`.execute(db),
    // Ordered as regimeCounts orders them: most decisions first, then the code.
    sql<{ i: number; regime: string; code: string; count: number; fine_fen: string }>`
      select p.i, r.regime, r.kind as code, sum(r.n)::int as count, sum(r.fine_fen)::bigint as fine_fen
      from ${from} where ${where} and r.row_set = 'penalties'
      group by p.i, r.regime, r.kind order by sum(r.n) desc, r.kind`.execute(db),
  ]);
  const out = periods.map(() => new Map(q.regimes.map((r) => [r, emptyCounts(r)])));
  for (const r of sums.rows) {
    const c = out[r.i]?.get(r.regime);
    if (!c) continue;
    switch (r.row_set) {
      case 'obligations':
        if (r.kind === 'census' || r.kind === 'campaign' || r.kind === 'spot_check') {
          c.coverage[r.kind].obligations += n(r.n);
          c.coverage[r.kind].covered += n(r.hits);
        }
        break;
      case 'inspections':
        c.inspectionsDone += n(r.n);
        c.hazards += n(r.hazards);
        break;
      case 'rectifications':
        c.rectifications.due += n(r.n);
        c.rectifications.onTime += n(r.hits);
        c.rectifications.overdueOpen += n(r.overdue_open);
        break;
      case 'reviews':
        c.reviews.due += n(r.n);
        c.reviews.onTime += n(r.hits);
        break;
      case 'service':
        c.service.due += n(r.n);
        c.service.onTime += n(r.hits);
        break;
      case 'penalties':
        c.penalties.count += n(r.n);
        c.penalties.fineFen += n(r.fine_fen);
        c.penalties.warnings += n(r.warnings);
        if (r.band) c.penalties.byBand[r.band as FineBand] = (c.penalties.byBand[r.band as FineBand] ?? 0) + n(r.n);
        break;
    }
  }
  for (const r of viol.rows)
    out[r.i]?.get(r.regime)?.penalties.byViolation.push({ code: r.code, count: n(r.count), fineFen: n(r.fine_fen) });
  return out.map((m) => [...m.values()]);
}

/** `coverageByStation` (dashboard.repository.ts) read from the rollups. */
export async function rollupCoverageByStation(db: Db, q: DashboardQuery): Promise<StationCoverage[]> {
  const rows = await sql<StationCoverageRow>`
    select r.station_id, sum(r.n)::int as obligations, sum(r.hits)::int as covered
    from dashboard_rollup r
    where r.grain = 'day_station' and r.day between ${q.from} and ${q.to} and ${unitWhere(q)} and r.row_set = 'obligations'
    group by r.station_id order by r.station_id nulls last`.execute(db);
  return stationCoverageOf(rows.rows);
}

/** `rectificationFunnel` (dashboard.repository.ts) read from the rollups: every notice whose deadline in force is in the period. */
export async function rollupRectificationFunnel(db: Db, q: DashboardQuery): Promise<RectificationFunnel> {
  const rows = await sql<RectificationFunnelRow>`
    select coalesce(sum(r.n), 0)::int as issued, coalesce(sum(r.served), 0)::int as served,
      coalesce(sum(r.review_requested), 0)::int as review_requested, coalesce(sum(r.completed), 0)::int as completed,
      coalesce(sum(r.hits), 0)::int as on_time
    from ${periodCells(q, [q])} where ${unitWhere(q)} and r.row_set = 'rectifications'`.execute(db);
  return rectificationFunnelOf(rows.rows[0]);
}

/** The supervision panel's exceptions that are counts over the figures' rows (issue 12 §4), from the rollups. */
export async function rollupExceptions(
  db: Db,
  q: DashboardQuery,
): Promise<{ lateReviews: number; lateService: number; closedWithoutReview: number; singleOfficerInspections: number }> {
  const rows = await sql<{ late_reviews: number; late_service: number; without_review: number; single_officer: number }>`
    select
      coalesce(sum(r.n - r.hits) filter (where r.row_set = 'reviews' and ${counted(q)}), 0)::int as late_reviews,
      coalesce(sum(r.n - r.hits) filter (where r.row_set = 'service' and ${counted(q)}), 0)::int as late_service,
      coalesce(sum(r.without_review) filter (where r.row_set = 'rectifications' and ${counted(q)}), 0)::int as without_review,
      coalesce(sum(r.single_officer) filter (where r.row_set = 'inspections'), 0)::int as single_officer
    from ${periodCells(q, [q])} where ${unitWhere(q)}`.execute(db);
  const r = rows.rows[0];
  return {
    lateReviews: n(r?.late_reviews),
    lateService: n(r?.late_service),
    closedWithoutReview: n(r?.without_review),
    singleOfficerInspections: n(r?.single_officer),
  };
}
