import type { Insertable, Kysely } from 'kysely';
import type {
  DB,
  Hazard,
  Inspection,
  InspectionOfficer,
  Penalty,
  Rectification,
  RectificationExtension,
} from '../generated/db.js';
import { batches, idsInInputOrder, type BatchOptions } from './registry.repository.js';

/**
 * Inspections and what follows from them: the officers on site, hazards, rectification notices and
 * penalties. Every function takes the db (or a transaction) first.
 */
export type NewInspection = Omit<Insertable<Inspection>, 'id' | 'created_at'>;
export type NewInspectionOfficer = Insertable<InspectionOfficer>;
export type NewHazard = Omit<Insertable<Hazard>, 'id'>;
export type NewRectification = Omit<Insertable<Rectification>, 'id'>;
export type NewPenalty = Omit<Insertable<Penalty>, 'id'>;
export type NewRectificationExtension = Omit<Insertable<RectificationExtension>, 'id'>;

export async function insertInspections(
  db: Kysely<DB>,
  rows: readonly NewInspection[],
  opts: BatchOptions = {},
): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows, opts.batchSize)) {
    ids.push(...idsInInputOrder(await db.insertInto('inspection').values(batch).returning('id').execute()));
  }
  return ids;
}

export async function insertInspectionOfficers(
  db: Kysely<DB>,
  rows: readonly NewInspectionOfficer[],
  opts: BatchOptions = {},
): Promise<void> {
  // Two columns a row: larger batches are still far below the parameter limit.
  for (const batch of batches(rows, (opts.batchSize ?? 500) * 4)) {
    await db.insertInto('inspection_officer').values(batch).execute();
  }
}

export async function insertHazards(db: Kysely<DB>, rows: readonly NewHazard[], opts: BatchOptions = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows, opts.batchSize)) {
    ids.push(...idsInInputOrder(await db.insertInto('hazard').values(batch).returning('id').execute()));
  }
  return ids;
}

export async function insertRectifications(
  db: Kysely<DB>,
  rows: readonly NewRectification[],
  opts: BatchOptions = {},
): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows, opts.batchSize)) {
    ids.push(...idsInInputOrder(await db.insertInto('rectification').values(batch).returning('id').execute()));
  }
  return ids;
}

export async function insertPenalties(db: Kysely<DB>, rows: readonly NewPenalty[], opts: BatchOptions = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows, opts.batchSize)) {
    ids.push(...idsInInputOrder(await db.insertInto('penalty').values(batch).returning('id').execute()));
  }
  return ids;
}

/** An inspection with everything recorded on it, before any of it has an id. */
export interface NewInspectionRecord {
  inspection: NewInspection;
  /** Officers on site; most regimes require at least two. */
  officerIds: readonly number[];
  hazards?: readonly {
    severity: 'general' | 'major';
    description: string;
    /** The notice to rectify, when the hazard was not fixed on the spot. */
    rectification?: Omit<NewRectification, 'hazard_id'>;
    /** An extension of that notice (asked for and decided), inserted with it in the same transaction. */
    extension?: Omit<NewRectificationExtension, 'rectification_id'>;
  }[];
  /**
   * Penalties decided on this inspection; entity and regime default to the inspection's.
   * `noticeOfHazard` (index into `hazards`) files the penalty against that hazard's notice.
   */
  penalties?: readonly (Omit<NewPenalty, 'inspection_id' | 'entity_id' | 'regime_code' | 'rectification_id'> &
    Partial<Pick<NewPenalty, 'entity_id' | 'regime_code'>> & { noticeOfHazard?: number })[];
}

export interface InsertedInspectionRecords {
  inspectionIds: number[];
  counts: {
    inspection: number;
    inspection_officer: number;
    hazard: number;
    rectification: number;
    rectification_extension: number;
    penalty: number;
  };
}

/** Inserts whole inspection records in batches, table by table, wiring up the generated ids. */
export async function insertInspectionRecords(
  db: Kysely<DB>,
  records: readonly NewInspectionRecord[],
  opts: BatchOptions = {},
): Promise<InsertedInspectionRecords> {
  const inspectionIds = await insertInspections(
    db,
    records.map((r) => r.inspection),
    opts,
  );

  const officers: NewInspectionOfficer[] = [];
  const hazards: NewHazard[] = [];
  const hazardNotices: (Omit<NewRectification, 'hazard_id'> | undefined)[] = [];
  const hazardExtensions: (Omit<NewRectificationExtension, 'rectification_id'> | undefined)[] = [];
  /** Penalties, each with the position (in `hazards`) of the hazard whose notice it follows. */
  const pending: { row: Omit<NewPenalty, 'rectification_id'>; hazardAt: number | null }[] = [];
  records.forEach((rec, i) => {
    const inspection_id = inspectionIds[i]!;
    for (const officer_id of new Set(rec.officerIds)) officers.push({ inspection_id, officer_id });
    const firstHazard = hazards.length;
    for (const h of rec.hazards ?? []) {
      hazards.push({ inspection_id, severity: h.severity, description: h.description });
      hazardNotices.push(h.rectification);
      if (h.extension && !h.rectification) throw new Error('an extension needs the notice it extends');
      hazardExtensions.push(h.extension);
    }
    for (const { noticeOfHazard, ...p } of rec.penalties ?? []) {
      if (noticeOfHazard !== undefined && !rec.hazards?.[noticeOfHazard]?.rectification)
        throw new Error(`penalty filed against hazard ${noticeOfHazard}, which has no notice`);
      pending.push({
        row: { entity_id: rec.inspection.entity_id, regime_code: rec.inspection.regime_code, ...p, inspection_id },
        hazardAt: noticeOfHazard === undefined ? null : firstHazard + noticeOfHazard,
      });
    }
  });

  await insertInspectionOfficers(db, officers, opts);
  const hazardIds = await insertHazards(db, hazards, opts);
  const rectifications: NewRectification[] = [];
  /** Position in `rectifications` of each hazard's notice. */
  const noticeAt = new Map<number, number>();
  hazardNotices.forEach((n, i) => {
    if (!n) return;
    noticeAt.set(i, rectifications.length);
    rectifications.push({ ...n, hazard_id: hazardIds[i]! });
  });
  const rectificationIds = await insertRectifications(db, rectifications, opts);
  const extensions: NewRectificationExtension[] = [];
  hazardExtensions.forEach((x, i) => {
    if (x) extensions.push({ ...x, rectification_id: rectificationIds[noticeAt.get(i)!]! });
  });
  for (const batch of batches(extensions, opts.batchSize)) await db.insertInto('rectification_extension').values(batch).execute();
  const penalties: NewPenalty[] = pending.map(({ row, hazardAt }) => ({
    ...row,
    rectification_id: hazardAt === null ? null : rectificationIds[noticeAt.get(hazardAt)!]!,
  }));
  await insertPenalties(db, penalties, opts);

  return {
    inspectionIds,
    counts: {
      inspection: inspectionIds.length,
      inspection_officer: officers.length,
      hazard: hazards.length,
      rectification: rectifications.length,
      rectification_extension: extensions.length,
      penalty: penalties.length,
    },
  };
}
