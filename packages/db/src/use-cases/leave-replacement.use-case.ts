/**
 * Leave entered for an officer (issue 9 §2): every open task of theirs in the leave (a planned
 * inspection dated within it) gets a replacement offered — an officer of the entity's responsible
 * unit, available that day by core's rule, not already on the inspection, the least loaded in the
 * window first (ties by police number) — and the scheduler confirms them all in one action.
 *
 * The confirmation is one transaction: each change goes through the roster-change use-case's checks;
 * if any is refused, none is made, and the refusal is audited with every reason. On success each
 * change has its roster_override row and `roster.change` audit entry, plus one `roster.leave_replacement`
 * entry naming them all.
 */
import { can, officerServesEntity, officerUnavailability } from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { loadOfficerAvailability } from '../repositories/roster.repository.js';
import { auditActor, type Actor } from './actor.js';
import {
  changeRosterInTransaction,
  rosterChangeAudit,
  type RosterChangeInput,
  type RosterChangeResult,
  type RosterRefusal,
} from './roster-change.use-case.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LeaveReplacementCandidate {
  code: string;
  name: string;
  /** Live inspections the officer already has in the leave window. */
  load: number;
}

export interface LeaveReplacementTask {
  inspectionId: number;
  plannedOn: string;
  regime: string;
  trigger: string;
  entityCode: string;
  entityName: string;
  /** The other officer(s) on the inspection. */
  partners: string[];
  /** Who may take it, best first; empty when no one in the unit is available. */
  candidates: LeaveReplacementCandidate[];
  /** The offer: the first candidate after spreading the load over the tasks, or null. */
  proposed: string | null;
}

export interface LeaveReplacementOffer {
  officer: { id: number; code: string; name: string };
  leave: { id: number; fromOn: string; toOn: string; reason: string };
  tasks: LeaveReplacementTask[];
}

export type LeaveOfferResult = ({ ok: true } & LeaveReplacementOffer) | { ok: false; code: 'LEAVE_NOT_FOUND' | 'OUT_OF_SCOPE' };

async function findLeave(db: Db, officerCode: string, leaveId: number) {
  return db
    .selectFrom('officer_leave as l')
    .innerJoin('officer as o', 'o.id', 'l.officer_id')
    .select([
      'l.id',
      'l.from_on',
      'l.to_on',
      'l.reason',
      'o.id as officer_id',
      'o.code',
      'o.name',
      'o.brigade_id',
      'o.station_id',
    ])
    .where('l.id', '=', leaveId)
    .where('o.code', '=', officerCode)
    .executeTakeFirst();
}

const inScope = (actor: Actor, r: { regime?: string; brigadeId: string | null; stationId: string | null }) =>
  actor.principal === null || can(actor.principal, 'roster.manage', r);

