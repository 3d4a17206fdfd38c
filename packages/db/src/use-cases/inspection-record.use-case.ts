/**
 * The inspection record an inspector fills on site (issue 10 §2): the checklist of the regime's
 * catalogue, hazards with photos, the officers' confirmations (the second officer with their own
 * password), the inspected side's signature, refusal or noted absence, and closing through core's
 * gate. The web page's form actions, the JSON API (/api/v1/inspections/…, /api/v1/hazards/…) and any
 * other door call these functions.
 *
 * Scope, checked on the STORED rows: a write needs `inspections.record` and an account linked to an
 * officer on THIS inspection's roster; reading needs that, or `cases.view` over the entity's
 * brigade/station. A closed (or cancelled) record is read-only. Each write and its audit entry are one
 * transaction; a refusal changes nothing and is audited in a transaction of its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  PHOTO_MAX_PER_SUBMIT,
  PROCEDURE_REQUIREMENTS,
  accountThrottleKey,
  addressThrottleKey,
  bureauDate,
  can,
  checkPhoto,
  checkRecordClosing,
  checkSignaturePng,
  getRegime,
  REGIME_CODES,
  normaliseUsername,
  loginName,
  type InspectedSideSignature,
  type ProcedureRequirement,
  type Reason,
  type RecordClosingResult,
  type RegimeCode,
} from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { hashPassword, verifyPassword } from '../password.js';
import { recordAudit } from '../repositories/audit.repository.js';
import {
  attachHazardPhotos,
  findInspectionPhoto,
  findRecordInspection,
  findSignaturePng,
  listChecklistResults,
  listRecordHazards,
  listRecordOfficers,
  officerOfUser,
  recusalsOf,
  upsertChecklistResults,
  type ChecklistResultRow,
  type NewPhoto,
  type RecordHazardRow,
  type RecordInspectionRow,
  type RecordOfficerRow,
} from '../repositories/inspection-record.repository.js';
import { throttledCheck } from '../repositories/login-throttle.repository.js';
import { auditActor, type Actor } from './actor.js';

type Db = Kysely<DB>;
type Trx = Transaction<DB>;

export type ChecklistResult = ChecklistResultRow['result'];
export const CHECKLIST_RESULTS: readonly ChecklistResult[] = ['pass', 'fail', 'not_applicable'];
export const HAZARD_SEVERITIES = ['general', 'major'] as const;
export type HazardSeverity = (typeof HAZARD_SEVERITIES)[number];

/** Longest texts kept (characters). */
export const RECORD_TEXT_MAX = { note: 1000, description: 2000, signerName: 100, signatureNote: 1000, summary: 4000 } as const;

export type RecordRefusalCode =
  /** No such inspection (404). */
  | 'NOT_FOUND'
  /** The actor may not read or write this record (403). */
  | 'OUT_OF_SCOPE'
  /** The record is closed or the inspection cancelled: read-only (409). */
  | 'READ_ONLY'
  /** A field is missing or wrong; `field` names it (400). */
  | 'INVALID'
  /** A photo is not an image or too large; every refused file is named in `reasons` (400). */
  | 'PHOTO_REFUSED'
  /** The second officer's username or password is wrong (400; the same answer for every cause). */
  | 'SECOND_OFFICER_INVALID'
  /** Too many failed attempts for that username or from this address (429). */
  | 'SECOND_OFFICER_THROTTLED'
  /** The account is the signed-in one, or not the other officer on this inspection (400). */
  | 'SECOND_OFFICER_NOT_OTHER'
  /** The gate refuses to close; every missing thing in `reasons` (409). */
  | 'NOT_COMPLETE';

export interface RecordRefusal {
  ok: false;
  code: RecordRefusalCode;
  field?: string;
  reasons: Reason[];
}

export type RecordResult<T = object> = ({ ok: true } & T) | RecordRefusal;

/** HTTP status of a refusal, one mapping for the web actions and the JSON API. */
export function recordRefusalStatus(code: RecordRefusalCode): number {
  switch (code) {
    case 'NOT_FOUND':
      return 404;
    case 'OUT_OF_SCOPE':
      return 403;
    case 'READ_ONLY':
    case 'NOT_COMPLETE':
      return 409;
    case 'SECOND_OFFICER_THROTTLED':
      return 429;
    default:
      return 400;
  }
}

