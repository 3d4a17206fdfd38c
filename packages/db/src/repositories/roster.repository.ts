import {
  officerUnavailability,
  type OfficerAvailabilityFacts,
  type OfficerLeaveSpan,
  type OfficerRecusalFact,
  type OfficerUnavailability,
} from '@supervise/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { anyOf } from './any-of.js';

/**
 * Rosters of census inspections (issue 4 §3): two officers of the responsible brigade or police
 * station, each available by core's one rule (`officerUnavailability`: active, a credential valid
 * that day, not on declared leave, not recused from the entity); the facts it reads are loaded here
 * (`loadOfficerAvailability`). A scheduler's change of an officer is the use-case
 * `use-cases/roster-change.use-case.ts`, logged with reason, who and when (roster_override).
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface RosterOfficer {
  id: number;
  code: string;
  brigadeId: string | null;
  stationId: string | null;
  /** What core's availability rule (`officerUnavailability`) needs, loaded for the window. */
  availability: OfficerAvailabilityFacts;
}

export interface RosterContext {
  /** Active officers holding a credential number, by code, with their leave and recusals in the window. */
  officers: RosterOfficer[];
  /** Live inspections each officer already has planned in the window. */
  officerLoad: Map<number, number>;
  /** Live inspections already planned per unit (station id, else brigade id) and day in the window. */
  unitDayLoad: Map<string, number>;
}

/**
 * The facts core's availability rule reads, for the given officers (all active and inactive), with
 * their leave overlapping [from, to] and their recusals not withdrawn before `from` (for `entityIds`,
 * or every entity when omitted). Officers not found are absent from the map.
 */
export async function loadOfficerAvailability(
  db: Db,
  input: { officerIds: readonly number[]; from: string; to: string; entityIds?: readonly number[] },
): Promise<Map<number, OfficerAvailabilityFacts>> {
  const out = new Map<number, OfficerAvailabilityFacts>();
  if (input.officerIds.length === 0) return out;
  const ids = [...new Set(input.officerIds)];
  const officers = await db
    .selectFrom('officer')
    .select(['id', 'active', 'credential_no', 'credential_expires_on'])
    .where('id', '=', anyOf(ids, 'bigint'))
    .execute();
  for (const o of officers)
    out.set(Number(o.id), {
      active: o.active,
      credentialNo: o.credential_no,
      credentialExpiresOn: o.credential_expires_on,
      leaves: [],
      recusals: [],
    });
  const leaves = await db
    .selectFrom('officer_leave')
    .select(['officer_id', 'from_on', 'to_on'])
    .where('officer_id', '=', anyOf(ids, 'bigint'))
    .where('from_on', '<=', input.to)
    .where('to_on', '>=', input.from)
    .execute();
  for (const l of leaves)
    (out.get(Number(l.officer_id))?.leaves as OfficerLeaveSpan[] | undefined)?.push({ fromOn: l.from_on, toOn: l.to_on });
  if (input.entityIds && input.entityIds.length === 0) return out;
  let rq = db
    .selectFrom('officer_recusal')
    .select(['officer_id', 'entity_id', 'withdrawn_on'])
    .where('officer_id', '=', anyOf(ids, 'bigint'))
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', input.from)]));
  if (input.entityIds) rq = rq.where('entity_id', '=', anyOf([...new Set(input.entityIds)], 'bigint'));
  for (const r of await rq.execute())
    (out.get(Number(r.officer_id))?.recusals as OfficerRecusalFact[] | undefined)?.push({
      entityId: Number(r.entity_id),
      withdrawnOn: r.withdrawn_on,
    });
  return out;
}

export const unitDayKey = (unit: string, day: string): string => `${unit}|${day}`;

/**
 * What the roster planner needs for one page of census obligations: the officers who may serve the
 * page's entities (of the entities' police stations, and of their brigades without a station), with
 * their availability facts and their load in the window, and the load of those units per day. The
 * loads come from the counters migration 0023 keeps by trigger, so a page reads rows of its own units
 * and officers only, never the window's inspections (issue 14 §3).
 */
