/**
 * A scheduler changes one of the two officers of a planned inspection, with a reason (issue 4 §3,
 * issue 9 §2): `supervise roster override`, the inspection's roster page and the leave-replacement
 * confirmation all come here.
 *
 * Refused, with the reason named: an inspection outside the actor's brigade/station scope (checked on
 * the row that exists), one no longer planned, an officer not on it or already on it, an officer
 * outside the entity's responsible unit, and an officer core's availability rule refuses (inactive,
 * no valid credential that day, on leave that day, recused from the entity). The swap, its
 * roster_override row and its audit entry are written in one transaction with the inspection row
 * locked; a refusal writes its audit entry (outcome `denied` or `failure`) and changes nothing else.
 */
import { can, officerServesEntity, officerUnavailability, type OfficerUnavailability } from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { loadOfficerAvailability, swapRosterOfficer } from '../repositories/roster.repository.js';
import { auditActor, type Actor } from './actor.js';

export type { OfficerUnavailability } from '@supervise/core';

export interface RosterChangeInput {
  inspectionId: number;
  replaceOfficerCode: string;
  withOfficerCode: string;
  reason: string;
}

export type RosterRefusalCode =
  | 'INSPECTION_NOT_FOUND'
  | 'INSPECTION_NOT_PLANNED'
  | 'OUT_OF_SCOPE'
  | 'USER_NOT_FOUND'
  | 'OFFICER_NOT_FOUND'
  | 'NOT_ON_ROSTER'
  | 'ALREADY_ON_ROSTER'
  | 'REASON_REQUIRED'
  | 'OFFICER_OUT_OF_UNIT'
  | 'OFFICER_UNAVAILABLE';

export type RosterRefusal = {
  ok: false;
  code: RosterRefusalCode;
  officerCode?: string;
  unavailability?: OfficerUnavailability[];
};

export type RosterChangeResult = { ok: true; overrideId: number; plannedOn: string; officerCodes: string[] } | RosterRefusal;

/** @deprecated the old name of the result, kept for the CLI's callers. */
export type RosterOverrideResult = RosterChangeResult;

/** The longest reason kept. */
export const ROSTER_REASON_MAX = 500;

/** Refusals that say the actor may not touch the row at all (audited as `denied`). */
const DENIED: ReadonlySet<RosterRefusalCode> = new Set(['OUT_OF_SCOPE', 'USER_NOT_FOUND']);

type Trx = Transaction<DB>;

/**
 * The checks and the swap, inside the caller's transaction; no audit (the caller writes it, once for
 * one change, or per change plus a summary for a leave replacement).
 */
