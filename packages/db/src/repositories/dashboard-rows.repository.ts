import { FINE_BANDS, type Scope } from '@supervise/core';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { unitInScope } from './plan.repository.js';

/**
 * The rows behind each figure of the leaders' dashboard (issue 12 §1, §3), one SQL per set. The
 * figures are these rows counted (dashboard.repository.ts), and the drill-down lists and exports
 * the same rows, so a number and its list cannot disagree. The definitions are in
 * packages/core/src/dashboard/figures.ts; dates are civil dates (Asia/Shanghai), `today` a parameter.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface DashboardQuery {
  from: string;
  to: string;
  /** Decides what has come due (a deadline on or before it). */
  today: string;
  /** The regimes asked for, already cut to the reader's scope. */
  regimes: readonly string[];
  /** The reader's scope of `dashboard.view` on units (entity brigade / station). */
  scope: Scope;
  brigadeId?: string | null;
  stationId?: string | null;
}

export const DASHBOARD_ROW_SETS = ['obligations', 'inspections', 'rectifications', 'reviews', 'service', 'penalties'] as const;
export type DashboardRowSet = (typeof DASHBOARD_ROW_SETS)[number];

/**
 * The regime column inside the query's regimes and the unit (by default the entity `e`'s brigade and
 * station; the rollups' own columns when reading them) inside the scope, brigade and station.
 */
