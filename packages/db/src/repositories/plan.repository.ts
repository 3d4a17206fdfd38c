import { planStatus, type PlanStatus, type Scope } from '@supervise/core';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * The scheduler's plan of a period (issue 9 §1): the obligations whose due window overlaps the period
 * — census, campaigns and spot checks apart — with their status and coverage so far, the day-by-day
 * calendar of the inspections planned in it, and each officer's load. Everything within the reader's
 * scope (core `scopeOf` / `visibleRegimes` of `plan.view`); `today` is a parameter (Asia/Shanghai).
 *
 * What covers an obligation: a census obligation of an entity is met by any inspection of that entity
 * under the regime inside the due window (its rostered census inspection, or a station's routine
 * patrol — R09: 旅馆每月至少巡查一次 is done by patrol); a campaign or spot check by the distinct
 * entities of its kind inspected with that trigger inside the window. Assigned means planned with two
 * officers (procedure: at least two officers on site).
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface PlanQuery {
  /** The reader's reach for census rows, the calendar and officers. */
  scope: Scope;
  /** The regimes whose campaigns and spot checks the reader sees (a station's scope sees none). */
  regimes: readonly string[];
  period: { start: string; end: string };
  today: string;
  regime?: string;
  stationId?: string;
  status?: PlanStatus;
}

export interface PlanObligationRow {
  obligationId: number;
  key: string;
  type: 'census' | 'campaign' | 'spot_check';
  regime: string;
  kind: string;
  clause: string;
  cadence: string | null;
  windowStart: string;
  windowEnd: string;
  /** Census: the entity. */
  entityCode: string | null;
  entityName: string | null;
  stationId: string | null;
  /** Campaign / spot check: the population of the kind when planned. */
  population: number | null;
  target: number;
  done: number;
  assigned: number;
  status: PlanStatus;
  /** Census: the inspection that carries it (open first), its day and officers. */
  inspectionId: number | null;
  plannedOn: string | null;
  officers: string[];
}

export interface PlanCalendarItem {
  inspectionId: number;
  plannedOn: string;
  inspectedOn: string | null;
  /** unassigned (fewer than two officers), assigned, done, or overdue (planned before today, not done). */
  status: PlanStatus;
  regime: string;
  trigger: string;
  entityCode: string;
  entityName: string;
  stationId: string | null;
  officers: string[];
}

export interface PlanOfficerLoad {
  code: string;
  name: string;
  brigadeId: string | null;
  stationId: string | null;
  /** Live inspections in the period: still planned (from today), overdue (planned before today), done. */
  planned: number;
  overdue: number;
  done: number;
  /** Days of declared leave within the period. */
  leaveDays: number;
}

export interface PlanView {
  census: PlanObligationRow[];
  campaign: PlanObligationRow[];
  spotCheck: PlanObligationRow[];
  calendar: PlanCalendarItem[];
  officers: PlanOfficerLoad[];
}

