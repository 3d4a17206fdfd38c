import { type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * R02 road-occupation permits (issue 13 §1): the permit, its patrols (inspections), the flags and the
 * measures. The use-case (`use-cases/road-permit.use-case.ts`) checks, plans and audits; this file only
 * reads and writes rows.
 */
type Db = Kysely<DB> | Transaction<DB>;

/** Which units' permits a reader sees: all, or those of the listed brigades / stations. */
export type UnitScope = { all: true } | { all: false; brigadeIds: readonly string[]; stationIds: readonly string[] };

export interface PermitPatrolRow {
  inspectionId: number;
  plannedOn: string;
  status: string;
  officers: { id: number; code: string; name: string }[];
}

export interface PermitFlagRow {
  id: number;
  inspectionId: number;
  kind: string;
  note: string;
  recordedOn: string;
  recordedBy: string | null;
}

export interface PermitMeasureRow {
  id: number;
  kind: string;
  referredTo: string | null;
  serious: boolean;
  note: string;
  takenOn: string;
  recordedBy: string | null;
}

export interface RoadPermitRow {
  id: number;
  entity: { id: number; code: string; name: string; brigadeId: string; stationId: string | null };
  approvalNo: string;
  plan: string;
  location: string;
  areaSqm: string;
  startsOn: string;
  endsOn: string;
  patrolEveryDays: number;
  status: string;
  closedOn: string | null;
  closeReason: string | null;
  /** Kinds recorded by inspectors (core `roadPermitFlags` adds 逾期施工 by date). */
  recordedFlags: string[];
  patrolsPlanned: number;
  nextPatrolOn: string | null;
}

export interface RoadPermitDetail extends RoadPermitRow {
  patrols: PermitPatrolRow[];
  flags: PermitFlagRow[];
  measures: PermitMeasureRow[];
}

const base = (db: Db) =>
  db
    .selectFrom('road_permit as p')
    .innerJoin('entity as e', 'e.id', 'p.entity_id')
    .select((eb) => [
      'p.id',
      'e.id as entityId',
      'e.code as entityCode',
      'e.name as entityName',
      'e.brigade_id',
      'e.station_id',
      'p.approval_no',
      'p.plan',
      'p.location',
      'p.area_sqm',
      'p.starts_on',
      'p.ends_on',
      'p.patrol_every_days',
      'p.status',
      'p.closed_on',
      'p.close_reason',
      eb
        .selectFrom('road_permit_flag as f')
        .select((f) => f.fn.agg<string[]>('array_agg', ['f.kind']).distinct().as('k'))
        .whereRef('f.permit_id', '=', 'p.id')
        .as('recordedFlags'),
      eb
        .selectFrom('road_permit_patrol as rp')
        .innerJoin('inspection as i', 'i.id', 'rp.inspection_id')
        .select((f) => f.fn.countAll<string>().as('n'))
        .whereRef('rp.permit_id', '=', 'p.id')
        .where('i.status', '=', 'planned')
        .as('patrolsPlanned'),
      eb
        .selectFrom('road_permit_patrol as rp')
        .innerJoin('inspection as i', 'i.id', 'rp.inspection_id')
        .select((f) => f.fn.min('i.planned_on').as('d'))
        .whereRef('rp.permit_id', '=', 'p.id')
        .where('i.status', '=', 'planned')
        .as('nextPatrolOn'),
    ]);

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const toRow = (r: BaseRow): RoadPermitRow => ({
  id: Number(r.id),
  entity: { id: Number(r.entityId), code: r.entityCode, name: r.entityName, brigadeId: r.brigade_id, stationId: r.station_id },
  approvalNo: r.approval_no,
  plan: r.plan,
  location: r.location,
  areaSqm: String(r.area_sqm),
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  patrolEveryDays: r.patrol_every_days,
  status: r.status,
  closedOn: r.closed_on,
  closeReason: r.close_reason,
  recordedFlags: [...(r.recordedFlags ?? [])].sort(),
  patrolsPlanned: Number(r.patrolsPlanned ?? 0),
  nextPatrolOn: (r.nextPatrolOn as string | null) ?? null,
});

/** The permits of the reader's units, open first, then by end day, at most `limit`. */
export async function listRoadPermits(db: Db, p: { scope: UnitScope; limit?: number }): Promise<RoadPermitRow[]> {
  let q = base(db);
  if (!p.scope.all) {
    const { brigadeIds, stationIds } = p.scope;
    if (brigadeIds.length === 0 && stationIds.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(brigadeIds.length ? [eb('e.brigade_id', 'in', brigadeIds)] : []),
        ...(stationIds.length ? [eb('e.station_id', 'in', stationIds)] : []),
      ]),
    );
  }
  const rows = await q
    .where('e.regime_code', '=', 'R02')
    .orderBy('p.status', 'desc')
    .orderBy('p.ends_on')
    .orderBy('p.id')
    .limit(p.limit ?? 500)
    .execute();
  return rows.map(toRow);
}