export function dashboardUnitFilter(
  q: DashboardQuery,
  regime: RawBuilder<unknown>,
  unit: { brigade: RawBuilder<unknown>; station: RawBuilder<unknown> } = {
    brigade: sql.ref('e.brigade_id'),
    station: sql.ref('e.station_id'),
  },
): RawBuilder<boolean> {
  if (q.regimes.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${regime} in (${sql.join([...q.regimes])})
    and ${unitInScope(q.scope, unit.brigade, unit.station)}
    ${q.brigadeId ? sql`and ${unit.brigade} = ${q.brigadeId}` : sql``}
    ${q.stationId ? sql`and ${unit.station} = ${q.stationId}` : sql``}`;
}

/**
 * Whether a dated row counts yet: its day (a deadline, a due day) has come by `today`, or it is
 * `early` — settled before its day (a notice completed or reopened, a review done, a notice served).
 * The row sets below select with it, and the rollups (dashboard-rollup.repository.ts) sum with it.
 */
export function hasComeDue(day: RawBuilder<unknown>, today: string, early: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${day} <= ${today} or ${early})`;
}

/**
 * Coverage: the obligations whose due window ends in the period, with the day each was met (null:
 * not met). Census: met by a done inspection of the entity under the regime inside the window (the
 * plan's definition). Campaign / spot check: a draw's targets (its inspection tasks, not cancelled:
 * a redraw cancels the replaced draw's open tasks), met when the task is done.
 */
export function obligationRowsSql(q: DashboardQuery): RawBuilder<unknown> {
  return sql`
    select o.regime, 'census'::text as kind, o.id as ref, e.code as entity_code, e.name as entity_name,
      e.station_id, e.brigade_id, o.window_start::text as window_start, o.window_end::text as window_end,
      (select min(coalesce(d.inspected_on, d.planned_on)) from inspection d
        where d.entity_id = o.entity_id and d.regime_code = o.regime and d.status = 'done'
          and coalesce(d.inspected_on, d.planned_on) between o.window_start and o.window_end)::text as covered_on
    from obligation o
    join entity e on e.id = o.entity_id
    where o.type = 'census' and o.status <> 'cancelled' and o.window_end between ${q.from} and ${q.to}
      and ${dashboardUnitFilter(q, sql.ref('o.regime'))}
    union all
    select i.regime_code, i.trigger, i.id, e.code, e.name, e.station_id, e.brigade_id, d.window_from::text, d.window_to::text,
      case when i.status = 'done' then coalesce(i.inspected_on, i.planned_on)::text end
    from inspection i
    join draw d on d.id = i.draw_id
    join entity e on e.id = i.entity_id
    where i.status <> 'cancelled' and i.trigger in ('campaign', 'spot_check') and d.window_to between ${q.from} and ${q.to}
      and ${dashboardUnitFilter(q, sql.ref('i.regime_code'))}`;
}

/** The inspections done in the period, with their hazards and how many officers were on them. */
export function inspectionRowsSql(q: DashboardQuery): RawBuilder<unknown> {
  return sql`
    select i.regime_code as regime, i.id as ref, i.inspected_on::text as inspected_on, i.trigger,
      e.code as entity_code, e.name as entity_name, e.station_id, e.brigade_id,
      (select count(*) from hazard h where h.inspection_id = i.id)::int as hazards,
      (select count(*) from inspection_officer io where io.inspection_id = i.id)::int as officers
    from inspection i
    join entity e on e.id = i.entity_id
    where i.status = 'done' and i.inspected_on between ${q.from} and ${q.to}
      and ${dashboardUnitFilter(q, sql.ref('i.regime_code'))}`;
}

/**
 * Rectification notices whose deadline in force (the notice's, or as extended) falls in the period
 * and has come by `today` — or that are completed (review passed) or reopened already. On time:
 * completed on or before that deadline. Overdue open: not completed and the deadline is behind today.
 */
export function rectificationRowsSql(q: DashboardQuery): RawBuilder<unknown> {
  const deadline = sql`coalesce(r.extended_deadline_on, r.deadline_on)`;
  const early = sql`(r.completed_on is not null or r.status = 'reopened')`;
  return sql`
    select i.regime_code as regime, r.id as ref, r.notice_no, e.code as entity_code, e.name as entity_name,
      e.station_id, e.brigade_id, r.status, ${deadline}::text as deadline_on, r.completed_on::text as completed_on,
      ${early} as early, r.served_on::text as served_on, r.review_requested_on::text as review_requested_on,
      (r.completed_on is not null and r.completed_on <= ${deadline}) as on_time,
      (r.completed_on is null and ${deadline} < ${q.today}) as overdue_open,
      -- Closed without review: completed with no recorded passing review (R03: the police review
      -- and issue a review opinion before a notice is closed).
      (r.completed_on is not null and not exists (select 1 from rectification_review rr
        where rr.rectification_id = r.id and rr.opinion = 'passed')) as without_review,
      i.id as inspection_id
    from rectification r
    join hazard h on h.id = r.hazard_id
    join inspection i on i.id = h.inspection_id
    join entity e on e.id = i.entity_id
    where ${deadline} between ${q.from} and ${q.to}
      and ${hasComeDue(deadline, q.today, early)}
      and ${dashboardUnitFilter(q, sql.ref('i.regime_code'))}`;
}

/** Reviews (复查) due in the period that have come due or are done; on time: done by the due day (R03: 5 working days). */
export function reviewRowsSql(q: DashboardQuery): RawBuilder<unknown> {
  const early = sql`(rr.reviewed_on is not null)`;
  return sql`
    select i.regime_code as regime, rr.id as ref, r.notice_no, e.code as entity_code, e.name as entity_name,
      e.station_id, e.brigade_id, rr.requested_on::text as requested_on, rr.due_on::text as due_on,
      rr.reviewed_on::text as reviewed_on, ${early} as early,
      (rr.reviewed_on is not null and rr.reviewed_on <= rr.due_on) as on_time,
      r.id as rectification_id
    from rectification_review rr
    join rectification r on r.id = rr.rectification_id
    join hazard h on h.id = r.hazard_id
    join inspection i on i.id = h.inspection_id
    join entity e on e.id = i.entity_id
    where rr.due_on between ${q.from} and ${q.to} and ${hasComeDue(sql.ref('rr.due_on'), q.today, early)}
      and ${dashboardUnitFilter(q, sql.ref('i.regime_code'))}`;
}

/** Notices whose service was due in the period (R14: 3 working days), come due or served; on time: served by then. */
export function serviceRowsSql(q: DashboardQuery): RawBuilder<unknown> {
  const early = sql`(r.served_on is not null)`;
  return sql`
    select i.regime_code as regime, r.id as ref, r.notice_no, e.code as entity_code, e.name as entity_name,
      e.station_id, e.brigade_id, r.service_due_on::text as due_on, r.served_on::text as served_on,
      ${early} as early,
      (r.served_on is not null and r.served_on <= r.service_due_on) as on_time,
      r.late_service_reason
    from rectification r
    join hazard h on h.id = r.hazard_id
    join inspection i on i.id = h.inspection_id
    join entity e on e.id = i.entity_id
    where r.service_due_on between ${q.from} and ${q.to}
      and ${hasComeDue(sql.ref('r.service_due_on'), q.today, early)}
      and ${dashboardUnitFilter(q, sql.ref('i.regime_code'))}`;
}

/** The fine band of `fen` as core's FINE_BANDS cut it (null: no fine). */
function bandSql(fen: RawBuilder<unknown>): RawBuilder<string | null> {
  const cases = [...FINE_BANDS].reverse().map((b) => sql`when ${fen} >= ${b.minYuan * 100} then ${b.key}`);
  return sql<string | null>`case when ${fen} <= 0 then null ${sql.join(cases, sql` `)} end`;
}

/** Penalty decisions in the period: the party's fine plus its responsible persons' (R14), warnings apart. */
export function penaltyRowsSql(q: DashboardQuery): RawBuilder<unknown> {
  const fen = sql`(p.fine_fen + coalesce((select sum((f->>'fineFen')::bigint)
      from jsonb_array_elements(p.individual_fines) as f), 0))`;
  return sql`
    select p.regime_code as regime, p.id as ref, p.decided_on::text as decided_on, e.code as entity_code,
      e.name as entity_name, e.station_id, e.brigade_id, p.violation_code, p.warning, ${fen}::bigint as fine_fen,
      ${bandSql(fen)}::text as band, p.inspection_id
    from penalty p
    join entity e on e.id = p.entity_id
    where p.decided_on between ${q.from} and ${q.to}
      and ${dashboardUnitFilter(q, sql.ref('p.regime_code'))}`;
}

export const ROW_SQL: Record<DashboardRowSet, (q: DashboardQuery) => RawBuilder<unknown>> = {
  obligations: obligationRowsSql,
  inspections: inspectionRowsSql,
  rectifications: rectificationRowsSql,
  reviews: reviewRowsSql,
  service: serviceRowsSql,
  penalties: penaltyRowsSql,
};

/**
 * A narrowing of a row set, as the figures' links name it: `covered` / `uncovered` (obligations),
 * `on_time` / `late` (rectifications, reviews, service), `overdue_open` (rectifications), `warning`
 * (penalties), `single_officer` (inspections); a coverage kind; a violation code; a fine band.
 */
export const DASHBOARD_ROW_ONLY = [
  'covered',
  'uncovered',
  'on_time',
  'late',
  'overdue_open',
  'without_review',
  'warning',
  'single_officer',
] as const;
export type DashboardRowOnly = (typeof DASHBOARD_ROW_ONLY)[number];

export interface DashboardRowFilter {
  regime?: string | null;
  only?: DashboardRowOnly | null;
  kind?: string | null;
  violation?: string | null;
  band?: string | null;
}

/** Which `only` values a set understands (anything else is refused by the caller). */
export const ROW_ONLY_OF_SET: Record<DashboardRowSet, readonly DashboardRowOnly[]> = {
  obligations: ['covered', 'uncovered'],
  inspections: ['single_officer'],
  rectifications: ['on_time', 'late', 'overdue_open', 'without_review'],
  reviews: ['on_time', 'late'],
  service: ['on_time', 'late'],
  penalties: ['warning'],
};

function rowWhere(set: DashboardRowSet, f: DashboardRowFilter): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`];
  if (f.regime) parts.push(sql<boolean>`x.regime = ${f.regime}`);
  if (f.kind && set === 'obligations') parts.push(sql<boolean>`x.kind = ${f.kind}`);
  if (f.violation && set === 'penalties') parts.push(sql<boolean>`x.violation_code = ${f.violation}`);
  if (f.band && set === 'penalties') parts.push(sql<boolean>`x.band = ${f.band}`);
  const only: Record<DashboardRowOnly, RawBuilder<boolean>> = {
    covered: sql<boolean>`x.covered_on is not null`,
    uncovered: sql<boolean>`x.covered_on is null`,
    on_time: sql<boolean>`x.on_time`,
    late: sql<boolean>`not x.on_time`,
    overdue_open: sql<boolean>`x.overdue_open`,
    without_review: sql<boolean>`x.without_review`,
    warning: sql<boolean>`x.warning and x.fine_fen = 0`,
    single_officer: sql<boolean>`x.officers < 2`,
  };
  if (f.only && ROW_ONLY_OF_SET[set].includes(f.only)) parts.push(only[f.only]);
  return sql.join(parts, sql` and `) as RawBuilder<boolean>;
}

export type DashboardRow = Record<string, string | number | boolean | null>;

/** Columns pg returns as strings (bigint ids and sums) that are numbers. */
const NUMERIC_COLUMNS = new Set(['ref', 'fine_fen', 'hazards', 'officers', 'inspection_id', 'rectification_id']);

/** The drill-down rows of a set, regime then reference order; `limit` for the page, none for an export. */
export async function dashboardRows(
  db: Db,
  set: DashboardRowSet,
  q: DashboardQuery,
  f: DashboardRowFilter,
  limit?: number,
): Promise<{ rows: DashboardRow[]; total: number }> {
  const base = ROW_SQL[set](q);
  const where = rowWhere(set, f);
  const [rows, total] = await Promise.all([
    sql<DashboardRow>`select x.* from (${base}) x where ${where} order by x.regime, x.ref
      ${limit === undefined ? sql`` : sql`limit ${limit}`}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from (${base}) x where ${where}`.execute(db),
  ]);
  return {
    rows: rows.rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, NUMERIC_COLUMNS.has(k) && v !== null ? Number(v) : v])),
    ),
    total: Number(total.rows[0]?.n ?? 0),
  };
}
