/**
 * R03 dishonesty grades (失信, issue 13 §7; core `credit-grade.ts`, seed R03 四、监管措施（六）). The seed
 * names the three grades and what is weighed, not the criteria: the grade is the officer's decision,
 * stored with the reason and the ONE record it rests on — a penalty or a rectification notice of the
 * same R03 unit, checked on the rows as stored (scope on the unit, the record the unit's own).
 */
import { can, checkCreditGrade, CREDIT_REGIME, type CreditGradeInput, type IsoDate } from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';

export type CreditErrorCode = 'CREDIT-BAD-INPUT' | 'CREDIT-DENIED' | 'CREDIT-STATE';

export class CreditError extends Error {
  override readonly name = 'CreditError';
  constructor(
    readonly code: CreditErrorCode,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${code}${field ? ` ${field}` : ''}: ${reason}`);
  }
}

const refusal = (e: unknown) =>
  e instanceof CreditError
    ? { denied: e.code === 'CREDIT-DENIED', code: e.code, details: { field: e.field, reason: e.reason } }
    : null;

export async function gradeUnit(db: Kysely<DB>, actor: Actor, input: CreditGradeInput, today: IsoDate): Promise<{ id: number }> {
  return runAudited(
    db,
    actor,
    'credit.grade',
    { type: 'credit_grade', id: null },
    // The reason is the officer's text about a unit: kept on the row, not copied into the log.
    { entity: input.entityCode, grade: input.grade, basisKind: input.basisKind, basisId: input.basisId },
    async (trx) => {
      const errors = checkCreditGrade(input);
      if (errors.length > 0) throw new CreditError('CREDIT-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      if (actor.principal !== null && !can(actor.principal, 'credit.manage', { regime: CREDIT_REGIME }))
        throw new CreditError('CREDIT-DENIED', null, 'out_of_scope');
      const entity = await trx
        .selectFrom('entity')
        .select(['id', 'regime_code', 'brigade_id', 'station_id'])
        .where('code', '=', input.entityCode.trim())
        .executeTakeFirst();
      if (!entity) throw new CreditError('CREDIT-BAD-INPUT', 'entityCode', 'entity_not_found');
      if (entity.regime_code !== CREDIT_REGIME) throw new CreditError('CREDIT-BAD-INPUT', 'entityCode', 'entity_not_r03');
      if (
        actor.principal !== null &&
        !can(actor.principal, 'credit.manage', {
          regime: entity.regime_code,
          brigadeId: entity.brigade_id,
          stationId: entity.station_id,
        })
      )
        throw new CreditError('CREDIT-DENIED', 'entityCode', 'out_of_scope');
      const basisId = Number(input.basisId.trim());
      // The record must be the unit's own: a penalty of it, or a notice from an inspection of it.
      const basis =
        input.basisKind === 'penalty'
          ? await trx
              .selectFrom('penalty')
              .select('id')
              .where('id', '=', basisId)
              .where('entity_id', '=', entity.id)
              .executeTakeFirst()
          : await trx
              .selectFrom('rectification as r')
              .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
              .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
              .select('r.id')
              .where('r.id', '=', basisId)
              .where('i.entity_id', '=', entity.id)
              .executeTakeFirst();
      if (!basis) throw new CreditError('CREDIT-BAD-INPUT', 'basisId', 'basis_not_found');
      const column = input.basisKind === 'penalty' ? 'penalty_id' : 'rectification_id';
      const taken = await trx.selectFrom('credit_grade').select('id').where(column, '=', basisId).executeTakeFirst();
      if (taken) throw new CreditError('CREDIT-STATE', 'basisId', 'basis_already_graded');
      const { id } = await trx
        .insertInto('credit_grade')
        .values({
          entity_id: entity.id,
          grade: input.grade,
          reason: input.reason.trim(),
          [column]: basisId,
          graded_on: today,
          graded_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { result: { id: Number(id) }, entityId: Number(id), after: { grade: input.grade, [column]: basisId } };
    },
    refusal,
  );
}
