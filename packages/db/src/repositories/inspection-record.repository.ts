/**
 * The inspection record's rows (issue 10 §2, migration 0013): the inspection with its entity, the
 * officers on it (with the account linked to each), checklist results, hazards and their photos.
 * Only reads and plain writes; the rules and the scope checks are the use-case's
 * (use-cases/inspection-record.use-case.ts). Every function takes the db or a transaction first.
 */
import { storedFileName } from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

type Db = Kysely<DB>;

export interface RecordInspectionRow {
  id: number;
  status: string;
  regime: string;
  trigger: string;
  plannedOn: string;
  inspectedOn: string | null;
  outcome: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  summary: string | null;
  audioVideoRecorded: boolean | null;
  signatureStatus: 'signed' | 'refused' | 'absent' | null;
  signerRole: 'unit_head' | 'accompanying_person' | null;
  signerName: string | null;
  signatureNote: string | null;
  hasSignaturePng: boolean;
  entity: { id: number; code: string; name: string; address: string; contactName: string | null };
  brigadeId: string;
  stationId: string | null;
}

/** One inspection of the record, or undefined; `lock` takes the row for update (writes). */
export async function findRecordInspection(db: Db, id: number, lock = false): Promise<RecordInspectionRow | undefined> {
  let q = db
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .leftJoin('app_user as cu', 'cu.id', 'i.closed_by')
    .select([
      'i.id',
      'i.status',
      'i.regime_code',
      'i.trigger',
      'i.planned_on',
      'i.inspected_on',
      'i.outcome',
      'i.started_at',
      'i.ended_at',
      'i.closed_at',
      'cu.username as closed_by_username',
      'i.summary',
      'i.audio_video_recorded',
      'i.signature_status',
      'i.signer_role',
      'i.signer_name',
      'i.signature_note',
      (eb) => eb('i.signature_png', 'is not', null).as('has_png'),
      'e.id as entity_id',
      'e.code as entity_code',
      'e.name as entity_name',
      'e.address as entity_address',
      'e.contact_name',
      'e.brigade_id',
      'e.station_id',
    ])
    .where('i.id', '=', id);
  if (lock) q = q.forUpdate('i');
  const r = await q.executeTakeFirst();
  if (!r) return undefined;
  return {
    id: Number(r.id),
    status: r.status,
    regime: r.regime_code,
    trigger: r.trigger,
    plannedOn: r.planned_on,
    inspectedOn: r.inspected_on,
    outcome: r.outcome,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by_username,
    summary: r.summary,
    audioVideoRecorded: r.audio_video_recorded,
    signatureStatus: r.signature_status as RecordInspectionRow['signatureStatus'],
    signerRole: r.signer_role as RecordInspectionRow['signerRole'],
    signerName: r.signer_name,
    signatureNote: r.signature_note,
    hasSignaturePng: Boolean(r.has_png),
    entity: {
      id: Number(r.entity_id),
      code: r.entity_code,
      name: r.entity_name,
      address: r.entity_address,
      contactName: r.contact_name,
    },
    brigadeId: r.brigade_id,
    stationId: r.station_id,
  };
}

export interface RecordOfficerRow {
  officerId: number;
  code: string;
  name: string;
  credentialNo: string | null;
  /** The account linked to the officer (issue 9 §6), if any. */
  userId: number | null;
  idShown: boolean;
  confirmedAt: Date | null;
  confirmedByUser: number | null;
}

export async function listRecordOfficers(db: Db, inspectionId: number): Promise<RecordOfficerRow[]> {
  const rows = await db
    .selectFrom('inspection_officer as io')
    .innerJoin('officer as o', 'o.id', 'io.officer_id')
    .leftJoin('app_user as u', 'u.officer_id', 'o.id')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.credential_no',
      'u.id as user_id',
      'io.id_shown',
      'io.confirmed_at',
      'io.confirmed_by_user',
    ])
    .where('io.inspection_id', '=', inspectionId)
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({
    officerId: Number(r.id),
    code: r.code,
    name: r.name,
    credentialNo: r.credential_no,
    userId: r.user_id === null ? null : Number(r.user_id),
    idShown: r.id_shown,
    confirmedAt: r.confirmed_at,
    confirmedByUser: r.confirmed_by_user === null ? null : Number(r.confirmed_by_user),
  }));
}

/** The officer an account is linked to, if any. */
export async function officerOfUser(db: Db, userId: number): Promise<number | null> {
  const r = await db.selectFrom('app_user').select('officer_id').where('id', '=', userId).executeTakeFirst();
  return r?.officer_id == null ? null : Number(r.officer_id);
}

export interface ChecklistResultRow {
  itemKey: string;
  result: 'pass' | 'fail' | 'not_applicable';
  note: string | null;
}