/** `e.brigade_id` / `e.station_id` inside the scope (an unscoped reader: everything). */
export function unitInScope(scope: Scope, brigade: RawBuilder<unknown>, station: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`true`;
  const parts: RawBuilder<boolean>[] = [];
  if (scope.brigadeIds.length > 0) parts.push(sql<boolean>`${brigade} in (${sql.join(scope.brigadeIds)})`);
  if (scope.stationIds.length > 0) parts.push(sql<boolean>`${station} in (${sql.join(scope.stationIds)})`);
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

const opt = (cond: boolean, frag: RawBuilder<unknown>) => (cond ? sql`and ${frag}` : sql``);

async function censusRows(db: Db, q: PlanQuery): Promise<PlanObligationRow[]> {
  const rows = await sql<{
    id: number;
    key: string;
    regime: string;
    kind: string;
    clause: string;
    cadence: string | null;
    window_start: string;
    window_end: string;
    o_status: string;
    entity_code: string;
    entity_name: string;
    station_id: string | null;
    done: number;
    inspection_id: number | null;
    planned_on: string | null;
    inspection_status: string | null;
    officers: string[] | null;
  }>`
    select o.id, o.key, o.regime, o.kind, o.clause, o.cadence, o.window_start::text, o.window_end::text,
      o.status as o_status, e.code as entity_code, e.name as entity_name, e.station_id,
      (select count(*) from inspection d
        where d.entity_id = o.entity_id and d.regime_code = o.regime and d.status = 'done'
          and coalesce(d.inspected_on, d.planned_on) between o.window_start and o.window_end)::int as done,
      x.id as inspection_id, x.planned_on::text as planned_on, x.status as inspection_status,
      (select array_agg(f.code order by f.code) from inspection_officer io join officer f on f.id = io.officer_id
        where io.inspection_id = x.id) as officers
    from obligation o
    join entity e on e.id = o.entity_id
    left join lateral (
      select i.id, i.planned_on, i.status from inspection i
      where i.status <> 'cancelled'
        and (i.obligation_id = o.id
          or (i.entity_id = o.entity_id and i.regime_code = o.regime and i.planned_on between o.window_start and o.window_end))
      order by (i.status = 'planned') desc, (i.obligation_id is not distinct from o.id) desc, i.planned_on, i.id
      limit 1
    ) x on true
    where o.type = 'census' and o.status <> 'cancelled'
      and o.window_start <= ${q.period.end} and o.window_end >= ${q.period.start}
      and ${unitInScope(q.scope, sql.ref('e.brigade_id'), sql.ref('e.station_id'))}
      ${opt(!!q.regime, sql`o.regime = ${q.regime ?? ''}`)}
      ${opt(!!q.stationId, sql`e.station_id = ${q.stationId ?? ''}`)}
    order by o.regime, o.window_end, e.code, o.id
  `.execute(db);
  return rows.rows.map((r) => {
    const officers = r.officers ?? [];
    const assigned = r.inspection_status === 'planned' && officers.length >= 2 ? 1 : 0;
    return {
      obligationId: Number(r.id),
      key: r.key,
      type: 'census' as const,
      regime: r.regime,
      kind: r.kind,
      clause: r.clause,
      cadence: r.cadence,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      entityCode: r.entity_code,
      entityName: r.entity_name,
      stationId: r.station_id,
      population: null,
      target: 1,
      done: Math.min(1, Number(r.done)),
      assigned,
      status: planStatus({
        target: 1,
        done: Number(r.done),
        assigned,
        fulfilled: r.o_status === 'fulfilled',
        windowEnd: r.window_end,
        today: q.today,
      }),
      inspectionId: r.inspection_id == null ? null : Number(r.inspection_id),
      plannedOn: r.planned_on,
      officers,
    };
  });
}

async function quotaRows(db: Db, q: PlanQuery): Promise<PlanObligationRow[]> {
  const regimes = q.regime ? q.regimes.filter((r) => r === q.regime) : [...q.regimes];
  if (regimes.length === 0) return [];
  const rows = await sql<{
    id: number;
    key: string;
    type: 'campaign' | 'spot_check';
    regime: string;
    kind: string;
    clause: string;
    cadence: string | null;
    window_start: string;
    window_end: string;
    o_status: string;
    population: number | null;
    min_count: number | null;
    max_count: number | null;
    done: number;
    assigned: number;
  }>`
    select o.id, o.key, o.type, o.regime, o.kind, o.clause, o.cadence, o.window_start::text, o.window_end::text,
      o.status as o_status, o.population, o.min_count, o.max_count,
      (select count(distinct i.entity_id) from inspection i join entity e on e.id = i.entity_id
        where i.regime_code = o.regime and e.kind = o.kind and i.trigger = o.type and i.status = 'done'
          and coalesce(i.inspected_on, i.planned_on) between o.window_start and o.window_end
          ${opt(!!q.stationId, sql`e.station_id = ${q.stationId ?? ''}`)})::int as done,
      (select count(distinct i.entity_id) from inspection i join entity e on e.id = i.entity_id
        where i.regime_code = o.regime and e.kind = o.kind and i.trigger = o.type and i.status = 'planned'
          and i.planned_on between o.window_start and o.window_end
          and (select count(*) from inspection_officer io where io.inspection_id = i.id) >= 2
          ${opt(!!q.stationId, sql`e.station_id = ${q.stationId ?? ''}`)})::int as assigned
    from obligation o
    where o.type in ('campaign', 'spot_check') and o.status <> 'cancelled'
      and o.window_start <= ${q.period.end} and o.window_end >= ${q.period.start}
      and o.regime in (${sql.join(regimes)})
    order by o.regime, o.type, o.window_start, o.sequence nulls first, o.kind, o.id
  `.execute(db);
  return rows.rows.map((r) => {
    // A campaign must reach its minimum; a spot check is planned up to its maximum.
    const target = Number((r.type === 'campaign' ? r.min_count : r.max_count) ?? 0);
    return {
      obligationId: Number(r.id),
      key: r.key,
      type: r.type,
      regime: r.regime,
      kind: r.kind,
      clause: r.clause,
      cadence: r.cadence,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      entityCode: null,
      entityName: null,
      stationId: null,
      population: r.population == null ? null : Number(r.population),
      target,
      done: Number(r.done),
      assigned: Number(r.assigned),
      status: planStatus({
        target,
        done: Number(r.done),
        assigned: Number(r.assigned),
        fulfilled: r.o_status === 'fulfilled',
        windowEnd: r.window_end,
        today: q.today,
      }),
      inspectionId: null,
      plannedOn: null,
      officers: [],
    };
  });
}

/** The calendar's cap: a year of a whole bureau is summarised, not listed, by the page. */
export const PLAN_CALENDAR_LIMIT = 5000;

async function calendarItems(db: Db, q: PlanQuery): Promise<PlanCalendarItem[]> {
  const rows = await sql<{
    id: number;
    planned_on: string;
    inspected_on: string | null;
    status: string;
    regime_code: string;
    trigger: string;
    code: string;
    name: string;
    station_id: string | null;
    officers: string[] | null;
  }>`
    select i.id, i.planned_on::text, i.inspected_on::text, i.status, i.regime_code, i.trigger, e.code, e.name, e.station_id,
      (select array_agg(f.code order by f.code) from inspection_officer io join officer f on f.id = io.officer_id
        where io.inspection_id = i.id) as officers
    from inspection i
    join entity e on e.id = i.entity_id
    where i.status <> 'cancelled' and i.planned_on between ${q.period.start} and ${q.period.end}
      and ${unitInScope(q.scope, sql.ref('e.brigade_id'), sql.ref('e.station_id'))}
      ${opt(!!q.regime, sql`i.regime_code = ${q.regime ?? ''}`)}
      ${opt(!!q.stationId, sql`e.station_id = ${q.stationId ?? ''}`)}
    order by i.planned_on, i.regime_code, e.code, i.id
    limit ${PLAN_CALENDAR_LIMIT}
  `.execute(db);
  return rows.rows.map((r) => {
    const officers = r.officers ?? [];
    const status: PlanStatus =
      r.status === 'done' ? 'done' : r.planned_on < q.today ? 'overdue' : officers.length >= 2 ? 'assigned' : 'unassigned';
    return {
      inspectionId: Number(r.id),
      plannedOn: r.planned_on,
      inspectedOn: r.inspected_on,
      status,
      regime: r.regime_code,
      trigger: r.trigger,
      entityCode: r.code,
      entityName: r.name,
      stationId: r.station_id,
      officers,
    };
  });
}

async function officerLoads(db: Db, q: PlanQuery): Promise<PlanOfficerLoad[]> {
  const rows = await sql<{
    code: string;
    name: string;
    brigade_id: string | null;
    station_id: string | null;
    planned: number;
    overdue: number;
    done: number;
    leave_days: number;
  }>`
    select f.code, f.name, f.brigade_id, f.station_id,
      count(*) filter (where i.status = 'planned' and i.planned_on >= ${q.today})::int as planned,
      count(*) filter (where i.status = 'planned' and i.planned_on < ${q.today})::int as overdue,
      count(*) filter (where i.status = 'done')::int as done,
      (select coalesce(sum(least(l.to_on, ${q.period.end}::date) - greatest(l.from_on, ${q.period.start}::date) + 1), 0)
        from officer_leave l where l.officer_id = f.id and l.from_on <= ${q.period.end} and l.to_on >= ${q.period.start})::int
        as leave_days
    from officer f
    left join inspection_officer io on io.officer_id = f.id
    left join inspection i on i.id = io.inspection_id and i.status <> 'cancelled'
      and i.planned_on between ${q.period.start} and ${q.period.end}
      ${opt(!!q.regime, sql`i.regime_code = ${q.regime ?? ''}`)}
    where f.active and ${unitInScope(q.scope, sql.ref('f.brigade_id'), sql.ref('f.station_id'))}
      ${opt(!!q.stationId, sql`f.station_id = ${q.stationId ?? ''}`)}
    group by f.id
    order by (count(i.id)) desc, f.code
  `.execute(db);
  return rows.rows.map((r) => ({
    code: r.code,
    name: r.name,
    brigadeId: r.brigade_id,
    stationId: r.station_id,
    planned: Number(r.planned),
    overdue: Number(r.overdue),
    done: Number(r.done),
    leaveDays: Number(r.leave_days),
  }));
}

/** The obligations of the plan (the rows of the page, the XLSX and `GET /api/v1/plan`), status-filtered. */
export async function planObligations(
  db: Db,
  q: PlanQuery,
): Promise<{ census: PlanObligationRow[]; campaign: PlanObligationRow[]; spotCheck: PlanObligationRow[] }> {
  const [census, quotas] = await Promise.all([censusRows(db, q), quotaRows(db, q)]);
  const keep = (r: PlanObligationRow) => !q.status || r.status === q.status;
  return {
    census: census.filter(keep),
    campaign: quotas.filter((r) => r.type === 'campaign' && keep(r)),
    spotCheck: quotas.filter((r) => r.type === 'spot_check' && keep(r)),
  };
}

/** The whole plan view: obligations, calendar (status-filtered too) and officers' load. */
export async function loadPlanView(db: Db, q: PlanQuery): Promise<PlanView> {
  const [obligations, calendar, officers] = await Promise.all([
    planObligations(db, q),
    calendarItems(db, q),
    officerLoads(db, q),
  ]);
  return { ...obligations, calendar: calendar.filter((c) => !q.status || c.status === q.status), officers };
}

export interface RosterInspection {
  id: number;
  plannedOn: string;
  inspectedOn: string | null;
  status: string;
  trigger: string;
  regime: string;
  entityId: number;
  entityCode: string;
  entityName: string;
  brigadeId: string;
  stationId: string | null;
  obligationKey: string | null;
  officers: { id: number; code: string; name: string; assignedBy: string }[];
  overrides: { at: Date; replaced: string; with: string; reason: string; by: string }[];
}

/** One inspection with its officers and its roster changes, for the roster page. */
export async function findRosterInspection(db: Db, id: number): Promise<RosterInspection | undefined> {
  const i = await db
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .leftJoin('obligation as o', 'o.id', 'i.obligation_id')
    .select([
      'i.id',
      'i.planned_on',
      'i.inspected_on',
      'i.status',
      'i.trigger',
      'i.regime_code',
      'e.id as entity_id',
      'e.code',
      'e.name',
      'e.brigade_id',
      'e.station_id',
      'o.key as obligation_key',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!i) return undefined;
  const officers = await db
    .selectFrom('inspection_officer as io')
    .innerJoin('officer as f', 'f.id', 'io.officer_id')
    .select(['f.id', 'f.code', 'f.name', 'io.assigned_by'])
    .where('io.inspection_id', '=', id)
    .orderBy('f.code')
    .execute();
  const overrides = await db
    .selectFrom('roster_override as r')
    .innerJoin('officer as a', 'a.id', 'r.replaced_officer_id')
    .innerJoin('officer as b', 'b.id', 'r.with_officer_id')
    .innerJoin('app_user as u', 'u.id', 'r.overridden_by')
    .select(['r.overridden_at', 'a.code as replaced', 'b.code as with', 'r.reason', 'u.username'])
    .where('r.inspection_id', '=', id)
    .orderBy('r.id')
    .execute();
  return {
    id: Number(i.id),
    plannedOn: i.planned_on,
    inspectedOn: i.inspected_on,
    status: i.status,
    trigger: i.trigger,
    regime: i.regime_code,
    entityId: Number(i.entity_id),
    entityCode: i.code,
    entityName: i.name,
    brigadeId: i.brigade_id,
    stationId: i.station_id,
    obligationKey: i.obligation_key,
    officers: officers.map((o) => ({ id: Number(o.id), code: o.code, name: o.name, assignedBy: o.assigned_by })),
    overrides: overrides.map((o) => ({
      at: o.overridden_at,
      replaced: o.replaced,
      with: o.with,
      reason: o.reason,
      by: o.username,
    })),
  };
}

/** Officers of the entity's responsible unit (its station's, its brigade's), for the roster page's choice. */
export async function rosterPool(
  db: Db,
  unit: { brigadeId: string; stationId: string | null },
): Promise<{ id: number; code: string; name: string; brigadeId: string | null; stationId: string | null }[]> {
  const rows = await db
    .selectFrom('officer')
    .select(['id', 'code', 'name', 'brigade_id', 'station_id'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([eb('brigade_id', '=', unit.brigadeId), eb('station_id', 'is', null)]),
        ...(unit.stationId ? [eb('station_id', '=', unit.stationId)] : []),
      ]),
    )
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, brigadeId: r.brigade_id, stationId: r.station_id }));
}