export async function loadRosterContext(
  db: Db,
  input: {
    windowStart: string;
    windowEnd: string;
    entities: readonly { entityId: number; brigadeId: string; stationId: string | null }[];
    /** Officers to load whatever their unit (e.g. the officer a complaint is assigned to). */
    alsoOfficerIds?: readonly number[];
  },
): Promise<RosterContext> {
  const brigadeIds = [...new Set(input.entities.map((e) => e.brigadeId))];
  if (brigadeIds.length === 0) return { officers: [], officerLoad: new Map(), unitDayLoad: new Map() };
  return loadRosterUnits(db, {
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    stationIds: [...new Set(input.entities.flatMap((e) => (e.stationId ? [e.stationId] : [])))],
    brigadeIds,
    entityIds: input.entities.map((e) => e.entityId),
    alsoOfficerIds: input.alsoOfficerIds,
  });
}

/**
 * `loadRosterContext` by unit: the officers of these police stations and of these brigades without a
 * station (active, with a credential number), their availability facts in the window (recusals for
 * `entityIds` only: none when it is empty; `loadRecusals` adds them later), their load in the window
 * and the units' load per day. The reconcile loads each unit once per job this way and keeps the
 * loads itself as it rosters (`apps/worker/src/roster/roster-session.ts`).
 */
export async function loadRosterUnits(
  db: Db,
  input: {
    windowStart: string;
    windowEnd: string;
    stationIds: readonly string[];
    brigadeIds: readonly string[];
    entityIds: readonly number[];
    alsoOfficerIds?: readonly number[] | undefined;
  },
): Promise<RosterContext> {
  const { stationIds, brigadeIds } = input;
  if (brigadeIds.length === 0 && stationIds.length === 0 && !input.alsoOfficerIds?.length)
    return { officers: [], officerLoad: new Map(), unitDayLoad: new Map() };
  // Only officers who can ever be rostered are loaded (active, with a credential number); core's rule
  // decides the rest day by day.
  const officers = await db
    .selectFrom('officer')
    .select(['id', 'code', 'brigade_id', 'station_id'])
    .where('active', '=', true)
    .where('credential_no', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('station_id', '=', anyOf(stationIds, 'text')),
        eb.and([eb('station_id', 'is', null), eb('brigade_id', '=', anyOf(brigadeIds, 'text'))]),
        eb('id', '=', anyOf(input.alsoOfficerIds ?? [], 'bigint')),
      ]),
    )
    .orderBy('code')
    .execute();
  const officerIds = officers.map((o) => Number(o.id));
  const facts = await loadOfficerAvailability(db, {
    officerIds,
    from: input.windowStart,
    to: input.windowEnd,
    entityIds: input.entityIds,
  });
  const load = officerIds.length
    ? await db
        .selectFrom('roster_load_officer_day')
        .select(['officer_id', (eb) => eb.fn.sum<string>('n').as('n')])
        .where('officer_id', '=', anyOf(officerIds, 'bigint'))
        .where('day', '>=', input.windowStart)
        .where('day', '<=', input.windowEnd)
        .groupBy('officer_id')
        .execute()
    : [];
  const dayLoad = await db
    .selectFrom('roster_load_unit_day')
    .select(['unit', 'day', 'n'])
    .where('unit', '=', anyOf([...stationIds, ...brigadeIds], 'text'))
    .where('day', '>=', input.windowStart)
    .where('day', '<=', input.windowEnd)
    .where('n', '>', 0)
    .execute();
  return {
    officers: officers.map((o) => ({
      id: Number(o.id),
      code: o.code,
      brigadeId: o.brigade_id,
      stationId: o.station_id,
      availability: facts.get(Number(o.id))!,
    })),
    officerLoad: new Map(load.map((r) => [Number(r.officer_id), Number(r.n)])),
    unitDayLoad: new Map(dayLoad.map((r) => [unitDayKey(r.unit, r.day), r.n])),
  };
}