const REFUSAL_TEXT: Record<Exclude<RecordRefusalCode, 'INVALID' | 'PHOTO_REFUSED' | 'NOT_COMPLETE'>, Reason> = {
  NOT_FOUND: { code: 'NOT_FOUND', zh: '没有这次检查', en: 'No such inspection' },
  OUT_OF_SCOPE: {
    code: 'OUT_OF_SCOPE',
    zh: '只有本次检查的检查民警可以填写检查记录',
    en: 'Only an officer on this inspection may record it',
  },
  READ_ONLY: { code: 'READ_ONLY', zh: '检查记录已结束，不能再修改', en: 'The record is closed and can no longer be changed' },
  SECOND_OFFICER_INVALID: {
    code: 'SECOND_OFFICER_INVALID',
    zh: '第二名检查民警的用户名或密码不正确',
    en: "The second officer's username or password is wrong",
  },
  SECOND_OFFICER_THROTTLED: {
    code: 'SECOND_OFFICER_THROTTLED',
    zh: '尝试次数过多，请稍后再试',
    en: 'Too many attempts; try again later',
  },
  SECOND_OFFICER_NOT_OTHER: {
    code: 'SECOND_OFFICER_NOT_OTHER',
    zh: '确认人须是本次检查的另一名检查民警，且不能是当前登录的账号',
    en: 'The confirming officer must be the other officer on this inspection, not the signed-in account',
  },
};

const refusal = (code: keyof typeof REFUSAL_TEXT): RecordRefusal => ({ ok: false, code, reasons: [REFUSAL_TEXT[code]] });
const invalid = (field: string, zh: string, en: string): RecordRefusal => ({
  ok: false,
  code: 'INVALID',
  field,
  reasons: [{ code: 'INVALID', zh, en }],
});

// --- reading -----------------------------------------------------------------------------------

export interface InspectionRecordView {
  inspection: Omit<RecordInspectionRow, 'brigadeId' | 'stationId'> & { brigadeId: string; stationId: string | null };
  regimeName: { zh: string; en: string };
  procedure: ProcedureRequirement;
  officers: (RecordOfficerRow & { isActor: boolean })[];
  checklist: { id: string; zh: string; en: string; result: ChecklistResult | null; note: string | null }[];
  hazards: RecordHazardRow[];
  /** Open: neither closed nor cancelled; writes are allowed (to the officers on it). */
  open: boolean;
  /** The actor is an officer on this inspection holding inspections.record. */
  mayRecord: boolean;
  /** Core's gate on the record as it stands (the page lists what is still missing). */
  gate: RecordClosingResult;
  /** Hazards that need a rectification case (not fixed on the spot). */
  needsCase: boolean;
}

interface Loaded {
  row: RecordInspectionRow;
  officers: RecordOfficerRow[];
  actorOfficerId: number | null;
}

async function load(db: Db | Trx, actor: Actor, inspectionId: number, lock: boolean): Promise<Loaded | 'NOT_FOUND'> {
  const row = await findRecordInspection(db, inspectionId, lock);
  if (!row) return 'NOT_FOUND';
  const officers = await listRecordOfficers(db, inspectionId);
  const actorOfficerId = actor.id === null ? null : await officerOfUser(db, actor.id);
  return { row, officers, actorOfficerId };
}

const onRoster = (l: Loaded) => l.actorOfficerId !== null && l.officers.some((o) => o.officerId === l.actorOfficerId);

/** Writes: the permission, and the actor's own officer record on this inspection's stored roster. */
function mayWrite(actor: Actor, l: Loaded): boolean {
  return actor.principal !== null && can(actor.principal, 'inspections.record') && onRoster(l);
}

/** Reads: an officer on it, or cases.view over the entity's brigade/station (the system actor: yes). */
function mayRead(actor: Actor, l: Loaded): boolean {
  if (actor.principal === null) return actor.id === null;
  if (onRoster(l) && (can(actor.principal, 'inspections.record') || can(actor.principal, 'cases.view'))) return true;
  return can(actor.principal, 'cases.view', { regime: l.row.regime, brigadeId: l.row.brigadeId, stationId: l.row.stationId });
}