export async function findRoadPermit(db: Db, id: number): Promise<RoadPermitDetail | undefined> {
  const r = await base(db).where('p.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const patrols = await db
    .selectFrom('road_permit_patrol as rp')
    .innerJoin('inspection as i', 'i.id', 'rp.inspection_id')
    .select(['i.id', 'i.planned_on', 'i.status'])
    .where('rp.permit_id', '=', id)
    .orderBy('i.planned_on')
    .orderBy('i.id')
    .execute();
  const officers = patrols.length
    ? await db
        .selectFrom('inspection_officer as io')
        .innerJoin('officer as o', 'o.id', 'io.officer_id')
        .select(['io.inspection_id', 'o.id', 'o.code', 'o.name'])
        .where(
          'io.inspection_id',
          'in',
          patrols.map((p) => p.id),
        )
        .orderBy('o.code')
        .execute()
    : [];
  const flags = await db
    .selectFrom('road_permit_flag as f')
    .leftJoin('app_user as u', 'u.id', 'f.recorded_by')
    .select(['f.id', 'f.inspection_id', 'f.kind', 'f.note', 'f.recorded_on', 'u.display_name'])
    .where('f.permit_id', '=', id)
    .orderBy('f.id')
    .execute();
  const measures = await db
    .selectFrom('road_permit_measure as m')
    .leftJoin('app_user as u', 'u.id', 'm.recorded_by')
    .select(['m.id', 'm.kind', 'm.referred_to', 'm.serious', 'm.note', 'm.taken_on', 'u.display_name'])
    .where('m.permit_id', '=', id)
    .orderBy('m.id')
    .execute();
  return {
    ...toRow(r),
    patrols: patrols.map((p) => ({
      inspectionId: Number(p.id),
      plannedOn: p.planned_on,
      status: p.status,
      officers: officers
        .filter((o) => Number(o.inspection_id) === Number(p.id))
        .map((o) => ({ id: Number(o.id), code: o.code, name: o.name })),
    })),
    flags: flags.map((f) => ({
      id: Number(f.id),
      inspectionId: Number(f.inspection_id),
      kind: f.kind,
      note: f.note,
      recordedOn: f.recorded_on,
      recordedBy: f.display_name,
    })),
    measures: measures.map((m) => ({
      id: Number(m.id),
      kind: m.kind,
      referredTo: m.referred_to,
      serious: m.serious,
      note: m.note,
      takenOn: m.taken_on,
      recordedBy: m.display_name,
    })),
  };
}

export async function insertRoadPermit(
  trx: Transaction<DB>,
  v: {
    entityId: number;
    approvalNo: string;
    plan: string;
    location: string;
    areaSqm: number;
    startsOn: string;
    endsOn: string;
    patrolEveryDays: number;
    createdBy: number | null;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('road_permit')
    .values({
      entity_id: v.entityId,
      approval_no: v.approvalNo,
      plan: v.plan,
      location: v.location,
      area_sqm: String(v.areaSqm),
      starts_on: v.startsOn,
      ends_on: v.endsOn,
      patrol_every_days: v.patrolEveryDays,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** One patrol of a permit: an inspection with trigger 'patrol' and its officers, linked to the permit. */
export async function insertPermitPatrol(
  trx: Transaction<DB>,
  v: { permitId: number; entityId: number; plannedOn: string; officerIds: readonly number[] },
): Promise<number> {
  const { id } = await trx
    .insertInto('inspection')
    .values({ entity_id: v.entityId, regime_code: 'R02', trigger: 'patrol', planned_on: v.plannedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('inspection_officer')
    .values(v.officerIds.map((officer_id) => ({ inspection_id: id, officer_id, assigned_by: 'roster' })))
    .execute();
  await trx.insertInto('road_permit_patrol').values({ inspection_id: id, permit_id: v.permitId }).execute();
  return Number(id);
}

/** The permit's patrols as stored, locked (a change of the permit decides from them what to cancel). */
export async function lockPermitPatrols(
  trx: Transaction<DB>,
  permitId: number,
): Promise<{ inspectionId: number; plannedOn: string; status: string; started: boolean }[]> {
  const rows = await trx
    .selectFrom('road_permit_patrol as rp')
    .innerJoin('inspection as i', 'i.id', 'rp.inspection_id')
    .select(['i.id', 'i.planned_on', 'i.status', 'i.started_at'])
    .where('rp.permit_id', '=', permitId)
    .orderBy('i.planned_on')
    .forUpdate('i')
    .execute();
  return rows.map((r) => ({
    inspectionId: Number(r.id),
    plannedOn: r.planned_on,
    status: r.status,
    started: r.started_at !== null,
  }));
}

export async function cancelInspections(trx: Transaction<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('inspection')
    .set({ status: 'cancelled' })
    .where('id', 'in', ids)
    .where('status', '=', 'planned')
    .execute();
}