/**
 * The recusals of `entityIds` not withdrawn before `from`, by officer (any officer: a caller keeps
 * those of the officers it holds). What `loadOfficerAvailability` reads, for entities met later.
 */
export async function loadRecusals(
  db: Db,
  input: { entityIds: readonly number[]; from: string },
): Promise<Map<number, OfficerRecusalFact[]>> {
  const out = new Map<number, OfficerRecusalFact[]>();
  if (input.entityIds.length === 0) return out;
  const rows = await db
    .selectFrom('officer_recusal')
    .select(['officer_id', 'entity_id', 'withdrawn_on'])
    .where('entity_id', '=', anyOf([...new Set(input.entityIds)], 'bigint'))
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', input.from)]))
    .execute();
  for (const r of rows) {
    const id = Number(r.officer_id);
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push({ entityId: Number(r.entity_id), withdrawnOn: r.withdrawn_on });
  }
  return out;
}

/** The roster counters recomputed from the inspections (they are kept by trigger; this is the check). */
export async function rebuildRosterLoad(db: Db): Promise<void> {
  await sql`select roster_load_rebuild()`.execute(db);
}

export interface RosteredInspection {
  obligationId: number;
  entityId: number;
  regime: string;
  plannedOn: string;
  officerIds: readonly [number, number];
  /**
   * The entity's own unit (its police station, else its brigade) as the caller read it: stored as
   * `inspection.roster_unit`. Omitted, the `inspection_roster_unit` trigger looks it up row by row.
   */
  rosterUnit?: string | null;
}

/** Rostered inspections per statement: bounds one message; the statement's text never changes. */
const ROSTER_INSERT_BATCH = 5000;

/**
 * Creates each census inspection with its two officers: one statement per 5,000 rows, the inspections
 * and their officers together (a data-modifying CTE, so it is all or nothing without a transaction of
 * its own), the rows as one array per column (`unnest`: constant text and parameter count, issue 14
 * §2). The unique index on (obligation_id) for live census inspections makes a rerun insert nothing:
 * only the inspections actually created get officers. Returns how many were created. A row's
 * `rosterUnit`, when given, spares the per-row `inspection_roster_unit` trigger its lookup of the
 * entity (issue 14 §2: a fifth of the statement's per-row cost, bench/README.md).
 */
export async function insertRosteredInspections(db: Db, rows: readonly RosteredInspection[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += ROSTER_INSERT_BATCH) {
    const chunk = rows.slice(i, i + ROSTER_INSERT_BATCH);
    const res = await sql<{ n: number }>`
      with input as (
        select * from unnest(${chunk.map((r) => String(r.entityId))}::bigint[], ${chunk.map((r) => r.regime)}::text[],
          ${chunk.map((r) => r.plannedOn)}::date[], ${chunk.map((r) => String(r.obligationId))}::bigint[],
          ${chunk.map((r) => String(r.officerIds[0]))}::bigint[], ${chunk.map((r) => String(r.officerIds[1]))}::bigint[],
          ${chunk.map((r) => r.rosterUnit ?? null)}::text[])
          as t(entity_id, regime_code, planned_on, obligation_id, officer_a, officer_b, roster_unit)
      ),
      created as (
        insert into inspection (entity_id, regime_code, trigger, planned_on, obligation_id, roster_unit)
        select entity_id, regime_code, 'census', planned_on, obligation_id, roster_unit from input
        on conflict (obligation_id) where trigger = 'census' and status <> 'cancelled' do nothing
        returning id, obligation_id
      ),
      officers as (
        insert into inspection_officer (inspection_id, officer_id, assigned_by)
        select c.id, o.officer_id, 'roster'
        from created c join input x on x.obligation_id = c.obligation_id
        cross join lateral (values (x.officer_a, 1), (x.officer_b, 2)) o(officer_id, ord)
        order by c.obligation_id, o.ord
        returning 1
      )
      select count(*)::int as n from created`.execute(db);
    created += res.rows[0]!.n;
  }
  return created;
}