const isOpen = (row: RecordInspectionRow) => row.status === 'planned' && row.closedAt === null;

function regimeOf(row: RecordInspectionRow): RegimeCode {
  if (!(REGIME_CODES as readonly string[]).includes(row.regime))
    throw new Error(`inspection ${row.id}: unknown regime ${row.regime}`);
  return row.regime as RegimeCode;
}

const officerLabel = (o: RecordOfficerRow) => `${o.name}（${o.code}）`;

function signatureOf(row: RecordInspectionRow): InspectedSideSignature | null {
  if (row.signatureStatus === 'signed')
    return { status: 'signed', signerRole: row.signerRole ?? 'unit_head', signerName: row.signerName ?? '' };
  if (row.signatureStatus === 'refused') return { status: 'refused', note: row.signatureNote ?? '' };
  if (row.signatureStatus === 'absent') return { status: 'absent', note: row.signatureNote ?? '' };
  return null;
}

async function gateOf(
  db: Db | Trx,
  row: RecordInspectionRow,
  officers: RecordOfficerRow[],
  over: { audioVideoRecorded?: boolean | null } = {},
): Promise<RecordClosingResult> {
  const regime = regimeOf(row);
  const [results, hazards, recusals] = await Promise.all([
    listChecklistResults(db, row.id),
    listRecordHazards(db, row.id),
    recusalsOf(
      db,
      row.entity.id,
      officers.map((o) => o.officerId),
    ),
  ]);
  return checkRecordClosing({
    regime,
    entityId: String(row.entity.id),
    officers: officers.map((o) => ({
      officerId: String(o.officerId),
      idShown: o.idShown,
      confirmed: o.confirmedAt !== null,
      label: officerLabel(o),
    })),
    recusals,
    signature: signatureOf(row),
    audioVideoRecorded: (over.audioVideoRecorded ?? row.audioVideoRecorded) === true,
    record: { started: row.startedAt !== null, checklist: getRegime(regime).checklist, results, hazards },
  });
}

/**
 * The record as the page and `GET /api/v1/inspections/[id]` show it. Refused (OUT_OF_SCOPE) for an
 * actor who is neither on the inspection nor reads cases in its scope.
 */
export async function getInspectionRecord(
  db: Db,
  actor: Actor,
  inspectionId: number,
): Promise<RecordResult<{ record: InspectionRecordView }>> {
  const l = await load(db, actor, inspectionId, false);
  if (l === 'NOT_FOUND') return refusal('NOT_FOUND');
  if (!mayRead(actor, l)) return refusal('OUT_OF_SCOPE');
  const regime = regimeOf(l.row);
  const def = getRegime(regime);
  const [results, hazards, gate] = await Promise.all([
    listChecklistResults(db, inspectionId),
    listRecordHazards(db, inspectionId),
    gateOf(db, l.row, l.officers),
  ]);
  const byKey = new Map(results.map((r) => [r.itemKey, r]));
  return {
    ok: true,
    record: {
      inspection: l.row,
      regimeName: { zh: def.zh, en: def.en },
      procedure: PROCEDURE_REQUIREMENTS[regime],
      officers: l.officers.map((o) => ({ ...o, isActor: o.officerId === l.actorOfficerId })),
      checklist: def.checklist.map((c) => ({
        id: c.id,
        zh: c.zh,
        en: c.en,
        result: byKey.get(c.id)?.result ?? null,
        note: byKey.get(c.id)?.note ?? null,
      })),
      hazards,
      open: isOpen(l.row),
      mayRecord: mayWrite(actor, l),
      gate,
      needsCase: hazards.some((h) => !h.fixedOnSpot),
    },
  };
}

/** A hazard photo's bytes, for an actor who may read the record it belongs to. */
export async function readInspectionPhoto(
  db: Db,
  actor: Actor,
  inspectionId: number,
  sha256: string,
): Promise<RecordResult<{ mime: string; bytes: Buffer }>> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return refusal('NOT_FOUND');
  const l = await load(db, actor, inspectionId, false);
  if (l === 'NOT_FOUND') return refusal('NOT_FOUND');
  if (!mayRead(actor, l)) return refusal('OUT_OF_SCOPE');
  const photo = await findInspectionPhoto(db, inspectionId, sha256);
  return photo ? { ok: true, ...photo } : refusal('NOT_FOUND');
}

