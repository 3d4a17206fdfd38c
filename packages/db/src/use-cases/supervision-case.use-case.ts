/**
 * Cases (案件, issue 13 §5). An officer records an incident of R11–R13 (what, where, when, which unit,
 * how it was found: core `checkIncident`); the scheduler opens the case's inspection (the lead officer
 * and a partner, as a complaint's) and closes the case with a conclusion once the inspection is done
 * and no notice is open (core `caseClosingRefusal`). A complaint's case is opened by the complaints
 * use-case with its inspection. Rectification and penalty run on the inspection's case file
 * (rectification / penalty use-cases) and are read back here through the inspection.
 */
import {
  caseClosingRefusal,
  caseInspectionTrigger,
  can,
  checkIncident,
  compareIsoDates,
  isIsoDate,
  type IncidentInput,
  type IncidentMethod,
  type IsoDate,
} from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { nextCaseNumber } from '../repositories/supervision-case.repository.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';
import { insertPairedInspection } from './paired-inspection.js';

export type CaseErrorCode = 'CASE-BAD-INPUT' | 'CASE-NOT-FOUND' | 'CASE-DENIED' | 'CASE-STATE';

export class CaseError extends Error {
  override readonly name = 'CaseError';
  constructor(
    readonly code: CaseErrorCode,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${code}${field ? ` ${field}` : ''}: ${reason}`);
  }
}

const refusal = (e: unknown) =>
  e instanceof CaseError
    ? { denied: e.code === 'CASE-DENIED', code: e.code, details: { field: e.field, reason: e.reason } }
    : null;

type Trx = Transaction<DB>;

/** An officer records an incident; the case is opened at once. */
export async function recordIncident(
  db: Kysely<DB>,
  actor: Actor,
  input: IncidentInput,
  today: IsoDate,
): Promise<{ id: number; number: string }> {
  return runAudited(
    db,
    actor,
    'case.incident.record',
    { type: 'supervision_case', id: null },
    { regime: input.regime, method: input.method, entity: input.entityCode },
    async (trx) => {
      const errors = checkIncident(input, today);
      if (errors.length > 0) throw new CaseError('CASE-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      if (actor.principal !== null && !can(actor.principal, 'incidents.record', { regime: input.regime }))
        throw new CaseError('CASE-DENIED', 'regime', 'out_of_scope');
      const entity = await trx
        .selectFrom('entity')
        .select(['id', 'regime_code', 'brigade_id', 'station_id', 'status'])
        .where('code', '=', input.entityCode.trim())
        .executeTakeFirst();
      if (!entity || entity.status !== 'active') throw new CaseError('CASE-BAD-INPUT', 'entityCode', 'entity_not_found');
      if (entity.regime_code !== input.regime) throw new CaseError('CASE-BAD-INPUT', 'entityCode', 'entity_other_regime');
      // Scope on the unit as stored (its brigade and police station), not only on the regime entered.
      const unit = { regime: entity.regime_code, brigadeId: entity.brigade_id, stationId: entity.station_id };
      if (actor.principal !== null && !can(actor.principal, 'incidents.record', unit))
        throw new CaseError('CASE-DENIED', 'entityCode', 'out_of_scope');
      const number = await nextCaseNumber(trx, today);
      const { id } = await trx
        .insertInto('supervision_case')
        .values({
          number,
          regime_code: input.regime,
          brigade_id: entity.brigade_id,
          source: 'incident',
          method: input.method,
          entity_id: entity.id,
          what: input.what.trim(),
          place: input.place.trim(),
          occurred_at: input.occurredAt.trim().replace('T', ' '),
          opened_on: today,
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { result: { id: Number(id), number }, entityId: Number(id), after: { number } };
    },
    refusal,
  );
}

/** The case row locked, within the actor's scope for `permission` (checked on the stored row). */
async function caseFor(trx: Trx, actor: Actor, id: number) {
  const c = await trx
    .selectFrom('supervision_case as sc')
    .innerJoin('entity as e', 'e.id', 'sc.entity_id')
    .select([
      'sc.id',
      'sc.regime_code',
      'sc.brigade_id',
      'sc.source',
      'sc.method',
      'sc.status',
      'sc.inspection_id',
      'sc.entity_id',
      'e.station_id',
    ])
    .where('sc.id', '=', id)
    .forUpdate('sc')
    .executeTakeFirst();
  if (!c) throw new CaseError('CASE-NOT-FOUND', 'id', 'not_found');
  if (actor.principal !== null && !can(actor.principal, 'incidents.manage', { regime: c.regime_code, brigadeId: c.brigade_id }))
    throw new CaseError('CASE-DENIED', null, 'out_of_scope');
  return c;
}

/** The scheduler opens the case's inspection: the lead officer named, a partner ranked. */
export async function openCaseInspection(
  db: Kysely<DB>,
  actor: Actor,
  input: { caseId: number; officerCode: string; plannedOn: string },
  today: IsoDate,
): Promise<{ inspectionId: number }> {
  return runAudited(
    db,
    actor,
    'case.inspection.open',
    { type: 'supervision_case', id: input.caseId },
    { officer: input.officerCode, plannedOn: input.plannedOn },
    async (trx) => {
      const c = await caseFor(trx, actor, input.caseId);
      if (c.status !== 'open') throw new CaseError('CASE-STATE', null, 'already_closed');
      if (c.inspection_id !== null) throw new CaseError('CASE-STATE', null, 'inspection_exists');
      if (!isIsoDate(input.plannedOn)) throw new CaseError('CASE-BAD-INPUT', 'plannedOn', 'bad_date');
      if (compareIsoDates(input.plannedOn, today) < 0) throw new CaseError('CASE-BAD-INPUT', 'plannedOn', 'date_past');
      const officer = await trx
        .selectFrom('officer')
        .select(['id', 'brigade_id', 'station_id', 'active'])
        .where('code', '=', input.officerCode.trim())
        .executeTakeFirst();
      if (!officer || !officer.active) throw new CaseError('CASE-BAD-INPUT', 'officerCode', 'officer_not_found');
      // The lead is of the case's brigade or of the unit's police station.
      if (officer.brigade_id !== c.brigade_id && (officer.station_id === null || officer.station_id !== c.station_id))
        throw new CaseError('CASE-BAD-INPUT', 'officerCode', 'officer_out_of_unit');
      const entity = await trx
        .selectFrom('entity')
        .select(['id', 'brigade_id', 'station_id'])
        .where('id', '=', c.entity_id)
        .executeTakeFirstOrThrow();
      const opened = await insertPairedInspection(trx, {
        entity: { id: Number(entity.id), brigadeId: entity.brigade_id, stationId: entity.station_id },
        regime: c.regime_code,
        trigger: caseInspectionTrigger(c.source as 'incident' | 'complaint', c.method as IncidentMethod | null),
        plannedOn: input.plannedOn,
        leadOfficerId: Number(officer.id),
      });
      if ('refusal' in opened) throw new CaseError('CASE-BAD-INPUT', 'plannedOn', opened.refusal);
      await trx.updateTable('supervision_case').set({ inspection_id: opened.inspectionId }).where('id', '=', c.id).execute();
      return { result: opened, after: { inspectionId: opened.inspectionId } };
    },
    refusal,
  );
}

/** The scheduler closes the case with its conclusion (core `caseClosingRefusal`). */
export async function closeCase(
  db: Kysely<DB>,
  actor: Actor,
  input: { caseId: number; conclusion: string },
  today: IsoDate,
): Promise<void> {
  await runAudited(
    db,
    actor,
    'case.close',
    { type: 'supervision_case', id: input.caseId },
    {},
    async (trx) => {
      const c = await caseFor(trx, actor, input.caseId);
      const inspection =
        c.inspection_id === null
          ? null
          : await trx.selectFrom('inspection').select('status').where('id', '=', c.inspection_id).executeTakeFirstOrThrow();
      const open =
        c.inspection_id === null
          ? 0
          : Number(
              (
                await trx
                  .selectFrom('rectification as r')
                  .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
                  .select((eb) => eb.fn.countAll<string>().as('n'))
                  .where('h.inspection_id', '=', c.inspection_id)
                  .where('r.status', '<>', 'completed')
                  .executeTakeFirstOrThrow()
              ).n,
            );
      const why = caseClosingRefusal({
        status: c.status,
        inspectionStatus: inspection?.status ?? null,
        openRectifications: open,
        conclusion: input.conclusion,
      });
      if (why === 'required' || why === 'too_long') throw new CaseError('CASE-BAD-INPUT', 'conclusion', why);
      if (why !== null) throw new CaseError('CASE-STATE', null, why);
      await trx
        .updateTable('supervision_case')
        .set({ status: 'closed', conclusion: input.conclusion.trim(), closed_on: today, closed_by: actor.id })
        .where('id', '=', c.id)
        .execute();
      return { result: undefined, before: { status: 'open' }, after: { status: 'closed', closedOn: today } };
    },
    refusal,
  );
}
