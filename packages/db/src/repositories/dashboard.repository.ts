import { emptyCounts, type FineBand, type RegimeCounts } from '@supervise/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import {
  dashboardUnitFilter,
  inspectionRowsSql,
  obligationRowsSql,
  penaltyRowsSql,
  rectificationRowsSql,
  reviewRowsSql,
  serviceRowsSql,
  type DashboardQuery,
} from './dashboard-rows.repository.js';

/**
 * The leaders' dashboard counts: the rows of dashboard-rows.repository.ts counted per regime, one
 * `RegimeCounts` per regime asked for (zeros where there is nothing), which core's `figuresOf` turns
 * into the figures. Nothing here reads the clock.
 */
type Db = Kysely<DB> | Transaction<DB>;

/** A count as Postgres answers it (int, bigint as text, or null) as a number. */
export const countOf = (v: unknown) => Number(v ?? 0);
const n = countOf;

/** Coverage of one police station (null: the brigade's own units). */
export interface StationCoverage {
  stationId: string | null;
  obligations: number;
  covered: number;
}

/** The rows of coverage by station, as both the live count and the rollups' sum answer them. */
export type StationCoverageRow = { station_id: string | null; obligations: number; covered: number };

export const stationCoverageOf = (rows: readonly StationCoverageRow[]): StationCoverage[] =>
  rows.map((r) => ({ stationId: r.station_id, obligations: n(r.obligations), covered: n(r.covered) }));

export interface RectificationFunnel {
  issued: number;
  served: number;
  reviewRequested: number;
  completed: number;
  onTime: number;
}

/** The funnel's one row, as both the live count and the rollups' sum answer it. */
export type RectificationFunnelRow = {
  issued: number;
  served: number;
  review_requested: number;
  completed: number;
  on_time: number;
};

export const rectificationFunnelOf = (r: RectificationFunnelRow | undefined): RectificationFunnel => ({
  issued: n(r?.issued),
  served: n(r?.served),
  reviewRequested: n(r?.review_requested),
  completed: n(r?.completed),
  onTime: n(r?.on_time),
});

export async function regimeCounts(db: Db, q: DashboardQuery): Promise<RegimeCounts[]> {
  const [cov, ins, rect, rev, svc, pen, viol, band] = await Promise.all([
    sql<{ regime: string; kind: string; obligations: number; covered: number }>`
      select x.regime, x.kind, count(*)::int as obligations, count(x.covered_on)::int as covered
      from (${obligationRowsSql(q)}) x group by x.regime, x.kind`.execute(db),
    sql<{ regime: string; done: number; hazards: number }>`
      select x.regime, count(*)::int as done, coalesce(sum(x.hazards), 0)::int as hazards
      from (${inspectionRowsSql(q)}) x group by x.regime`.execute(db),
    sql<{ regime: string; due: number; on_time: number; overdue_open: number }>`
      select x.regime, count(*)::int as due, count(*) filter (where x.on_time)::int as on_time,
        count(*) filter (where x.overdue_open)::int as overdue_open
      from (${rectificationRowsSql(q)}) x group by x.regime`.execute(db),
    sql<{ regime: string; due: number; on_time: number }>`
      select x.regime, count(*)::int as due, count(*) filter (where x.on_time)::int as on_time
      from (${reviewRowsSql(q)}) x group by x.regime`.execute(db),
    sql<{ regime: string; due: number; on_time: number }>`
      select x.regime, count(*)::int as due, count(*) filter (where x.on_time)::int as on_time
      from (${serviceRowsSql(q)}) x group by x.regime`.execute(db),
    sql<{ regime: string; count: number; fine_fen: string; warnings: number }>`
      select x.regime, count(*)::int as count, coalesce(sum(x.fine_fen), 0)::bigint as fine_fen,
        count(*) filter (where x.warning and x.fine_fen = 0)::int as warnings
      from (${penaltyRowsSql(q)}) x group by x.regime`.execute(db),
    sql<{ regime: string; code: string; count: number; fine_fen: string }>`
      select x.regime, x.violation_code as code, count(*)::int as count, coalesce(sum(x.fine_fen), 0)::bigint as fine_fen
      from (${penaltyRowsSql(q)}) x group by x.regime, x.violation_code
      order by count(*) desc, x.violation_code`.execute(db),
    sql<{ regime: string; band: FineBand; count: number }>`
      select x.regime, x.band, count(*)::int as count
      from (${penaltyRowsSql(q)}) x where x.band is not null group by x.regime, x.band`.execute(db),
  ]);
  const out = new Map(q.regimes.map((r) => [r, emptyCounts(r)]));
  for (const r of cov.rows) {
    const c = out.get(r.regime);
    if (c && (r.kind === 'census' || r.kind === 'campaign' || r.kind === 'spot_check'))
      c.coverage[r.kind] = { obligations: n(r.obligations), covered: n(r.covered) };
  }
  for (const r of ins.rows) {
    const c = out.get(r.regime);
    if (c) {
      c.inspectionsDone = n(r.done);
      c.hazards = n(r.hazards);
    }
  }
  for (const r of rect.rows) {
    const c = out.get(r.regime);
    if (c) c.rectifications = { due: n(r.due), onTime: n(r.on_time), overdueOpen: n(r.overdue_open) };
  }
  for (const r of rev.rows) {
    const c = out.get(r.regime);
    if (c) c.reviews = { due: n(r.due), onTime: n(r.on_time) };
  }
  for (const r of svc.rows) {
    const c = out.get(r.regime);
    if (c) c.service = { due: n(r.due), onTime: n(r.on_time) };
  }
  for (const r of pen.rows) {
    const c = out.get(r.regime);
    if (c) c.penalties = { ...c.penalties, count: n(r.count), fineFen: n(r.fine_fen), warnings: n(r.warnings) };
  }
  for (const r of viol.rows)
    out.get(r.regime)?.penalties.byViolation.push({ code: r.code, count: n(r.count), fineFen: n(r.fine_fen) });
  for (const r of band.rows) {
    const c = out.get(r.regime);
    if (c) c.penalties.byBand[r.band] = n(r.count);
  }
  return [...out.values()];
}

/** Coverage of one regime by police station (the per-regime page's chart), stations in scope. */
export async function coverageByStation(db: Db, q: DashboardQuery): Promise<StationCoverage[]> {
  const rows = await sql<StationCoverageRow>`
    select x.station_id, count(*)::int as obligations, count(x.covered_on)::int as covered
    from (${obligationRowsSql(q)}) x group by x.station_id order by x.station_id nulls last`.execute(db);
  return stationCoverageOf(rows.rows);
}

/** The rectification funnel of the regimes asked for: issued, served, review requested, completed, on time. */
export async function rectificationFunnel(db: Db, q: DashboardQuery): Promise<RectificationFunnel> {
  const rows = await sql<RectificationFunnelRow>`
    select count(*)::int as issued, count(x.served_on)::int as served, count(x.review_requested_on)::int as review_requested,
      count(x.completed_on)::int as completed,
      count(*) filter (where x.completed_on <= x.deadline)::int as on_time
    from (
      select r.served_on, r.review_requested_on, r.completed_on, coalesce(r.extended_deadline_on, r.deadline_on) as deadline
      from rectification r
      join hazard h on h.id = r.hazard_id
      join inspection i on i.id = h.inspection_id
      join entity e on e.id = i.entity_id
      where coalesce(r.extended_deadline_on, r.deadline_on) between ${q.from} and ${q.to}
        and ${dashboardUnitFilter(q, sql.ref('i.regime_code'))}
    ) x`.execute(db);
  return rectificationFunnelOf(rows.rows[0]);
}