/** The drawn signature (PNG), for an actor who may read the record. */
export async function readInspectionSignature(
  db: Db,
  actor: Actor,
  inspectionId: number,
): Promise<RecordResult<{ bytes: Buffer }>> {
  const l = await load(db, actor, inspectionId, false);
  if (l === 'NOT_FOUND') return refusal('NOT_FOUND');
  if (!mayRead(actor, l)) return refusal('OUT_OF_SCOPE');
  const png = await findSignaturePng(db, inspectionId);
  return png ? { ok: true, bytes: png } : refusal('NOT_FOUND');
}

// --- writing -----------------------------------------------------------------------------------

const AUDIT_ACTIONS = {
  start: 'inspection.record_start',
  checklist: 'inspection.checklist',
  hazard: 'inspection.hazard_add',
  photos: 'inspection.hazard_photos',
  confirm: 'inspection.officer_confirm',
  second: 'inspection.second_officer_confirm',
  signature: 'inspection.signature',
  close: 'inspection.close',
} as const;
type Step = keyof typeof AUDIT_ACTIONS;

/**
 * One write: lock the row, check scope and that the record is open, run `fn`, stamp started_at on
 * the first write, audit. A refusal (from the checks or from `fn`) rolls the transaction back and is
 * audited on its own.
 */
async function write<T extends object>(
  db: Db,
  actor: Actor,
  step: Step,
  inspectionId: number,
  now: Date,
  fn: (trx: Trx, l: Loaded) => Promise<RecordRefusal | ({ ok: true; audit?: { before?: unknown; after?: unknown } } & T)>,
  details: Record<string, unknown> = {},
): Promise<RecordResult<T>> {
  class Refused extends Error {
    constructor(readonly r: RecordRefusal) {
      super(r.code);
    }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const l = await load(trx, actor, inspectionId, true);
      if (l === 'NOT_FOUND') throw new Refused(refusal('NOT_FOUND'));
      if (!mayWrite(actor, l)) throw new Refused(refusal('OUT_OF_SCOPE'));
      if (!isOpen(l.row)) throw new Refused(refusal('READ_ONLY'));
      const r = await fn(trx, l);
      if (!r.ok) throw new Refused(r);
      if (l.row.startedAt === null)
        await trx.updateTable('inspection').set({ started_at: now }).where('id', '=', inspectionId).execute();
      const { audit, ...result } = r;
      await recordAudit(trx, {
        ...auditActor(actor),
        action: AUDIT_ACTIONS[step],
        entityType: 'inspection',
        entityId: inspectionId,
        before: audit?.before,
        after: audit?.after,
        details: { via: actor.via, ...details },
      });
      return result as RecordResult<T>;
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    await recordAudit(db, {
      ...auditActor(actor),
      action: AUDIT_ACTIONS[step],
      outcome: e.r.code === 'OUT_OF_SCOPE' ? 'denied' : 'failure',
      reason: e.r.code.toLowerCase(),
      entityType: 'inspection',
      entityId: inspectionId,
      details: { via: actor.via, ...details, field: e.r.field ?? null, reasons: e.r.reasons.map((x) => x.code) },
    });
    return e.r;
  }
}

/**
 * A content change voids the officers' confirmations: they confirmed the record as it was (检查记录
 * 由检查人员签名确认), so they confirm again what changed.
 */
async function voidConfirmations(trx: Trx, inspectionId: number) {
  await trx
    .updateTable('inspection_officer')
    .set({ confirmed_at: null, confirmed_by_user: null })
    .where('inspection_id', '=', inspectionId)
    .where('confirmed_at', 'is not', null)
    .execute();
}

/** Recording begins (started_at). Idempotent: a second start keeps the first time. */
export async function startInspectionRecord(
  db: Db,
  actor: Actor,
  inspectionId: number,
  now: Date,
): Promise<RecordResult<{ startedAt: Date }>> {
  return write(db, actor, 'start', inspectionId, now, async (_trx, l) => ({
    ok: true,
    startedAt: l.row.startedAt ?? now,
    audit: { after: { startedAt: l.row.startedAt ?? now } },
  }));
}

