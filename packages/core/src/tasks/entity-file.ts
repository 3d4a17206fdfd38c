import { compareIsoDates, type IsoDate } from '../shared/iso-date.js';

/**
 * Issue 10 §5: the entity's file (一户一档) on its registry page — its inspections, hazards,
 * rectification notices, reviews and penalties as one timeline, newest first.
 */
export type EntityFileEntry =
  | {
      kind: 'inspection';
      on: IsoDate;
      id: number;
      inspectionId: number;
      trigger: string;
      status: string;
      outcome: string | null;
      officers: string[];
    }
  | {
      kind: 'hazard';
      on: IsoDate;
      id: number;
      inspectionId: number;
      severity: string;
      description: string;
      fixedOnSpot: boolean;
    }
  | {
      kind: 'rectification';
      on: IsoDate;
      id: number;
      inspectionId: number;
      number: string;
      /** The deadline in force: the extended one when an extension was granted. */
      deadlineOn: IsoDate;
      status: string;
    }
  | {
      kind: 'review';
      on: IsoDate;
      id: number;
      /** The inspection whose case the notice belongs to (/cases/[inspectionId]). */
      inspectionId: number;
      /** The review inspection (trigger 'review'), when one was recorded. */
      reviewInspectionId: number | null;
      number: string;
      opinion: string | null;
      note: string | null;
    }
  | {
      kind: 'penalty';
      on: IsoDate;
      id: number;
      inspectionId: number | null;
      violationCode: string;
      fineFen: number;
      warning: boolean;
      detentionDays: number;
      licenceRevoked: boolean;
    };

export type EntityFileKind = EntityFileEntry['kind'];

/**
 * On one day the procedure runs inspection → hazard → notice → review → penalty; newest first reads
 * it backwards, so the later stage comes first.
 */
const STAGE: Record<EntityFileKind, number> = { inspection: 0, hazard: 1, rectification: 2, review: 3, penalty: 4 };

/** Newest first: by date, then by the later stage of the procedure, then by the later record. */
export function compareEntityFileEntries(a: EntityFileEntry, b: EntityFileEntry): number {
  return compareIsoDates(b.on, a.on) || STAGE[b.kind] - STAGE[a.kind] || b.id - a.id;
}

export function sortEntityFile<T extends EntityFileEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareEntityFileEntries);
}