export async function changeRosterInTransaction(trx: Trx, actor: Actor, input: RosterChangeInput): Promise<RosterChangeResult> {
  const reason = input.reason.trim().slice(0, ROSTER_REASON_MAX);
  if (reason === '') return { ok: false, code: 'REASON_REQUIRED' };
  if (actor.id === null) return { ok: false, code: 'USER_NOT_FOUND' };
  const insp = await trx
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .select(['i.id', 'i.entity_id', 'i.planned_on', 'i.status', 'i.regime_code', 'e.brigade_id', 'e.station_id'])
    .where('i.id', '=', input.inspectionId)
    .forUpdate('i')
    .executeTakeFirst();
  if (!insp) return { ok: false, code: 'INSPECTION_NOT_FOUND' };
  // Scope on the row that exists: the inspection's regime, brigade and police station.
  if (
    actor.principal !== null &&
    !can(actor.principal, 'roster.manage', { regime: insp.regime_code, brigadeId: insp.brigade_id, stationId: insp.station_id })
  )
    return { ok: false, code: 'OUT_OF_SCOPE' };
  if (insp.status !== 'planned') return { ok: false, code: 'INSPECTION_NOT_PLANNED' };
  const officers = await trx
    .selectFrom('officer')
    .select(['id', 'code', 'brigade_id', 'station_id'])
    .where('code', 'in', [input.replaceOfficerCode, input.withOfficerCode])
    .execute();
  const replaced = officers.find((o) => o.code === input.replaceOfficerCode);
  const withOfficer = officers.find((o) => o.code === input.withOfficerCode);
  if (!replaced) return { ok: false, code: 'OFFICER_NOT_FOUND', officerCode: input.replaceOfficerCode };
  if (!withOfficer) return { ok: false, code: 'OFFICER_NOT_FOUND', officerCode: input.withOfficerCode };
  const onRoster = (
    await trx.selectFrom('inspection_officer').select('officer_id').where('inspection_id', '=', insp.id).execute()
  ).map((r) => Number(r.officer_id));
  if (!onRoster.includes(Number(replaced.id))) return { ok: false, code: 'NOT_ON_ROSTER', officerCode: replaced.code };
  if (onRoster.includes(Number(withOfficer.id))) return { ok: false, code: 'ALREADY_ON_ROSTER', officerCode: withOfficer.code };
  // What is written stays in scope too: the new officer belongs to the entity's responsible unit.
  if (
    !officerServesEntity(
      { brigadeId: withOfficer.brigade_id, stationId: withOfficer.station_id },
      { brigadeId: insp.brigade_id, stationId: insp.station_id },
    )
  )
    return { ok: false, code: 'OFFICER_OUT_OF_UNIT', officerCode: withOfficer.code };
  const facts = await loadOfficerAvailability(trx, {
    officerIds: [Number(withOfficer.id)],
    from: insp.planned_on,
    to: insp.planned_on,
    entityIds: [Number(insp.entity_id)],
  });
  const why = officerUnavailability(facts.get(Number(withOfficer.id))!, {
    entityId: Number(insp.entity_id),
    on: insp.planned_on,
  });
  if (why.length > 0) return { ok: false, code: 'OFFICER_UNAVAILABLE', officerCode: withOfficer.code, unavailability: why };
  const overrideId = await swapRosterOfficer(trx, {
    inspectionId: Number(insp.id),
    replacedOfficerId: Number(replaced.id),
    withOfficerId: Number(withOfficer.id),
    reason,
    byUserId: actor.id,
  });
  const codes = await trx
    .selectFrom('inspection_officer as io')
    .innerJoin('officer as o', 'o.id', 'io.officer_id')
    .select('o.code')
    .where('io.inspection_id', '=', insp.id)
    .orderBy('o.code')
    .execute();
  return { ok: true, overrideId, plannedOn: insp.planned_on, officerCodes: codes.map((c) => c.code) };
}

/** The audit entry of one change or refusal. */
export function rosterChangeAudit(actor: Actor, input: RosterChangeInput, result: RosterChangeResult, details?: object) {
  return {
    ...auditActor(actor),
    action: 'roster.change',
    outcome: result.ok ? ('success' as const) : DENIED.has(result.code) ? ('denied' as const) : ('failure' as const),
    reason: result.ok ? null : result.code.toLowerCase(),
    entityType: 'inspection',
    entityId: input.inspectionId,
    before: { officer: input.replaceOfficerCode },
    after: result.ok ? { officer: input.withOfficerCode, officers: result.officerCodes } : null,
    details: {
      via: actor.via,
      reason: input.reason.trim().slice(0, ROSTER_REASON_MAX),
      ...(result.ok
        ? { overrideId: result.overrideId }
        : { refused: { officer: result.officerCode ?? null, why: result.unavailability ?? [] } }),
      ...details,
    },
  };
}

/** One change of one officer, audited in the same transaction (refusals too). */
export async function changeRoster(db: Kysely<DB>, actor: Actor, input: RosterChangeInput): Promise<RosterChangeResult> {
  return db.transaction().execute(async (trx) => {
    const result = await changeRosterInTransaction(trx, actor, input);
    await recordAudit(trx, rosterChangeAudit(actor, input, result));
    return result;
  });
}

/**
 * The actor for a username given on the command line (`--by`): the account and its role grants, or
 * null when there is no such enabled account.
 */
export async function actorForUsername(db: Kysely<DB>, username: string, via: Actor['via']): Promise<Actor | null> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', '=', username)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) return null;
  const roles = await db
    .selectFrom('user_role')
    .select(['role', 'brigade_id', 'station_id'])
    .where('user_id', '=', user.id)
    .execute();
  return {
    id: Number(user.id),
    username: user.username,
    principal: { roles: roles.map((r) => ({ role: r.role, brigadeId: r.brigade_id, stationId: r.station_id })) },
    via,
  };
}