export interface ChecklistInput {
  inspectionId: number;
  /** Results to write; items not listed keep what they had (a partial save). */
  results: readonly { itemKey: string; result: string; note?: string | null }[];
}

/** Saves results of checklist items of the regime's catalogue (partial saves allowed while open). */
export async function saveChecklistResults(
  db: Db,
  actor: Actor,
  input: ChecklistInput,
  now: Date,
): Promise<RecordResult<{ saved: number }>> {
  return write(db, actor, 'checklist', input.inspectionId, now, async (trx, l) => {
    const items = new Set(getRegime(regimeOf(l.row)).checklist.map((c) => c.id));
    const rows: ChecklistResultRow[] = [];
    const seen = new Set<string>();
    for (const r of input.results) {
      const field = `result_${r.itemKey}`;
      if (!items.has(r.itemKey))
        return invalid(
          field,
          `检查项目 ${r.itemKey} 不属于本制度的检查内容`,
          `Checklist item ${r.itemKey} is not in this regime's checklist`,
        );
      if (seen.has(r.itemKey)) return invalid(field, `检查项目 ${r.itemKey} 重复`, `Checklist item ${r.itemKey} is given twice`);
      seen.add(r.itemKey);
      if (!(CHECKLIST_RESULTS as readonly string[]).includes(r.result))
        return invalid(field, `检查项目 ${r.itemKey} 的结果无效`, `The result of checklist item ${r.itemKey} is not valid`);
      const note = (r.note ?? '').trim();
      if (note.length > RECORD_TEXT_MAX.note)
        return invalid(
          `note_${r.itemKey}`,
          `检查项目 ${r.itemKey} 的备注过长`,
          `The note of checklist item ${r.itemKey} is too long`,
        );
      rows.push({ itemKey: r.itemKey, result: r.result as ChecklistResult, note: note || null });
    }
    const before = new Map((await listChecklistResults(trx, l.row.id)).map((r) => [r.itemKey, r]));
    const changed = rows.filter(
      (r) => before.get(r.itemKey)?.result !== r.result || (before.get(r.itemKey)?.note ?? null) !== r.note,
    );
    if (changed.length > 0) {
      await upsertChecklistResults(trx, l.row.id, changed, now);
      await voidConfirmations(trx, l.row.id);
    }
    return {
      ok: true,
      saved: changed.length,
      audit: {
        before: changed.map((r) => before.get(r.itemKey) ?? { itemKey: r.itemKey, result: null }),
        after: changed,
      },
    };
  });
}

export interface PhotoUpload {
  fileName: string;
  bytes: Uint8Array;
}

/** Every file checked by its bytes and size (core); all refused files named, or all accepted. */
function checkPhotos(photos: readonly PhotoUpload[]): RecordRefusal | NewPhoto[] {
  if (photos.length > PHOTO_MAX_PER_SUBMIT)
    return invalid('photos', `一次最多上传 ${PHOTO_MAX_PER_SUBMIT} 张照片`, `At most ${PHOTO_MAX_PER_SUBMIT} photos per save`);
  const reasons: Reason[] = [];
  const out: NewPhoto[] = [];
  for (const p of photos) {
    const c = checkPhoto(p.fileName, p.bytes);
    if (!c.ok) reasons.push(c.reason);
    else
      out.push({
        sha256: createHash('sha256').update(p.bytes).digest('hex'),
        mime: c.mime,
        bytes: p.bytes,
        fileName: p.fileName,
      });
  }
  return reasons.length > 0 ? { ok: false, code: 'PHOTO_REFUSED', field: 'photos', reasons } : out;
}

export interface HazardInput {
  inspectionId: number;
  severity: string;
  description: string;
  /** The checklist item it relates to (an id of the regime's catalogue), or null. */
  itemKey: string | null;
  fixedOnSpot: boolean;
  photos: readonly PhotoUpload[];
}

/**
 * Records a hazard (一般/重大) with its photos. A photo that is not an image or too large refuses the
 * whole submit, naming each such file: nothing of it is saved.
 */