export async function listChecklistResults(db: Db, inspectionId: number): Promise<ChecklistResultRow[]> {
  const rows = await db
    .selectFrom('inspection_checklist_result')
    .select(['item_key', 'result', 'note'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('item_key')
    .execute();
  return rows.map((r) => ({ itemKey: r.item_key, result: r.result as ChecklistResultRow['result'], note: r.note }));
}

/** Writes (inserts or replaces) one result per item. */
export async function upsertChecklistResults(db: Db, inspectionId: number, results: readonly ChecklistResultRow[], now: Date) {
  if (results.length === 0) return;
  await db
    .insertInto('inspection_checklist_result')
    .values(
      results.map((r) => ({
        inspection_id: inspectionId,
        item_key: r.itemKey,
        result: r.result,
        note: r.note,
        recorded_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['inspection_id', 'item_key']).doUpdateSet((eb) => ({
        result: eb.ref('excluded.result'),
        note: eb.ref('excluded.note'),
        recorded_at: eb.ref('excluded.recorded_at'),
      })),
    )
    .execute();
}

export interface HazardPhotoRow {
  sha256: string;
  mime: string;
  byteSize: number;
  fileName: string | null;
}

export interface RecordHazardRow {
  id: number;
  severity: 'general' | 'major';
  description: string;
  itemKey: string | null;
  fixedOnSpot: boolean;
  createdAt: Date;
  photos: HazardPhotoRow[];
}

export async function listRecordHazards(db: Db, inspectionId: number): Promise<RecordHazardRow[]> {
  const hazards = await db
    .selectFrom('hazard')
    .select(['id', 'severity', 'description', 'item_key', 'fixed_on_spot', 'created_at'])
    .where('inspection_id', '=', inspectionId)
    .orderBy('id')
    .execute();
  if (hazards.length === 0) return [];
  const photos = await db
    .selectFrom('hazard_photo as hp')
    .innerJoin('photo_blob as b', 'b.sha256', 'hp.sha256')
    .select(['hp.hazard_id', 'hp.sha256', 'b.mime', 'b.byte_size', 'hp.file_name'])
    .where(
      'hp.hazard_id',
      'in',
      hazards.map((h) => h.id),
    )
    .orderBy('hp.added_at')
    .orderBy('hp.sha256')
    .execute();
  return hazards.map((h) => ({
    id: Number(h.id),
    severity: h.severity as RecordHazardRow['severity'],
    description: h.description,
    itemKey: h.item_key,
    fixedOnSpot: h.fixed_on_spot,
    createdAt: h.created_at,
    photos: photos
      .filter((p) => Number(p.hazard_id) === Number(h.id))
      .map((p) => ({ sha256: p.sha256, mime: p.mime, byteSize: p.byte_size, fileName: p.file_name })),
  }));
}

export interface NewPhoto {
  sha256: string;
  mime: string;
  bytes: Uint8Array;
  fileName: string;
}

/** Stores photos content-addressed (a photo already stored is kept once) and links them to a hazard. */
export async function attachHazardPhotos(db: Db, hazardId: number, photos: readonly NewPhoto[], byUserId: number, now: Date) {
  if (photos.length === 0) return;
  await db
    .insertInto('photo_blob')
    .values(photos.map((p) => ({ sha256: p.sha256, mime: p.mime, byte_size: p.bytes.length, bytes: Buffer.from(p.bytes) })))
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  await db
    .insertInto('hazard_photo')
    .values(
      photos.map((p) => ({
        hazard_id: hazardId,
        sha256: p.sha256,
        file_name: storedFileName(p.fileName),
        added_at: now,
        added_by: byUserId,
      })),
    )
    .onConflict((oc) => oc.columns(['hazard_id', 'sha256']).doNothing())
    .execute();
}

/** A photo's bytes when it belongs to a hazard of this inspection (else undefined). */
export async function findInspectionPhoto(
  db: Db,
  inspectionId: number,
  sha256: string,
): Promise<{ mime: string; bytes: Buffer } | undefined> {
  return db
    .selectFrom('photo_blob as b')
    .select(['b.mime', 'b.bytes'])
    .where('b.sha256', '=', sha256)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('hazard_photo as hp')
          .innerJoin('hazard as h', 'h.id', 'hp.hazard_id')
          .select('hp.sha256')
          .whereRef('hp.sha256', '=', 'b.sha256')
          .where('h.inspection_id', '=', inspectionId),
      ),
    )
    .executeTakeFirst();
}

/** The drawn signature of an inspection, if any. */
export async function findSignaturePng(db: Db, inspectionId: number): Promise<Buffer | null> {
  const r = await db.selectFrom('inspection').select('signature_png').where('id', '=', inspectionId).executeTakeFirst();
  return r?.signature_png ?? null;
}

/** Standing recusals of these officers from this entity. */
export async function recusalsOf(db: Db, entityId: number, officerIds: readonly number[]) {
  if (officerIds.length === 0) return [];
  const rows = await db
    .selectFrom('officer_recusal')
    .select(['officer_id', 'entity_id'])
    .where('entity_id', '=', entityId)
    .where('officer_id', 'in', officerIds)
    .where('withdrawn_on', 'is', null)
    .execute();
  return rows.map((r) => ({ officerId: String(r.officer_id), entityId: String(r.entity_id) }));
}