/**
 * Why an officer may not inspect an entity on a day (empty: they may): core's `officerUnavailability`
 * over the facts loaded here. Throws when the officer does not exist.
 */
export async function officerUnavailabilityOn(
  db: Db,
  input: { officerId: number; entityId: number; on: string },
): Promise<OfficerUnavailability[]> {
  const facts = await loadOfficerAvailability(db, {
    officerIds: [input.officerId],
    from: input.on,
    to: input.on,
    entityIds: [input.entityId],
  });
  const f = facts.get(input.officerId);
  if (!f) throw new Error(`no officer ${input.officerId}`);
  return officerUnavailability(f, { entityId: input.entityId, on: input.on });
}

/**
 * Puts `withOfficerId` on the inspection in place of `replacedOfficerId` and logs the override with
 * its reason, who and when (roster_override). The caller (the roster-change use-case) has checked
 * everything and holds the inspection row locked, in its transaction. Returns the log row's id.
 */
export async function swapRosterOfficer(
  trx: Transaction<DB>,
  input: { inspectionId: number; replacedOfficerId: number; withOfficerId: number; reason: string; byUserId: number },
): Promise<number> {
  await trx
    .updateTable('inspection_officer')
    .set({ officer_id: input.withOfficerId, assigned_by: 'override', assigned_at: sql<string>`now()` })
    .where('inspection_id', '=', input.inspectionId)
    .where('officer_id', '=', input.replacedOfficerId)
    .execute();
  const logged = await trx
    .insertInto('roster_override')
    .values({
      inspection_id: input.inspectionId,
      replaced_officer_id: input.replacedOfficerId,
      with_officer_id: input.withOfficerId,
      reason: input.reason,
      overridden_by: input.byUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(logged.id);
}

/** Manual roster overrides logged in [from, to] (dates, Asia/Shanghai), for the dashboard. */
export async function countRosterOverrides(db: Db, period: { from: string; to: string }): Promise<number> {
  const row = await db
    .selectFrom('roster_override')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(sql<string>`(overridden_at at time zone 'Asia/Shanghai')::date`, '>=', period.from)
    .where(sql<string>`(overridden_at at time zone 'Asia/Shanghai')::date`, '<=', period.to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface RosterRow {
  inspectionId: number;
  obligationId: number | null;
  entityId: number;
  plannedOn: string;
  officerIds: number[];
}

/** Census inspections planned in [from, to] with their officers (tests, dashboard drill-down). */
export async function listCensusRosters(db: Db, period: { from: string; to: string }): Promise<RosterRow[]> {
  const rows = await db
    .selectFrom('inspection as i')
    .innerJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
    .select(['i.id', 'i.obligation_id', 'i.entity_id', 'i.planned_on', 'io.officer_id'])
    .where('i.trigger', '=', 'census')
    .where('i.status', '<>', 'cancelled')
    .where('i.planned_on', '>=', period.from)
    .where('i.planned_on', '<=', period.to)
    .orderBy(['i.id', 'io.officer_id'])
    .execute();
  const out = new Map<number, RosterRow>();
  for (const r of rows) {
    const id = Number(r.id);
    let row = out.get(id);
    if (!row)
      out.set(
        id,
        (row = {
          inspectionId: id,
          obligationId: r.obligation_id == null ? null : Number(r.obligation_id),
          entityId: Number(r.entity_id),
          plannedOn: r.planned_on,
          officerIds: [],
        }),
      );
    row.officerIds.push(Number(r.officer_id));
  }
  return [...out.values()];
}