export async function addHazard(
  db: Db,
  actor: Actor,
  input: HazardInput,
  now: Date,
): Promise<RecordResult<{ hazardId: number; photos: string[] }>> {
  const photos = checkPhotos(input.photos);
  const names = input.photos.map((p) => p.fileName);
  return write(
    db,
    actor,
    'hazard',
    input.inspectionId,
    now,
    async (trx, l) => {
      if (!Array.isArray(photos)) return photos;
      if (!(HAZARD_SEVERITIES as readonly string[]).includes(input.severity))
        return invalid('severity', '请选择隐患等级（一般或重大）', 'Choose the hazard severity (general or major)');
      const description = input.description.trim();
      if (!description) return invalid('description', '请填写隐患描述', 'Describe the hazard');
      if (description.length > RECORD_TEXT_MAX.description)
        return invalid(
          'description',
          `隐患描述不得超过 ${RECORD_TEXT_MAX.description} 字`,
          `The description may have at most ${RECORD_TEXT_MAX.description} characters`,
        );
      const itemKey = input.itemKey?.trim() || null;
      if (itemKey !== null && !getRegime(regimeOf(l.row)).checklist.some((c) => c.id === itemKey))
        return invalid(
          'itemKey',
          `检查项目 ${itemKey} 不属于本制度的检查内容`,
          `Checklist item ${itemKey} is not in this regime's checklist`,
        );
      const h = await trx
        .insertInto('hazard')
        .values({
          inspection_id: l.row.id,
          severity: input.severity,
          description,
          item_key: itemKey,
          fixed_on_spot: input.fixedOnSpot,
          created_at: now,
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await attachHazardPhotos(trx, Number(h.id), photos, actor.id!, now);
      await voidConfirmations(trx, l.row.id);
      return {
        ok: true,
        hazardId: Number(h.id),
        photos: photos.map((p) => p.sha256),
        audit: {
          after: {
            hazardId: Number(h.id),
            severity: input.severity,
            itemKey,
            fixedOnSpot: input.fixedOnSpot,
            photos: photos.map((p) => ({ sha256: p.sha256, mime: p.mime, bytes: p.bytes.length })),
          },
        },
      };
    },
    { photoFiles: names },
  );
}

/** Adds photos to a hazard of an open record (`/api/v1/hazards/[id]/photos`, the page's photo form). */
export async function addHazardPhotos(
  db: Db,
  actor: Actor,
  input: { hazardId: number; photos: readonly PhotoUpload[] },
  now: Date,
): Promise<RecordResult<{ inspectionId: number; photos: string[] }>> {
  const hazard = await db.selectFrom('hazard').select('inspection_id').where('id', '=', input.hazardId).executeTakeFirst();
  if (!hazard) return refusal('NOT_FOUND');
  const inspectionId = Number(hazard.inspection_id);
  const photos = checkPhotos(input.photos);
  return write(
    db,
    actor,
    'photos',
    inspectionId,
    now,
    async (trx) => {
      if (!Array.isArray(photos)) return photos;
      if (photos.length === 0) return invalid('photos', '请选择照片', 'Choose at least one photo');
      await attachHazardPhotos(trx, input.hazardId, photos, actor.id!, now);
      await voidConfirmations(trx, inspectionId);
      return {
        ok: true,
        inspectionId,
        photos: photos.map((p) => p.sha256),
        audit: {
          after: {
            hazardId: input.hazardId,
            photos: photos.map((p) => ({ sha256: p.sha256, mime: p.mime, bytes: p.bytes.length })),
          },
        },
      };
    },
    { hazardId: input.hazardId, photoFiles: input.photos.map((p) => p.fileName) },
  );
}

/** The recording officer (the signed-in account) shows their ID and confirms the record. */
export async function confirmAsRecordingOfficer(
  db: Db,
  actor: Actor,
  input: { inspectionId: number; idShown: boolean },
  now: Date,
): Promise<RecordResult<{ officerCode: string }>> {
  return write(db, actor, 'confirm', input.inspectionId, now, async (trx, l) => {
    const me = l.officers.find((o) => o.officerId === l.actorOfficerId)!;
    await trx
      .updateTable('inspection_officer')
      .set({ id_shown: input.idShown, confirmed_at: now, confirmed_by_user: actor.id })
      .where('inspection_id', '=', l.row.id)
      .where('officer_id', '=', me.officerId)
      .execute();
    return { ok: true, officerCode: me.code, audit: { after: { officer: me.code, idShown: input.idShown } } };
  });
}

// The hash checked when the username is unknown, so that case costs as much as a wrong password.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomBytes(24).toString('base64url')));

export interface SecondOfficerInput {
  inspectionId: number;
  username: string;
  password: string;
  idShown: boolean;
}

/**
 * The SECOND officer confirms on the same phone with their own username and password (argon2id, as
 * at login, and throttled like login by username and by address, before any hashing). Refused unless
 * that account is linked to the other officer on this inspection and is not the signed-in account.
 */
export async function confirmAsSecondOfficer(
  db: Db,
  actor: Actor,
  input: SecondOfficerInput,
  now: Date,
): Promise<RecordResult<{ officerCode: string }>> {
  const username = input.username.trim();
  if (!username || !input.password)
    return invalid(
      !username ? 'username' : 'password',
      '请第二名检查民警输入用户名和密码',
      'The second officer enters their username and password',
    );
  // Scope first: an actor who may not write this record learns nothing about anyone's password.
  const pre = await load(db, actor, input.inspectionId, false);
  if (pre === 'NOT_FOUND' || !mayWrite(actor, pre) || !isOpen(pre.row))
    return write(db, actor, 'second', input.inspectionId, now, async () => refusal('OUT_OF_SCOPE'));
  const audited = { secondUsername: loginName(username) };
  const account = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'disabled_at', 'officer_id'])
    .where('username', '=', normaliseUsername(loginName(username)))
    .executeTakeFirst();
  // Counted before the hash, atomically (issue 15): concurrent guesses cannot pass the limit.
  const checked = await throttledCheck(
    db,
    [accountThrottleKey(username), addressThrottleKey(actor.ip ?? 'unknown')],
    now,
    async () => {
      const passwordOk = await verifyPassword(account?.password_hash ?? (await getDummyHash()), input.password);
      return !!account && passwordOk && account.disabled_at === null;
    },
  );
  if (checked.outcome === 'locked')
    return write(db, actor, 'second', input.inspectionId, now, async () => refusal('SECOND_OFFICER_THROTTLED'), audited);
  if (checked.outcome === 'failed' || !account)
    return write(db, actor, 'second', input.inspectionId, now, async () => refusal('SECOND_OFFICER_INVALID'), audited);
  return write(
    db,
    actor,
    'second',
    input.inspectionId,
    now,
    async (trx, l) => {
      const other = l.officers.find((o) => o.officerId !== l.actorOfficerId && o.officerId === Number(account.officer_id));
      if (Number(account.id) === actor.id || !other) return refusal('SECOND_OFFICER_NOT_OTHER');
      await trx
        .updateTable('inspection_officer')
        .set({ id_shown: input.idShown, confirmed_at: now, confirmed_by_user: Number(account.id) })
        .where('inspection_id', '=', l.row.id)
        .where('officer_id', '=', other.officerId)
        .execute();
      return {
        ok: true,
        officerCode: other.code,
        audit: { after: { officer: other.code, account: account.username, idShown: input.idShown } },
      };
    },
    audited,
  );
}