/** The officer's open tasks in the leave, within the actor's scope, with the replacements offered. */
async function buildOffer(
  db: Db,
  actor: Actor,
  leave: NonNullable<Awaited<ReturnType<typeof findLeave>>>,
): Promise<LeaveReplacementTask[]> {
  const rows = await db
    .selectFrom('inspection as i')
    .innerJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .select([
      'i.id',
      'i.planned_on',
      'i.regime_code',
      'i.trigger',
      'i.entity_id',
      'e.code',
      'e.name',
      'e.brigade_id',
      'e.station_id',
    ])
    .where('io.officer_id', '=', leave.officer_id)
    .where('i.status', '=', 'planned')
    .where('i.planned_on', '>=', leave.from_on)
    .where('i.planned_on', '<=', leave.to_on)
    .orderBy('i.planned_on')
    .orderBy('i.id')
    .execute();
  const tasks = rows.filter((r) => inScope(actor, { regime: r.regime_code, brigadeId: r.brigade_id, stationId: r.station_id }));
  if (tasks.length === 0) return [];

  const rosters = await db
    .selectFrom('inspection_officer as io')
    .innerJoin('officer as o', 'o.id', 'io.officer_id')
    .select(['io.inspection_id', 'o.id', 'o.code'])
    .where(
      'io.inspection_id',
      'in',
      tasks.map((t) => t.id),
    )
    .execute();
  const brigades = [...new Set(tasks.map((t) => t.brigade_id))];
  const stations = [...new Set(tasks.flatMap((t) => (t.station_id ? [t.station_id] : [])))];
  const pool = await db
    .selectFrom('officer')
    .select(['id', 'code', 'name', 'brigade_id', 'station_id'])
    .where('active', '=', true)
    .where('credential_no', 'is not', null)
    .where((eb) => eb.or([eb('brigade_id', 'in', brigades), ...(stations.length > 0 ? [eb('station_id', 'in', stations)] : [])]))
    .where('id', '<>', leave.officer_id)
    .orderBy('code')
    .execute();
  const facts = await loadOfficerAvailability(db, {
    officerIds: pool.map((o) => Number(o.id)),
    from: leave.from_on,
    to: leave.to_on,
    entityIds: tasks.map((t) => Number(t.entity_id)),
  });
  const loadRows =
    pool.length === 0
      ? []
      : await db
          .selectFrom('inspection_officer as io')
          .innerJoin('inspection as i', 'i.id', 'io.inspection_id')
          .select(['io.officer_id', (eb) => eb.fn.countAll<string>().as('n')])
          .where(
            'io.officer_id',
            'in',
            pool.map((o) => o.id),
          )
          .where('i.status', '<>', 'cancelled')
          .where('i.planned_on', '>=', leave.from_on)
          .where('i.planned_on', '<=', leave.to_on)
          .groupBy('io.officer_id')
          .execute();
  const load = new Map(loadRows.map((r) => [Number(r.officer_id), Number(r.n)]));
  const proposedLoad = new Map(load);

  return tasks.map((t) => {
    const onIt = rosters.filter((r) => Number(r.inspection_id) === Number(t.id));
    const onIds = new Set(onIt.map((r) => Number(r.id)));
    const entity = { brigadeId: t.brigade_id, stationId: t.station_id };
    const ok = pool.filter(
      (o) =>
        !onIds.has(Number(o.id)) &&
        officerServesEntity({ brigadeId: o.brigade_id, stationId: o.station_id }, entity) &&
        officerUnavailability(facts.get(Number(o.id))!, { entityId: Number(t.entity_id), on: t.planned_on }).length === 0,
    );
    const byLoad = (m: Map<number, number>) => (a: { id: number; code: string }, b: { id: number; code: string }) =>
      (m.get(Number(a.id)) ?? 0) - (m.get(Number(b.id)) ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    const candidates = [...ok].sort(byLoad(load));
    const pick = [...ok].sort(byLoad(proposedLoad))[0];
    if (pick) proposedLoad.set(Number(pick.id), (proposedLoad.get(Number(pick.id)) ?? 0) + 1);
    return {
      inspectionId: Number(t.id),
      plannedOn: t.planned_on,
      regime: t.regime_code,
      trigger: t.trigger,
      entityCode: t.code,
      entityName: t.name,
      partners: onIt.filter((r) => Number(r.id) !== Number(leave.officer_id)).map((r) => r.code),
      candidates: candidates.map((o) => ({ code: o.code, name: o.name, load: load.get(Number(o.id)) ?? 0 })),
      proposed: pick?.code ?? null,
    };
  });
}

/** The replacements offered for one leave of one officer (read only). */
export async function leaveReplacementOffer(
  db: Kysely<DB>,
  actor: Actor,
  input: { officerCode: string; leaveId: number },
): Promise<LeaveOfferResult> {
  const leave = await findLeave(db, input.officerCode, input.leaveId);
  if (!leave) return { ok: false, code: 'LEAVE_NOT_FOUND' };
  if (!inScope(actor, { brigadeId: leave.brigade_id, stationId: leave.station_id })) return { ok: false, code: 'OUT_OF_SCOPE' };
  return {
    ok: true,
    officer: { id: Number(leave.officer_id), code: leave.code, name: leave.name },
    leave: { id: Number(leave.id), fromOn: leave.from_on, toOn: leave.to_on, reason: leave.reason },
    tasks: await buildOffer(db, actor, leave),
  };
}

export interface LeaveReplacementChoice {
  inspectionId: number;
  withOfficerCode: string;
}

export type LeaveConfirmResult =
  | { ok: true; changed: { inspectionId: number; withOfficerCode: string; officerCodes: string[] }[] }
  | { ok: false; code: 'LEAVE_NOT_FOUND' | 'OUT_OF_SCOPE' | 'REASON_REQUIRED' | 'NOTHING_TO_REPLACE' }
  | {
      ok: false;
      code: 'CHOICE_MISSING' | 'CHANGE_REFUSED';
      /** Per task: the inspection and why it could not be changed. */
      problems: { inspectionId: number; refusal: RosterRefusal | { ok: false; code: 'CHOICE_MISSING' } }[];
    };

class Rollback extends Error {
  constructor(readonly result: LeaveConfirmResult) {
    super('rollback');
  }
}

/**
 * Confirms a replacement for every open task of the officer in the leave, in one transaction. A task
 * without a choice, or any change refused, refuses the whole confirmation (nothing is changed) and
 * the refusal is audited with every problem.
 */
export async function confirmLeaveReplacements(
  db: Kysely<DB>,
  actor: Actor,
  input: { officerCode: string; leaveId: number; reason: string; choices: readonly LeaveReplacementChoice[] },
): Promise<LeaveConfirmResult> {
  const reason = input.reason.trim();
  const refuse = async (result: Exclude<LeaveConfirmResult, { ok: true }>, outcome: 'denied' | 'failure' = 'failure') => {
    await recordAudit(db, {
      ...auditActor(actor),
      action: 'roster.leave_replacement',
      outcome,
      reason: result.code.toLowerCase(),
      entityType: 'officer_leave',
      entityId: input.leaveId,
      details: {
        via: actor.via,
        officer: input.officerCode,
        reason,
        choices: input.choices,
        ...('problems' in result ? { problems: result.problems } : {}),
      },
    });
    return result;
  };
  if (reason === '') return refuse({ ok: false, code: 'REASON_REQUIRED' });
  try {
    return await db.transaction().execute(async (trx) => {
      const leave = await findLeave(trx, input.officerCode, input.leaveId);
      if (!leave) throw new Rollback({ ok: false, code: 'LEAVE_NOT_FOUND' });
      if (!inScope(actor, { brigadeId: leave.brigade_id, stationId: leave.station_id }))
        throw new Rollback({ ok: false, code: 'OUT_OF_SCOPE' });
      const tasks = await buildOffer(trx, actor, leave);
      if (tasks.length === 0) throw new Rollback({ ok: false, code: 'NOTHING_TO_REPLACE' });
      const chosen = new Map(input.choices.map((c) => [c.inspectionId, c.withOfficerCode.trim()]));
      const missing = tasks.filter((t) => !chosen.get(t.inspectionId));
      if (missing.length > 0)
        throw new Rollback({
          ok: false,
          code: 'CHOICE_MISSING',
          problems: missing.map((t) => ({ inspectionId: t.inspectionId, refusal: { ok: false, code: 'CHOICE_MISSING' } })),
        });
      const problems: { inspectionId: number; refusal: RosterRefusal }[] = [];
      const done: { input: RosterChangeInput; result: Extract<RosterChangeResult, { ok: true }> }[] = [];
      for (const t of tasks) {
        const change: RosterChangeInput = {
          inspectionId: t.inspectionId,
          replaceOfficerCode: leave.code,
          withOfficerCode: chosen.get(t.inspectionId)!,
          reason,
        };
        const result = await changeRosterInTransaction(trx, actor, change);
        if (result.ok) done.push({ input: change, result });
        else problems.push({ inspectionId: t.inspectionId, refusal: result });
      }
      if (problems.length > 0) throw new Rollback({ ok: false, code: 'CHANGE_REFUSED', problems });
      for (const d of done) await recordAudit(trx, rosterChangeAudit(actor, d.input, d.result, { leaveId: Number(leave.id) }));
      const changed = done.map((d) => ({
        inspectionId: d.input.inspectionId,
        withOfficerCode: d.input.withOfficerCode,
        officerCodes: d.result.officerCodes,
      }));
      await recordAudit(trx, {
        ...auditActor(actor),
        action: 'roster.leave_replacement',
        entityType: 'officer_leave',
        entityId: Number(leave.id),
        before: { officer: leave.code, fromOn: leave.from_on, toOn: leave.to_on },
        after: { changed },
        details: { via: actor.via, reason },
      });
      return { ok: true as const, changed };
    });
  } catch (e) {
    if (e instanceof Rollback)
      return refuse(
        e.result as Exclude<LeaveConfirmResult, { ok: true }>,
        e.result.ok === false && e.result.code === 'OUT_OF_SCOPE' ? 'denied' : 'failure',
      );
    throw e;
  }
}
