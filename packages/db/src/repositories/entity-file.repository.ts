import { sortEntityFile, type EntityFileEntry } from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * Issue 10 §5: the entity's file (一户一档) — every inspection of the entity with its officers, the
 * hazards found, the rectification notices issued, their reviews, and the penalties decided on the
 * entity, as one timeline newest first (core's `sortEntityFile`). The caller checks the entity's
 * scope first (the registry page's rule).
 */
export interface EntityFile {
  entries: EntityFileEntry[];
  /** Whether older records were left out (more than `limit` of one kind). */
  truncated: boolean;
}

export const ENTITY_FILE_LIMIT = 500;

const dateOf = (t: Date | string): string =>
  typeof t === 'string' ? t.slice(0, 10) : new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function loadEntityFile(db: Kysely<DB>, entityId: number, opts: { limit?: number } = {}): Promise<EntityFile> {
  const limit = opts.limit ?? ENTITY_FILE_LIMIT;
  let truncated = false;
  const capped = <T>(rows: T[]): T[] => {
    if (rows.length > limit) truncated = true;
    return rows.slice(0, limit);
  };

  // An inspection's day is the day it was carried out, or the day it was planned for.
  const inspections = capped(
    await db
      .selectFrom('inspection as i')
      .select(['i.id', 'i.trigger', 'i.status', 'i.outcome', 'i.planned_on', 'i.inspected_on'])
      .where('i.entity_id', '=', entityId)
      .orderBy((eb) => eb.fn.coalesce('i.inspected_on', 'i.planned_on'), 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit + 1)
      .execute(),
  );
  const inspectionIds = inspections.map((i) => i.id);
  const officers = new Map<number, string[]>();
  if (inspectionIds.length) {
    for (const o of await db
      .selectFrom('inspection_officer as io')
      .innerJoin('officer as o', 'o.id', 'io.officer_id')
      .select(['io.inspection_id', 'o.name'])
      .where('io.inspection_id', 'in', inspectionIds)
      .orderBy('o.code')
      .execute()) {
      officers.set(o.inspection_id, [...(officers.get(o.inspection_id) ?? []), o.name]);
    }
  }

  const hazards = capped(
    await db
      .selectFrom('hazard as h')
      .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
      .select(['h.id', 'h.inspection_id', 'h.severity', 'h.description', 'h.fixed_on_spot', 'h.created_at', 'i.inspected_on'])
      .where('i.entity_id', '=', entityId)
      .orderBy('h.id', 'desc')
      .limit(limit + 1)
      .execute(),
  );

  const notices = capped(
    await db
      .selectFrom('rectification as r')
      .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
      .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
      .select([
        'r.id',
        'r.notice_no',
        'r.deadline_on',
        'r.extended_deadline_on',
        'r.status',
        'r.issued_on',
        'r.served_on',
        'r.reviewed_on',
        'r.review_opinion',
        'r.review_note',
        'r.review_inspection_id',
        'h.inspection_id',
        'i.inspected_on',
        'i.planned_on',
      ])
      .where('i.entity_id', '=', entityId)
      .orderBy('r.id', 'desc')
      .limit(limit + 1)
      .execute(),
  );

  const penalties = capped(
    await db
      .selectFrom('penalty as p')
      .select([
        'p.id',
        'p.inspection_id',
        'p.decided_on',
        'p.violation_code',
        'p.fine_fen',
        'p.warning',
        'p.detention_days',
        'p.licence_revoked',
      ])
      .where('p.entity_id', '=', entityId)
      .orderBy('p.decided_on', 'desc')
      .orderBy('p.id', 'desc')
      .limit(limit + 1)
      .execute(),
  );

  const entries: EntityFileEntry[] = [];
  for (const i of inspections) {
    entries.push({
      kind: 'inspection',
      on: i.inspected_on ?? i.planned_on,
      id: i.id,
      inspectionId: i.id,
      trigger: i.trigger,
      status: i.status,
      outcome: i.outcome,
      officers: officers.get(i.id) ?? [],
    });
  }
  for (const h of hazards) {
    entries.push({
      kind: 'hazard',
      // Found on the inspection's day (recorded at created_at when the inspection has no day yet).
      on: h.inspected_on ?? dateOf(h.created_at),
      id: h.id,
      inspectionId: h.inspection_id,
      severity: h.severity,
      description: h.description,
      fixedOnSpot: h.fixed_on_spot,
    });
  }
  for (const r of notices) {
    entries.push({
      kind: 'rectification',
      // Issued (or, for notices older than the issue step, served) — else the inspection's day.
      on: r.issued_on ?? r.served_on ?? r.inspected_on ?? r.planned_on,
      id: r.id,
      inspectionId: r.inspection_id,
      number: r.notice_no,
      deadlineOn: r.extended_deadline_on ?? r.deadline_on,
      status: r.status,
    });
    if (r.reviewed_on) {
      entries.push({
        kind: 'review',
        on: r.reviewed_on,
        id: r.id,
        inspectionId: r.inspection_id,
        reviewInspectionId: r.review_inspection_id,
        number: r.notice_no,
        opinion: r.review_opinion,
        note: r.review_note,
      });
    }
  }
  for (const p of penalties) {
    entries.push({
      kind: 'penalty',
      on: p.decided_on,
      id: p.id,
      inspectionId: p.inspection_id,
      violationCode: p.violation_code,
      fineFen: p.fine_fen,
      warning: p.warning,
      detentionDays: p.detention_days,
      licenceRevoked: p.licence_revoked,
    });
  }
  return { entries: sortEntityFile(entries), truncated };
}