export type InspectedSideInput =
  | { inspectionId: number; status: 'signed'; signerName: string; signerRole: string; png: Uint8Array }
  | { inspectionId: number; status: 'refused' | 'absent'; note: string };

/**
 * The inspected side: the signature drawn on screen (a PNG within core's limit) with the signer's
 * name and role, or a refusal with its circumstances, or (where the regime allows) the head's absence.
 */
export async function saveInspectedSide(db: Db, actor: Actor, input: InspectedSideInput, now: Date): Promise<RecordResult> {
  return write(
    db,
    actor,
    'signature',
    input.inspectionId,
    now,
    async (trx, l) => {
      const req = PROCEDURE_REQUIREMENTS[regimeOf(l.row)];
      if (input.status === 'signed') {
        const name = input.signerName.trim();
        if (!name) return invalid('signerName', '请填写签字人姓名', "Enter the signer's name");
        if (name.length > RECORD_TEXT_MAX.signerName)
          return invalid('signerName', '签字人姓名过长', "The signer's name is too long");
        if (!(req.signers as readonly string[]).includes(input.signerRole))
          return invalid('signerRole', '本制度不允许该签字人身份', 'This regime does not accept a signer in that role');
        const png = checkSignaturePng(input.png);
        if (!png.ok) return { ok: false, code: 'INVALID', field: 'signature', reasons: [png.reason] };
        await trx
          .updateTable('inspection')
          .set({
            signature_status: 'signed',
            signer_name: name,
            signer_role: input.signerRole,
            signature_png: Buffer.from(input.png),
            signature_note: null,
            head_signed: true,
            head_refused_to_sign: false,
          })
          .where('id', '=', l.row.id)
          .execute();
        return {
          ok: true,
          audit: { after: { status: 'signed', signerName: name, signerRole: input.signerRole, pngBytes: input.png.length } },
        };
      }
      const note = input.note.trim();
      if (input.status === 'absent' && !req.absenceMayBeNoted)
        return invalid(
          'status',
          '本制度要求负责人签字或记录拒签，不在场不能代替',
          "This regime needs the head's signature or a recorded refusal",
        );
      if (!note)
        return invalid(
          'note',
          input.status === 'refused' ? '请记录拒绝签字的情况' : '请注明负责人不在场的情况',
          input.status === 'refused' ? 'Record the circumstances of the refusal' : "Note the head's absence",
        );
      if (note.length > RECORD_TEXT_MAX.signatureNote) return invalid('note', '说明过长', 'The note is too long');
      await trx
        .updateTable('inspection')
        .set({
          signature_status: input.status,
          signature_note: note,
          signer_name: null,
          signer_role: null,
          signature_png: null,
          head_signed: false,
          head_refused_to_sign: input.status === 'refused',
        })
        .where('id', '=', l.row.id)
        .execute();
      return { ok: true, audit: { after: { status: input.status, note } } };
    },
    { status: input.status },
  );
}

