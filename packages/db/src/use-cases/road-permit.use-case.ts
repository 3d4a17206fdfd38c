/**
 * R02 占道施工 (issue 13 §1): a scheduler enters an approved permit and its patrols are planned at once,
 * one per interval from the start (or today) to the end — never after it — each on the first day two
 * of the traffic brigade's officers are available (core `rankAvailableOfficers`: the availability rule,
 * least loaded first; seed 四（二）四 2 依托辖区交警大队对施工现场的日常监管). The officers find them in My tasks
 * and record them as any inspection (hazards → the rectification flow). Shortening the works cancels the
 * patrols after the new end, lengthening plans the new ones; closing cancels every patrol not done. An
 * officer on a patrol records 逾期施工 / 超面积围挡; the notice, stop-work order and referral to 建设/城管
 * are recorded on the permit. Every function checks scope on the stored permit and is audited once.
 */
import {
  ROAD_PERMIT_REGIME,
  can,
  checkPatrolFlag,
  checkPatrolInterval,
  checkRoadPermit,
  checkRoadPermitMeasure,
  compareIsoDates,
  isIsoDate,
  patrolSlots,
  patrolsToCancel,
  planPatrols,
  plusDays,
  rankAvailableOfficers,
  type IsoDate,
  type Permission,
  type RoadPermitInput,
  type RoadPermitMeasure,
} from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import {
  cancelInspections,
  insertPermitPatrol,
  insertRoadPermit,
  lockPermitPatrols,
} from '../repositories/road-permit.repository.js';
import { loadRosterContext } from '../repositories/roster.repository.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';

export type RoadPermitErrorCode =
  'PERMIT-BAD-INPUT' | 'PERMIT-NOT-FOUND' | 'PERMIT-DENIED' | 'PERMIT-NO-OFFICERS' | 'PERMIT-STATE';

/** A refusal: a code, the field it concerns and a reason code (the web app words it). */
export class RoadPermitError extends Error {
  override readonly name = 'RoadPermitError';
  constructor(
    readonly code: RoadPermitErrorCode,
    readonly field: string | null,
    readonly reason: string,
    /** The unstaffed patrol window, when that is the reason. */
    readonly slot: { from: string; to: string } | null = null,
  ) {
    super(`${code}${field ? ` ${field}` : ''}: ${reason}`);
  }
}

const refusal = (e: unknown) =>
  e instanceof RoadPermitError
    ? { denied: e.code === 'PERMIT-DENIED', code: e.code, details: { field: e.field, reason: e.reason } }
    : null;

type Trx = Transaction<DB>;

interface UnitRow {
  entityId: number;
  brigadeId: string;
  stationId: string | null;
}

function requireScope(actor: Actor, permission: Permission, unit: UnitRow, field: string | null): void {
  if (
    actor.principal !== null &&
    !can(actor.principal, permission, { regime: ROAD_PERMIT_REGIME, brigadeId: unit.brigadeId, stationId: unit.stationId })
  )
    throw new RoadPermitError('PERMIT-DENIED', field, 'out_of_scope');
}

/** Plans the patrols of [from, endsOn] and writes them; refuses (nothing stored) when a window has no officers. */
async function planAndInsertPatrols(
  trx: Trx,
  p: { permitId: number; unit: UnitRow; from: IsoDate; endsOn: IsoDate; everyDays: number },
): Promise<{ inspectionId: number; on: IsoDate; officerIds: number[] }[]> {
  const slots = patrolSlots(p.from, p.endsOn, p.everyDays);
  if (slots.length === 0) return [];
  const ctx = await loadRosterContext(trx, {
    windowStart: p.from,
    windowEnd: p.endsOn,
    entities: [{ entityId: p.unit.entityId, brigadeId: p.unit.brigadeId, stationId: null }],
  });
  // 四 2 依托辖区交警大队: the brigade's own officers (not a police station's) patrol the works.
  const pool = ctx.officers.filter((o) => !o.stationId && o.brigadeId === p.unit.brigadeId);
  const load = new Map(ctx.officerLoad);
  const plan = planPatrols(slots, (day, need) => {
    const ok = rankAvailableOfficers(pool, { entityId: p.unit.entityId, on: day, through: day }, (id) => load.get(id) ?? 0);
    if (ok.length < need) return null;
    const ids = ok.slice(0, need).map((o) => o.id);
    for (const id of ids) load.set(id, (load.get(id) ?? 0) + 1);
    return ids;
  });
  if (!plan.ok) throw new RoadPermitError('PERMIT-NO-OFFICERS', 'startsOn', 'no_patrol_officers', plan.unstaffed);
  const out: { inspectionId: number; on: IsoDate; officerIds: number[] }[] = [];
  for (const patrol of plan.patrols) {
    const inspectionId = await insertPermitPatrol(trx, {
      permitId: p.permitId,
      entityId: p.unit.entityId,
      plannedOn: patrol.on,
      officerIds: patrol.officerIds,
    });
    out.push({ inspectionId, on: patrol.on, officerIds: patrol.officerIds });
  }
  return out;
}

