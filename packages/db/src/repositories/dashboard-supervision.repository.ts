import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { unitInScope } from './plan.repository.js';
import { cachedOnRollups } from './dashboard-rollup-cache.js';
import { rollupExceptions } from './dashboard-rollup.repository.js';
import { dashboardUnitFilter, type DashboardQuery } from './dashboard-rows.repository.js';

/**
 * Supervising the supervisors (issue 12 §4): the exceptions of the period in the reader's scope.
 * Late reviews, late service, rectifications closed without a recorded review and single-officer
 * inspections are the rollups of the figures' rows (so each links to its drill-down, which lists them);
 * redraws, rosters changed by hand and the officers with the most overdue work are read here.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface SupervisionPanel {
  lateReviews: number;
  lateService: number;
  closedWithoutReview: number;
  singleOfficerInspections: number;
  redraws: number;
  rosterOverrides: number;
  /** Officers in scope with the most overdue work today: inspections planned before today not done, notices they issued now overdue. */
  overdueOfficers: { code: string; name: string; overdueInspections: number; overdueRectifications: number }[];
}

export async function supervisionPanel(db: Db, q: DashboardQuery): Promise<SupervisionPanel> {
  const inPeriod = (col: RawBuilder<unknown>) => sql`(${col} at time zone 'Asia/Shanghai')::date between ${q.from} and ${q.to}`;
  const [exceptions, redraws, overrides, officers] = await Promise.all([
    // The rollups' part, cached on their generation (dashboard-rollup-cache.ts); the rest is read live.
    cachedOnRollups(db, ['rollupExceptions', q], () => rollupExceptions(db, q)),
    q.regimes.length === 0
      ? Promise.resolve(0)
      : sql<{ n: number }>`select count(*)::int as n from draw d
          where d.replaces is not null and d.drawn_on between ${q.from} and ${q.to}
            and d.regime_code in (${sql.join([...q.regimes])})`
          .execute(db)
          .then((r) => Number(r.rows[0]?.n ?? 0)),
    sql<{ n: number }>`select count(*)::int as n from roster_override ro
        join inspection i on i.id = ro.inspection_id join entity e on e.id = i.entity_id
        where ${inPeriod(sql.ref('ro.overridden_at'))} and ${dashboardUnitFilter(q, sql.ref('i.regime_code'))}`
      .execute(db)
      .then((r) => Number(r.rows[0]?.n ?? 0)),
    // The overdue work counted once per officer (open items only, through partial indexes), then
    // joined to the officers in scope: the cost follows the backlog, not the officers or the history.
    sql<{ code: string; name: string; overdue_inspections: number; overdue_rectifications: number }>`
      with late_inspections as (
        select io.officer_id, count(*)::int as n from inspection i join inspection_officer io on io.inspection_id = i.id
        where i.status = 'planned' and i.planned_on < ${q.today} group by io.officer_id
      ), late_notices as (
        select u.officer_id, count(*)::int as n from rectification r join app_user u on u.id = r.issued_by
        where r.completed_on is null and coalesce(r.extended_deadline_on, r.deadline_on) < ${q.today}
          and u.officer_id is not null
        group by u.officer_id
      )
      select f.code, f.name, coalesce(li.n, 0) as overdue_inspections, coalesce(ln.n, 0) as overdue_rectifications
      from officer f
      left join late_inspections li on li.officer_id = f.id
      left join late_notices ln on ln.officer_id = f.id
      where f.active and (li.n is not null or ln.n is not null)
        and ${unitInScope(q.scope, sql.ref('f.brigade_id'), sql.ref('f.station_id'))}
        ${q.brigadeId ? sql`and f.brigade_id = ${q.brigadeId}` : sql``}
        ${q.stationId ? sql`and f.station_id = ${q.stationId}` : sql``}
      order by coalesce(li.n, 0) + coalesce(ln.n, 0) desc, f.code
      limit 5`.execute(db),
  ]);
  return {
    ...exceptions,
    redraws,
    rosterOverrides: overrides,
    overdueOfficers: officers.rows.map((r) => ({
      code: r.code,
      name: r.name,
      overdueInspections: Number(r.overdue_inspections),
      overdueRectifications: Number(r.overdue_rectifications),
    })),
  };
}

/**
 * How long the page may show the panel's live lists (redraws, roster overrides, officers with overdue
 * work: read beside the rollups) before reading them again; a new rollup generation (any counted
 * change of inspections, officers on them, notices) reads them again at once. The page shows `asOf`.
 */
export const SUPERVISION_PANEL_MAX_AGE_MS = 30_000;

/** `supervisionPanel`, cached per query (scope, regimes, units, period, today) on the rollups' generation, at most SUPERVISION_PANEL_MAX_AGE_MS old. */
export async function cachedSupervisionPanel(db: Db, q: DashboardQuery): Promise<Readonly<SupervisionPanel & { asOf: string }>> {
  return cachedOnRollups(
    db,
    ['supervisionPanel', q],
    async () => {
      const asOf = new Date().toISOString();
      return { ...(await supervisionPanel(db, q)), asOf };
    },
    { maxAgeMs: SUPERVISION_PANEL_MAX_AGE_MS },
  );
}