export interface CloseInput {
  inspectionId: number;
  /** R03: the whole inspection was recorded (audio/video); null keeps what is stored. */
  audioVideoRecorded: boolean | null;
  summary?: string | null;
  /**
   * The bureau's date the inspection took place (inspected_on), from the caller's clock (the web's
   * serverToday, which a test or demo may pin); `now`'s date in Asia/Shanghai when absent.
   */
  today?: string;
}

/**
 * Closes the record through core's gate (procedure + completeness); refused with every missing thing
 * listed, nothing written. On success: done, inspected_on (the bureau's date), ended_at, outcome,
 * closed_at/by. The record is read-only afterwards.
 */
export async function closeInspectionRecord(
  db: Db,
  actor: Actor,
  input: CloseInput,
  now: Date,
): Promise<RecordResult<{ outcome: 'compliant' | 'hazards_found'; needsCase: boolean }>> {
  return write(db, actor, 'close', input.inspectionId, now, async (trx, l) => {
    const summary = (input.summary ?? '').trim();
    if (summary.length > RECORD_TEXT_MAX.summary) return invalid('summary', '检查情况说明过长', 'The summary is too long');
    // Recording began with this write if it had not before (write() stamps it after the gate).
    const row = { ...l.row, startedAt: l.row.startedAt ?? now };
    const gate = await gateOf(trx, row, l.officers, { audioVideoRecorded: input.audioVideoRecorded });
    if (!gate.ok) return { ok: false, code: 'NOT_COMPLETE', reasons: gate.reasons };
    const hazards = await listRecordHazards(trx, l.row.id);
    const outcome = hazards.length > 0 ? ('hazards_found' as const) : ('compliant' as const);
    await trx
      .updateTable('inspection')
      .set({
        status: 'done',
        inspected_on: input.today ?? bureauDate(now),
        ended_at: now,
        outcome,
        closed_at: now,
        closed_by: actor.id,
        audio_video_recorded: input.audioVideoRecorded ?? l.row.audioVideoRecorded,
        summary: summary || l.row.summary,
      })
      .where('id', '=', l.row.id)
      .execute();
    const needsCase = hazards.some((h) => !h.fixedOnSpot);
    return {
      ok: true,
      outcome,
      needsCase,
      audit: { before: { status: l.row.status }, after: { status: 'done', outcome, hazards: hazards.length } },
    };
  });
}