export interface RecordedRoadPermit {
  id: number;
  patrols: { inspectionId: number; on: IsoDate; officerIds: number[] }[];
}

/** Enters an approved permit and plans its patrols; nothing is stored when any part is refused. */
export async function recordRoadPermit(
  db: Kysely<DB>,
  actor: Actor,
  input: RoadPermitInput,
  today: IsoDate,
): Promise<RecordedRoadPermit> {
  return runAudited(
    db,
    actor,
    'permit.record',
    { type: 'road_permit', id: null },
    { entity: input.entityCode, startsOn: input.startsOn, endsOn: input.endsOn, patrolEveryDays: input.patrolEveryDays },
    async (trx) => {
      const errors = checkRoadPermit(input, today);
      if (errors.length > 0) throw new RoadPermitError('PERMIT-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      const entity = await trx
        .selectFrom('entity')
        .select(['id', 'regime_code', 'brigade_id', 'station_id', 'status'])
        .where('code', '=', input.entityCode.trim())
        .executeTakeFirst();
      if (!entity || entity.status !== 'active') throw new RoadPermitError('PERMIT-NOT-FOUND', 'entityCode', 'entity_not_found');
      if (entity.regime_code !== ROAD_PERMIT_REGIME)
        throw new RoadPermitError('PERMIT-BAD-INPUT', 'entityCode', 'entity_not_of_regime');
      const unit = { entityId: Number(entity.id), brigadeId: entity.brigade_id, stationId: entity.station_id };
      // Scope on what is written: the construction unit's brigade and station.
      requireScope(actor, 'permits.manage', unit, 'entityCode');
      const id = await insertRoadPermit(trx, {
        entityId: unit.entityId,
        approvalNo: input.approvalNo.trim(),
        plan: input.plan.trim(),
        location: input.location.trim(),
        areaSqm: input.areaSqm,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        patrolEveryDays: input.patrolEveryDays,
        createdBy: actor.id,
      });
      const from = compareIsoDates(input.startsOn, today) >= 0 ? input.startsOn : today;
      const patrols = await planAndInsertPatrols(trx, {
        permitId: id,
        unit,
        from,
        endsOn: input.endsOn,
        everyDays: input.patrolEveryDays,
      });
      return {
        result: { id, patrols },
        entityId: id,
        after: { patrols: patrols.map((p) => ({ inspectionId: p.inspectionId, on: p.on })) },
      };
    },
    refusal,
  );
}

/** Locks the permit and checks the actor's scope on it as stored. */
async function lockPermit(trx: Trx, actor: Actor, permitId: number, permission: Permission) {
  const row = await trx
    .selectFrom('road_permit as p')
    .innerJoin('entity as e', 'e.id', 'p.entity_id')
    .select([
      'p.id',
      'p.entity_id',
      'p.status',
      'p.starts_on',
      'p.ends_on',
      'p.patrol_every_days',
      'e.brigade_id',
      'e.station_id',
    ])
    .where('p.id', '=', permitId)
    .forUpdate('p')
    .executeTakeFirst();
  if (!row) throw new RoadPermitError('PERMIT-NOT-FOUND', 'permitId', 'permit_not_found');
  const unit = { entityId: Number(row.entity_id), brigadeId: row.brigade_id, stationId: row.station_id };
  requireScope(actor, permission, unit, null);
  return { ...row, unit };
}

export interface ChangedRoadPermit {
  cancelled: number[];
  added: { inspectionId: number; on: IsoDate; officerIds: number[] }[];
}

/**
 * Moves the works' end day (and optionally the patrol interval going forward): a shorter span cancels the
 * patrols after the new end; a longer one plans patrols for the added days. An end before today is refused.
 */
export async function changeRoadPermitEnd(
  db: Kysely<DB>,
  actor: Actor,
  input: { permitId: number; endsOn: string; reason: string },
  today: IsoDate,
): Promise<ChangedRoadPermit> {
  return runAudited(
    db,
    actor,
    'permit.change',
    { type: 'road_permit', id: input.permitId },
    { endsOn: input.endsOn, reason: input.reason },
    async (trx) => {
      const p = await lockPermit(trx, actor, input.permitId, 'permits.manage');
      if (p.status !== 'open') throw new RoadPermitError('PERMIT-STATE', 'endsOn', 'permit_closed');
      if (!isIsoDate(input.endsOn)) throw new RoadPermitError('PERMIT-BAD-INPUT', 'endsOn', 'bad_date');
      if (compareIsoDates(input.endsOn, p.starts_on) < 0)
        throw new RoadPermitError('PERMIT-BAD-INPUT', 'endsOn', 'ends_before_start');
      if (compareIsoDates(input.endsOn, today) < 0) throw new RoadPermitError('PERMIT-BAD-INPUT', 'endsOn', 'already_ended');
      if (input.reason.trim() === '') throw new RoadPermitError('PERMIT-BAD-INPUT', 'reason', 'required');
      if (input.endsOn === p.ends_on) throw new RoadPermitError('PERMIT-BAD-INPUT', 'endsOn', 'unchanged');
      const patrols = await lockPermitPatrols(trx, input.permitId);
      const cancelled = patrolsToCancel(patrols, { newEndsOn: input.endsOn });
      await cancelInspections(trx, cancelled);
      let added: ChangedRoadPermit['added'] = [];
      if (compareIsoDates(input.endsOn, p.ends_on) > 0) {
        const dayAfter = plusDays(p.ends_on, 1);
        const from = compareIsoDates(dayAfter, today) >= 0 ? dayAfter : today;
        if (!checkPatrolInterval(p.patrol_every_days)) throw new RoadPermitError('PERMIT-STATE', null, 'bad_interval');
        added = await planAndInsertPatrols(trx, {
          permitId: input.permitId,
          unit: p.unit,
          from,
          endsOn: input.endsOn,
          everyDays: p.patrol_every_days,
        });
      }
      await trx.updateTable('road_permit').set({ ends_on: input.endsOn }).where('id', '=', input.permitId).execute();
      return {
        result: { cancelled, added },
        before: { endsOn: p.ends_on },
        after: { endsOn: input.endsOn, cancelled, added: added.map((a) => a.inspectionId) },
      };
    },
    refusal,
  );
}

/** Closes the permit (works finished, or revoked) and cancels every patrol not yet done. */
export async function closeRoadPermit(
  db: Kysely<DB>,
  actor: Actor,
  input: { permitId: number; reason: string },
  today: IsoDate,
): Promise<{ cancelled: number[] }> {
  return runAudited(
    db,
    actor,
    'permit.close',
    { type: 'road_permit', id: input.permitId },
    { reason: input.reason },
    async (trx) => {
      const p = await lockPermit(trx, actor, input.permitId, 'permits.manage');
      if (p.status !== 'open') throw new RoadPermitError('PERMIT-STATE', null, 'permit_closed');
      if (input.reason.trim() === '') throw new RoadPermitError('PERMIT-BAD-INPUT', 'reason', 'required');
      const cancelled = patrolsToCancel(await lockPermitPatrols(trx, input.permitId), { close: true });
      await cancelInspections(trx, cancelled);
      await trx
        .updateTable('road_permit')
        .set({ status: 'closed', closed_on: today, close_reason: input.reason.trim(), closed_by: actor.id })
        .where('id', '=', input.permitId)
        .execute();
      return { result: { cancelled }, after: { status: 'closed', cancelled } };
    },
    refusal,
  );
}

/** An officer on a patrol records 逾期施工 or 超面积围挡 (二 3) seen on site. */
export async function recordPatrolFlag(
  db: Kysely<DB>,
  actor: Actor,
  input: { permitId: number; inspectionId: number; kind: string; note: string },
  today: IsoDate,
): Promise<{ id: number }> {
  return runAudited(
    db,
    actor,
    'permit.flag',
    { type: 'road_permit', id: input.permitId },
    { inspectionId: input.inspectionId, kind: input.kind },
    async (trx) => {
      await lockPermit(trx, actor, input.permitId, 'permits.patrol');
      const patrol = await trx
        .selectFrom('road_permit_patrol as rp')
        .innerJoin('inspection as i', 'i.id', 'rp.inspection_id')
        .select(['i.id', 'i.planned_on', 'i.status'])
        .where('rp.permit_id', '=', input.permitId)
        .where('rp.inspection_id', '=', input.inspectionId)
        .executeTakeFirst();
      if (!patrol) throw new RoadPermitError('PERMIT-NOT-FOUND', 'inspectionId', 'patrol_not_found');
      if (patrol.status === 'cancelled') throw new RoadPermitError('PERMIT-STATE', 'inspectionId', 'patrol_cancelled');
      if (actor.id !== null) {
        const onPatrol = await trx
          .selectFrom('inspection_officer as io')
          .innerJoin('app_user as u', 'u.officer_id', 'io.officer_id')
          .select('io.officer_id')
          .where('io.inspection_id', '=', input.inspectionId)
          .where('u.id', '=', actor.id)
          .executeTakeFirst();
        if (!onPatrol) throw new RoadPermitError('PERMIT-DENIED', 'inspectionId', 'not_on_patrol');
      }
      const why = checkPatrolFlag({ kind: input.kind, note: input.note, patrolPlannedOn: patrol.planned_on, today });
      if (why)
        throw new RoadPermitError(
          'PERMIT-BAD-INPUT',
          why === 'note_required' ? 'note' : why === 'bad_kind' ? 'kind' : 'inspectionId',
          why,
        );
      const { id } = await trx
        .insertInto('road_permit_flag')
        .values({
          permit_id: input.permitId,
          inspection_id: input.inspectionId,
          kind: input.kind,
          note: input.note.trim(),
          recorded_on: today,
          recorded_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { result: { id: Number(id) }, after: { flag: input.kind, inspectionId: input.inspectionId } };
    },
    refusal,
  );
}

/** 六、监督检查处理: the notice, the stop-work order or the referral to 建设/城管, who and when. */
export async function recordPermitMeasure(
  db: Kysely<DB>,
  actor: Actor,
  input: { permitId: number; kind: string; referredTo?: string | null; serious?: boolean; note: string },
  today: IsoDate,
): Promise<{ id: number }> {
  return runAudited(
    db,
    actor,
    'permit.measure',
    { type: 'road_permit', id: input.permitId },
    { kind: input.kind, referredTo: input.referredTo ?? null, serious: !!input.serious },
    async (trx) => {
      await lockPermit(trx, actor, input.permitId, 'permits.measure');
      const earlier = await trx
        .selectFrom('road_permit_measure')
        .select('kind')
        .where('permit_id', '=', input.permitId)
        .execute();
      const why = checkRoadPermitMeasure(
        input,
        earlier.map((m) => m.kind as RoadPermitMeasure),
      );
      if (why) throw new RoadPermitError('PERMIT-BAD-INPUT', why.field, why.code);
      const { id } = await trx
        .insertInto('road_permit_measure')
        .values({
          permit_id: input.permitId,
          kind: input.kind,
          referred_to: input.kind === 'referral' ? (input.referredTo ?? null) : null,
          serious: !!input.serious,
          note: input.note.trim(),
          taken_on: today,
          recorded_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { result: { id: Number(id) }, after: { measure: input.kind, referredTo: input.referredTo ?? null } };
    },
    refusal,
  );
}
