import { officerServesEntity, rankAvailableOfficers } from '@supervise/core';
import type { Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { loadRosterContext } from '../repositories/roster.repository.js';

/**
 * An inspection opened by hand from a complaint or a case (随报随查, 案事件倒查): the lead officer and a
 * second one ranked by the roster rules (at least two officers on site), both available that day. Run
 * inside the calling use-case's transaction; its refusals are returned for the caller to name.
 */
export async function insertPairedInspection(
  trx: Transaction<DB>,
  input: {
    entity: { id: number; brigadeId: string; stationId: string | null };
    regime: string;
    trigger: 'complaint' | 'post_case' | 'patrol';
    plannedOn: string;
    leadOfficerId: number;
  },
): Promise<{ inspectionId: number } | { refusal: 'officer_unavailable' | 'no_partner' }> {
  const { entity } = input;
  const ctx = await loadRosterContext(trx, {
    windowStart: input.plannedOn,
    windowEnd: input.plannedOn,
    entities: [{ entityId: entity.id, brigadeId: entity.brigadeId, stationId: entity.stationId }],
    alsoOfficerIds: [input.leadOfficerId],
  });
  const q = { entityId: entity.id, on: input.plannedOn };
  const load = (id: number) => ctx.officerLoad.get(id) ?? 0;
  const lead = ctx.officers.find((o) => o.id === input.leadOfficerId);
  if (!lead || rankAvailableOfficers([lead], q, load).length === 0) return { refusal: 'officer_unavailable' };
  const unit = { brigadeId: entity.brigadeId, stationId: entity.stationId };
  const partner = rankAvailableOfficers(
    ctx.officers.filter(
      (o) => o.id !== lead.id && (officerServesEntity(o, unit) || officerServesEntity(o, { ...unit, stationId: null })),
    ),
    q,
    load,
  )[0];
  if (!partner) return { refusal: 'no_partner' };
  const { id } = await trx
    .insertInto('inspection')
    .values({ entity_id: entity.id, regime_code: input.regime, trigger: input.trigger, planned_on: input.plannedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('inspection_officer')
    .values([lead.id, partner.id].map((officer_id) => ({ inspection_id: id, officer_id, assigned_by: 'manual' as const })))
    .execute();
  return { inspectionId: Number(id) };
}
