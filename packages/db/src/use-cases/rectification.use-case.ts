/**
 * Rectification (issue 10 §3): a notice issued for a hazard, served, extended with a leader's
 * approval, reviewed at the unit's request, closed or reopened by the review's opinion. Every step is
 * one use-case called alike by the case pages, the JSON API and any CLI or worker: it checks the
 * actor's scope on the stored rows (an officer on the inspection for cases.manage, a leader covering
 * the regime for extensions.approve), applies core's rules (deadline policy, extension, service,
 * review due, the state machine), and writes the change and its audit entry in one transaction.
 * Refusals are audited too ('denied' for scope, 'failure' for a rule or bad input) and change nothing.
 *
 * The notice's text is an official_document: written at issue, editable (hazard text, deadline) only
 * until it is served, frozen at service (content + SHA-256, first_served_at; a trigger refuses any
 * later change, and migration 0015's triggers refuse edits of the hazard and deadline it shows).
 */
import {
  bureauDate,
  can,
  checkExtensionApproval,
  checkExtensionRequest,
  checkNoticeService,
  compareIsoDates,
  decideRectificationDeadline,
  formatDocumentNumber,
  getRegime,
  isIsoDate,
  nextRectificationStatus,
  noticePrefixOfRegime,
  noticeRefusalForHazard,
  reviewDue,
  yearOf,
  EXTENSION_REASON_MAX,
  type Bilingual,
  type Permission,
  type Reason,
  type RectificationEvent,
  type RegimeCode,
  type StatutoryCalendar,
} from '@supervise/core';
import { assertDocumentContent } from '@supervise/documents';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { loadCalendar } from '../repositories/calendar-import.repository.js';
import {
  findInspectionForCase,
  findRectification,
  findReviewByInspection,
  inspectionOfficers,
  takeDocumentNumber,
  type CaseInspectionRow,
  type RectificationRow,
} from '../repositories/rectification.repository.js';
import type { Actor } from './actor.js';
import { runAudited, type AuditedWork } from './audited.js';
import { noticeContentSha256, type RectificationNoticeContent } from './notice-content.js';

export type { RectificationNoticeContent } from './notice-content.js';

/** The issuing authority printed on notices. */
export const NOTICE_ISSUER = '石家庄市公安局鹿泉分局';
export const REVIEW_NOTE_MAX = 1000;

export const RECTIFICATION_AUDIT = {
  issue: 'rectification.issue',
  edit: 'rectification.edit',
  serve: 'rectification.serve',
  extensionRequest: 'rectification.extension.request',
  extensionApprove: 'rectification.extension.approve',
  extensionReject: 'rectification.extension.reject',
  reviewRequest: 'rectification.review.request',
  reviewOpinion: 'rectification.review.opinion',
} as const;

export type RectificationErrorCode =
  'RECT-NOT-FOUND' | 'RECT-DENIED' | 'RECT-BAD-INPUT' | 'RECT-RULE' | 'RECT-STATE' | 'RECT-FROZEN';

/** A refusal of a rectification use-case: what and where (field), with core's reasons when a rule broke. */
export class RectificationError extends Error {
  override readonly name = 'RectificationError';
  constructor(
    readonly code: RectificationErrorCode,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
    readonly reasons: Reason[] = [],
  ) {
    super(`${zh} / ${en}`);
  }
}

const ruleError = (reasons: Reason[], field: string) =>
  new RectificationError('RECT-RULE', reasons.map((r) => r.zh).join('；'), reasons.map((r) => r.en).join('; '), field, reasons);

const badInput = (field: string, zh: string, en: string) => new RectificationError('RECT-BAD-INPUT', zh, en, field);

type Trx = Transaction<DB>;

/** Runs `work` with its audit entry (runAudited); a RectificationError is audited as the refusal it is. */
function audited<T>(
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  entity: { type: string; id: number | null },
  details: Record<string, unknown>,
  work: (trx: Trx) => Promise<AuditedWork<T>>,
): Promise<T> {
  return runAudited(db, actor, action, entity, details, work, (e) =>
    e instanceof RectificationError
      ? {
          denied: e.code === 'RECT-DENIED',
          code: e.code,
          details: { refusal: e.en, field: e.field ?? null, reasons: e.reasons.map((r) => r.code) },
        }
      : null,
  );
}

interface ScopeRow {
  regime_code: string;
  brigade_id: string;
  station_id: string | null;
}

function scopeOfRow(r: ScopeRow) {
  return { regime: r.regime_code, brigadeId: r.brigade_id, stationId: r.station_id };
}

/**
 * cases.manage on the stored row: the permission for the case's regime/brigade/station AND the actor's
 * officer is one of the officers on the inspection (the system actor is trusted).
 */
async function requireCaseOfficer(trx: Trx, actor: Actor, row: ScopeRow, inspectionId: number): Promise<void> {
  if (actor.principal === null) return;
  if (!can(actor.principal, 'cases.manage', scopeOfRow(row)))
    throw new RectificationError(
      'RECT-DENIED',
      `无权办理 ${row.regime_code} 的案件（需要 cases.manage，且在本人管辖范围内）`,
      `not allowed for ${row.regime_code} (requires cases.manage within your scope)`,
    );
  const officers = await inspectionOfficers(trx, inspectionId);
  if (actor.id === null || !officers.some((o) => o.user_id !== null && Number(o.user_id) === actor.id))
    throw new RectificationError(
      'RECT-DENIED',
      `只有检查 #${inspectionId} 的承办民警可以办理此事项`,
      `only the officers on inspection #${inspectionId} may do this`,
    );
}

function requirePermission(actor: Actor, permission: Permission, row: ScopeRow): void {
  if (actor.principal !== null && !can(actor.principal, permission, scopeOfRow(row)))
    throw new RectificationError(
      'RECT-DENIED',
      `无权对 ${row.regime_code} 执行此操作（需要 ${permission}）`,
      `not allowed for ${row.regime_code} (requires ${permission})`,
    );
}

function step(status: string, served: boolean, event: RectificationEvent): string {
  const t = nextRectificationStatus({ status, served }, event);
  if (!t.ok) throw new RectificationError('RECT-STATE', t.reason.zh, t.reason.en, undefined, [t.reason]);
  return t.status;
}

const isServed = (r: { served_at: Date | string | null; served_on: string | null }) =>
  r.served_at !== null || r.served_on !== null;

/** The deadline in force: the notice's, unless an extension or a reopening replaced it. */
export const deadlineInForce = (r: { deadline_on: string; extended_deadline_on: string | null }) =>
  r.extended_deadline_on ?? r.deadline_on;

function requireDate(v: string | null | undefined, field: string): string {
  if (!v || !isIsoDate(v))
    throw badInput(field, `日期无效：${v ?? ''}（应为 YYYY-MM-DD）`, `invalid date: ${v ?? ''} (YYYY-MM-DD)`);
  return v;
}

/**
 * The bureau's date the inspection ended: the record's own date (inspected_on, the server's bureau
 * date when it was closed, which a test or demo may pin), else the instant it ended or was closed.
 */
function inspectionEndedOn(i: Pick<CaseInspectionRow, 'ended_at' | 'inspected_on' | 'closed_at'>): string | null {
  if (i.inspected_on) return i.inspected_on;
  if (i.ended_at) return bureauDate(new Date(i.ended_at));
  if (i.closed_at) return bureauDate(new Date(i.closed_at));
  return null;
}

const isClosed = (i: Pick<CaseInspectionRow, 'status' | 'closed_at'>) => i.closed_at !== null || i.status === 'done';

function regimeZh(code: string): string {
  try {
    return getRegime(code as RegimeCode).zh;
  } catch {
    return code;
  }
}

function legalBasis(regime: string, clause: string | null): string[] {
  const rulebook = `《${regimeZh(regime)}事中事后监督管理制度》`;
  return [clause ? `${rulebook}${clause.replace(/^R\d\d\s*/, '')}` : `${rulebook}监督检查措施`];
}

async function buildContent(
  trx: Trx,
  insp: CaseInspectionRow,
  hazard: { severity: string; description: string },
  f: { number: string; deadlineOn: string; ruleZh: string | null; clause: string | null; issuedOn: string },
): Promise<RectificationNoticeContent> {
  const officers = await inspectionOfficers(trx, Number(insp.id));
  return {
    kind: 'rectification_notice',
    number: f.number,
    issuer: NOTICE_ISSUER,
    unit: { name: insp.entity_name, address: insp.entity_address, head: insp.entity_head },
    regime: { code: insp.regime_code, zh: regimeZh(insp.regime_code) },
    inspectedOn: inspectionEndedOn(insp) ?? f.issuedOn,
    hazards: [{ severity: hazard.severity === 'major' ? 'major' : 'general', description: hazard.description }],
    legalBasis: legalBasis(insp.regime_code, f.clause),
    deadlineOn: f.deadlineOn,
    deadlineRuleZh: f.ruleZh,
    officers: officers.map((o) => ({ name: o.name, badgeNo: o.credential_no ?? o.code })),
    issuedOn: f.issuedOn,
    servedAt: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Issue
// ---------------------------------------------------------------------------------------------

export interface IssueNoticeInput {
  hazardId: number;
  /** The deadline entered; null/absent takes the regime's default (R03 15 days, R14 two months). */
  deadlineOn?: string | null;
  /** Regimes without a statutory maximum: the officer confirms the date knowing there is none. */
  noMaximumAcknowledged?: boolean;
  /** The bureau's date (Asia/Shanghai): the notice's date. */
  today: string;
  /** The calendar to count with (loaded from the database when absent). */
  calendar?: StatutoryCalendar;
}

export interface IssuedNotice {
  rectificationId: number;
  documentId: number;
  number: string;
  deadlineOn: string;
  rule: string;
  /** Set when the seed sets no maximum: the note recorded and shown with the notice. */
  note: Bilingual | null;
}

/**
 * Issues the notice of one hazard of a closed inspection: checks the hazard needs one (R03: major
 * only; not fixed on the spot), the deadline against the regime's policy, takes the next number of
 * the brigade's prefix for the year, stores the rectification and its (not yet frozen) document.
 */
export async function issueNotice(db: Kysely<DB>, actor: Actor, input: IssueNoticeInput): Promise<IssuedNotice> {
  const details = {
    hazardId: input.hazardId,
    deadlineOn: input.deadlineOn ?? null,
    noMaximumAcknowledged: !!input.noMaximumAcknowledged,
  };
  return audited(db, actor, RECTIFICATION_AUDIT.issue, { type: 'hazard', id: input.hazardId }, details, async (trx) => {
    const hazard = await trx
      .selectFrom('hazard')
      .select(['id', 'inspection_id', 'severity', 'description', 'fixed_on_spot'])
      .where('id', '=', input.hazardId)
      .forUpdate()
      .executeTakeFirst();
    if (!hazard)
      throw new RectificationError(
        'RECT-NOT-FOUND',
        `隐患 #${input.hazardId} 不存在`,
        `hazard #${input.hazardId} not found`,
        'hazardId',
      );
    const insp = (await findInspectionForCase(trx, Number(hazard.inspection_id), { lock: true }))!;
    await requireCaseOfficer(trx, actor, insp, Number(insp.id));
    if (!isClosed(insp))
      throw new RectificationError(
        'RECT-STATE',
        '检查记录尚未结束，不能下达整改通知书',
        'The inspection record is not closed: no notice can be issued yet',
        'hazardId',
      );
    const existing = await trx
      .selectFrom('rectification')
      .select('notice_no')
      .where('hazard_id', '=', hazard.id)
      .executeTakeFirst();
    if (existing)
      throw new RectificationError(
        'RECT-STATE',
        `该隐患已下达通知书 ${existing.notice_no}`,
        `this hazard already has notice ${existing.notice_no}`,
        'hazardId',
      );
    const refusal = noticeRefusalForHazard({
      regime: insp.regime_code,
      severity: hazard.severity,
      fixedOnSpot: hazard.fixed_on_spot,
    });
    if (refusal) throw ruleError([refusal], 'hazardId');
    const today = requireDate(input.today, 'today');
    if (input.deadlineOn != null && input.deadlineOn !== '') requireDate(input.deadlineOn, 'deadlineOn');
    const cal = input.calendar ?? (await loadCalendar(trx));
    const decision = decideRectificationDeadline(cal, {
      regime: insp.regime_code,
      startOn: today,
      dueOn: input.deadlineOn ? input.deadlineOn : null,
      noMaximumAcknowledged: input.noMaximumAcknowledged,
    });
    if (!decision.ok) throw ruleError(decision.reasons, 'deadlineOn');
    const prefix = noticePrefixOfRegime(insp.regime_code);
    if (!prefix) throw badInput('hazardId', `未知的监管领域 ${insp.regime_code}`, `unknown regime ${insp.regime_code}`);
    const n = await takeDocumentNumber(trx, prefix, yearOf(today));
    const number = formatDocumentNumber(prefix, yearOf(today), n);
    const rect = await trx
      .insertInto('rectification')
      .values({
        hazard_id: hazard.id,
        notice_no: number,
        deadline_on: decision.dueOn,
        deadline_rule: decision.rule,
        status: 'open',
        issued_on: today,
        issued_at: new Date(),
        issued_by: actor.id,
        period_started_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const content = await buildContent(trx, insp, hazard, {
      number,
      deadlineOn: decision.dueOn,
      ruleZh: decision.ruleZh,
      clause: decision.clause,
      issuedOn: today,
    });
    checkContent(content);
    const doc = await trx
      .insertInto('official_document')
      .values({
        kind: 'rectification_notice',
        number,
        rectification_id: rect.id,
        content: JSON.stringify(content),
        content_sha256: noticeContentSha256(content),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result: IssuedNotice = {
      rectificationId: Number(rect.id),
      documentId: Number(doc.id),
      number,
      deadlineOn: decision.dueOn,
      rule: decision.rule,
      note: decision.note,
    };
    return {
      result,
      after: { ...result, inspectionId: Number(insp.id), regime: insp.regime_code },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Edit before service
// ---------------------------------------------------------------------------------------------

export interface EditNoticeInput {
  rectificationId: number;
  /** A corrected hazard text. */
  description?: string;
  /** A corrected deadline (the regime's policy again). */
  deadlineOn?: string;
  noMaximumAcknowledged?: boolean;
  today: string;
  calendar?: StatutoryCalendar;
}

/**
 * Corrects the hazard text or the deadline a notice shows, and its document, before service. Once
 * served, refused: the notice is frozen (change the deadline by an extension or a review instead).
 */
export async function editNotice(
  db: Kysely<DB>,
  actor: Actor,
  input: EditNoticeInput,
): Promise<{ deadlineOn: string; description: string }> {
  const details = { description: input.description ?? null, deadlineOn: input.deadlineOn ?? null };
  return audited(
    db,
    actor,
    RECTIFICATION_AUDIT.edit,
    { type: 'rectification', id: input.rectificationId },
    details,
    async (trx) => {
      const r = await lockedRectification(trx, input.rectificationId);
      await requireCaseOfficer(trx, actor, r, Number(r.inspection_id));
      if (isServed(r) || r.first_served_at !== null) {
        const t = nextRectificationStatus({ status: r.status, served: true }, 'edit');
        const reason = t.ok ? null : t.reason;
        throw new RectificationError(
          'RECT-FROZEN',
          `通知书 ${r.notice_no} 已送达，${reason?.zh ?? '内容已固定'}`,
          `Notice ${r.notice_no} was served: ${reason?.en ?? 'its text is frozen'}`,
          input.deadlineOn !== undefined ? 'deadlineOn' : 'description',
          reason ? [reason] : [],
        );
      }
      step(r.status, false, 'edit');
      const description = input.description?.trim() ?? r.hazard_description;
      if (description === '') throw badInput('description', '隐患描述不能为空', 'the hazard description cannot be empty');
      let deadlineOn = r.deadline_on;
      let rule = r.deadline_rule;
      let ruleZh: string | null = null;
      let clause: string | null = null;
      if (input.deadlineOn !== undefined) {
        const cal = input.calendar ?? (await loadCalendar(trx));
        const d = decideRectificationDeadline(cal, {
          regime: r.regime_code,
          startOn: r.issued_on ?? input.today,
          dueOn: requireDate(input.deadlineOn, 'deadlineOn'),
          noMaximumAcknowledged: input.noMaximumAcknowledged,
        });
        if (!d.ok) throw ruleError(d.reasons, 'deadlineOn');
        deadlineOn = d.dueOn;
        rule = d.rule;
        ruleZh = d.ruleZh;
        clause = d.clause;
      }
      await trx.updateTable('hazard').set({ description }).where('id', '=', r.hazard_id).execute();
      await trx
        .updateTable('rectification')
        .set({ deadline_on: deadlineOn, deadline_rule: rule })
        .where('id', '=', r.id)
        .execute();
      const old = r.content as unknown as RectificationNoticeContent;
      const content: RectificationNoticeContent = {
        ...old,
        hazards: [{ severity: r.hazard_severity === 'major' ? 'major' : 'general', description }],
        deadlineOn,
        ...(input.deadlineOn !== undefined ? { deadlineRuleZh: ruleZh, legalBasis: legalBasis(r.regime_code, clause) } : {}),
      };
      checkContent(content);
      await trx
        .updateTable('official_document')
        .set({ content: JSON.stringify(content), content_sha256: noticeContentSha256(content) })
        .where('id', '=', r.document_id!)
        .execute();
      return {
        result: { deadlineOn, description },
        before: { description: r.hazard_description, deadlineOn: r.deadline_on },
        after: { description, deadlineOn },
      };
    },
  );
}

/** The document package's content check: a notice it cannot print is refused, naming the field. */
function checkContent(content: RectificationNoticeContent): void {
  try {
    assertDocumentContent(content);
  } catch (e) {
    if (e instanceof Error && e.name === 'DocumentContentError') {
      const field = (e as Error & { field: string }).field;
      throw badInput(field, `通知书内容不完整：${e.message}`, `the notice cannot be printed: ${e.message}`);
    }
    throw e;
  }
}

async function lockedRectification(trx: Trx, id: number): Promise<RectificationRow> {
  const r = await findRectification(trx, id, { lock: true });
  if (!r)
    throw new RectificationError('RECT-NOT-FOUND', `整改通知 #${id} 不存在`, `rectification #${id} not found`, 'rectificationId');
  return r;
}

// ---------------------------------------------------------------------------------------------
// Serve
// ---------------------------------------------------------------------------------------------

export interface ServeNoticeInput {
  rectificationId: number;
  /** When the notice was handed over (recorded); defaults to now. */
  servedAt?: Date;
  /** R14: why the notice is served after 3 working days (required then). */
  lateReason?: string | null;
  today: string;
  calendar?: StatutoryCalendar;
}

export interface ServedNotice {
  servedOn: string;
  servedAt: string;
  late: boolean;
  serviceDueOn: string | null;
  contentSha256: string;
}

/** Records service and freezes the notice's document (content with servedAt, its SHA-256, first_served_at). */
export async function serveNotice(db: Kysely<DB>, actor: Actor, input: ServeNoticeInput): Promise<ServedNotice> {
  const servedAt = input.servedAt ?? new Date();
  const details = { servedAt: servedAt.toISOString(), lateReason: input.lateReason ?? null };
  return audited(
    db,
    actor,
    RECTIFICATION_AUDIT.serve,
    { type: 'rectification', id: input.rectificationId },
    details,
    async (trx) => {
      const r = await lockedRectification(trx, input.rectificationId);
      await requireCaseOfficer(trx, actor, r, Number(r.inspection_id));
      step(r.status, isServed(r), 'serve');
      if (Number.isNaN(servedAt.getTime())) throw badInput('servedAt', '送达时间无效', 'invalid time of service');
      const servedOn = bureauDate(servedAt);
      if (compareIsoDates(servedOn, input.today) > 0)
        throw badInput('servedAt', `送达时间 ${servedOn} 晚于今天`, `the time of service ${servedOn} is in the future`);
      const insp = (await findInspectionForCase(trx, Number(r.inspection_id)))!;
      const cal = input.calendar ?? (await loadCalendar(trx));
      const check = checkNoticeService(cal, {
        regime: r.regime_code,
        inspectionEndedOn: inspectionEndedOn(insp) ?? r.issued_on ?? servedOn,
        issuedOn: r.issued_on ?? servedOn,
        servedOn,
        lateReason: input.lateReason,
      });
      if (!check.ok) throw ruleError(check.reasons, check.late ? 'lateReason' : 'servedAt');
      await trx
        .updateTable('rectification')
        .set({
          served_at: servedAt,
          served_on: servedOn,
          service_due_on: check.dueOn,
          served_late: check.late,
          late_service_reason: check.lateReason,
        })
        .where('id', '=', r.id)
        .execute();
      const content: RectificationNoticeContent = {
        ...(r.content as unknown as RectificationNoticeContent),
        servedAt: servedAt.toISOString(),
      };
      const sha = noticeContentSha256(content);
      await trx
        .updateTable('official_document')
        .set({ content: JSON.stringify(content), content_sha256: sha, first_served_at: servedAt })
        .where('id', '=', r.document_id!)
        .execute();
      const result: ServedNotice = {
        servedOn,
        servedAt: servedAt.toISOString(),
        late: check.late,
        serviceDueOn: check.dueOn,
        contentSha256: sha,
      };
      return { result, after: { ...result, number: r.notice_no, lateReason: check.lateReason } };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Extensions
// ---------------------------------------------------------------------------------------------

export interface RequestExtensionInput {
  rectificationId: number;
  requestedDeadlineOn: string;
  reason: string;
  today: string;
}

export async function requestExtension(
  db: Kysely<DB>,
  actor: Actor,
  input: RequestExtensionInput,
): Promise<{ extensionId: number }> {
  const reason = input.reason.trim().slice(0, EXTENSION_REASON_MAX);
  const details = { requestedDeadlineOn: input.requestedDeadlineOn, reason };
  return audited(
    db,
    actor,
    RECTIFICATION_AUDIT.extensionRequest,
    { type: 'rectification', id: input.rectificationId },
    details,
    async (trx) => {
      const r = await lockedRectification(trx, input.rectificationId);
      await requireCaseOfficer(trx, actor, r, Number(r.inspection_id));
      step(r.status, isServed(r), 'extend');
      const pending = await trx
        .selectFrom('rectification_extension')
        .select('id')
        .where('rectification_id', '=', r.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (pending)
        throw new RectificationError(
          'RECT-STATE',
          '已有一项延期申请待审批',
          'an extension request is already pending',
          'requestedDeadlineOn',
        );
      const check = checkExtensionRequest({
        regime: r.regime_code,
        currentDeadlineOn: deadlineInForce(r),
        requestedOn: input.today,
        requestedDeadlineOn: input.requestedDeadlineOn,
        reason,
        served: isServed(r),
      });
      if (!check.ok)
        throw ruleError(
          check.reasons,
          check.reasons.some((x) => x.code === 'RECT-EXT-REASON-REQUIRED') ? 'reason' : 'requestedDeadlineOn',
        );
      const row = await trx
        .insertInto('rectification_extension')
        .values({
          rectification_id: r.id,
          requested_on: input.today,
          requested_deadline_on: input.requestedDeadlineOn,
          // The "original" deadline the approval must precede (migration 0019 checks it too).
          deadline_in_force_on: deadlineInForce(r),
          reason,
          requested_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        result: { extensionId: Number(row.id) },
        after: {
          extensionId: Number(row.id),
          currentDeadlineOn: deadlineInForce(r),
          requestedDeadlineOn: input.requestedDeadlineOn,
        },
      };
    },
  );
}

export interface DecideExtensionInput {
  extensionId: number;
  decision: 'approve' | 'reject';
  note?: string | null;
  today: string;
  calendar?: StatutoryCalendar;
}

/**
 * A leader (负责人) covering the case's regime approves or rejects a pending extension, not their own
 * request. An approval must come before the deadline in force when it was asked (on or after it:
 * refused) and keeps R03 within 30 days of the period's start and R14 within two months.
 */
export async function decideExtension(
  db: Kysely<DB>,
  actor: Actor,
  input: DecideExtensionInput,
): Promise<{ status: 'approved' | 'rejected'; deadlineOn: string }> {
  const note = (input.note ?? '').trim().slice(0, EXTENSION_REASON_MAX) || null;
  const action = input.decision === 'approve' ? RECTIFICATION_AUDIT.extensionApprove : RECTIFICATION_AUDIT.extensionReject;
  type Decided = { status: 'approved' | 'rejected'; deadlineOn: string };
  return audited<Decided>(
    db,
    actor,
    action,
    { type: 'rectification_extension', id: input.extensionId },
    { note },
    async (trx) => {
      const x = await trx
        .selectFrom('rectification_extension')
        .selectAll()
        .where('id', '=', input.extensionId)
        .forUpdate()
        .executeTakeFirst();
      if (!x)
        throw new RectificationError(
          'RECT-NOT-FOUND',
          `延期申请 #${input.extensionId} 不存在`,
          `extension #${input.extensionId} not found`,
          'extensionId',
        );
      const r = await lockedRectification(trx, Number(x.rectification_id));
      if (actor.principal === null || actor.id === null)
        throw new RectificationError('RECT-DENIED', '延期须由负责人本人批准', 'an extension is decided by a leader in person');
      requirePermission(actor, 'extensions.approve', r);
      if (x.status !== 'pending')
        throw new RectificationError(
          'RECT-STATE',
          '该延期申请已处理',
          'this extension request was already decided',
          'extensionId',
        );
      if (input.decision === 'reject') {
        if (note === null) throw badInput('note', '驳回须说明理由', 'a rejection needs a note');
        await trx
          .updateTable('rectification_extension')
          .set({ status: 'rejected', decided_on: input.today, decided_by: actor.id, decision_note: note })
          .where('id', '=', x.id)
          .execute();
        return { result: { status: 'rejected', deadlineOn: deadlineInForce(r) }, entityId: Number(x.id) };
      }
      step(r.status, isServed(r), 'extend');
      const cal = input.calendar ?? (await loadCalendar(trx));
      const check = checkExtensionApproval(cal, {
        regime: r.regime_code,
        periodStartOn: r.period_started_on ?? r.issued_on ?? x.requested_on,
        // The deadline in force when the extension was asked for: the approval must precede it.
        currentDeadlineOn: x.deadline_in_force_on,
        requestedDeadlineOn: x.requested_deadline_on,
        decidedOn: input.today,
        requesterUserId: x.requested_by === null ? null : Number(x.requested_by),
        approverUserId: actor.id,
        approverIsLeader: actor.principal.roles.some((g) => g.role === 'leader'),
      });
      if (!check.ok) throw ruleError(check.reasons, 'decision');
      await trx
        .updateTable('rectification_extension')
        .set({ status: 'approved', decided_on: input.today, decided_by: actor.id, decision_note: note })
        .where('id', '=', x.id)
        .execute();
      // The date in force is now the extension's, bounded by the rule the check named (R03: 30 days).
      await trx
        .updateTable('rectification')
        .set({ extended_deadline_on: x.requested_deadline_on, deadline_rule: check.rule ?? r.deadline_rule })
        .where('id', '=', r.id)
        .execute();
      return {
        result: { status: 'approved', deadlineOn: x.requested_deadline_on },
        entityId: Number(x.id),
        before: { deadlineOn: deadlineInForce(r) },
        after: { deadlineOn: x.requested_deadline_on, rule: check.rule, rectificationId: Number(r.id) },
      };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Review
// ---------------------------------------------------------------------------------------------

export interface RequestReviewInput {
  rectificationId: number;
  /** The day the unit reported the work done and asked for review (defaults to today). */
  requestedOn?: string;
  note?: string | null;
  today: string;
  calendar?: StatutoryCalendar;
}

export interface RequestedReview {
  reviewId: number;
  inspectionId: number;
  dueOn: string;
  rule: string;
  source: Bilingual;
}

/**
 * The unit's request for review: a review inspection (trigger 'review', the case's officers) linked
 * to the notice, due within 5 working days of the request or of the deadline's expiry (R03's clause;
 * the bureau's practice for the other regimes, labelled as such).
 */
export async function requestReview(db: Kysely<DB>, actor: Actor, input: RequestReviewInput): Promise<RequestedReview> {
  const requestedOn = input.requestedOn ?? input.today;
  const note = (input.note ?? '').trim().slice(0, REVIEW_NOTE_MAX) || null;
  const details = { requestedOn, note };
  return audited(
    db,
    actor,
    RECTIFICATION_AUDIT.reviewRequest,
    { type: 'rectification', id: input.rectificationId },
    details,
    async (trx) => {
      const r = await lockedRectification(trx, input.rectificationId);
      await requireCaseOfficer(trx, actor, r, Number(r.inspection_id));
      const status = step(r.status, isServed(r), 'request_review');
      requireDate(requestedOn, 'requestedOn');
      if (compareIsoDates(requestedOn, input.today) > 0)
        throw badInput('requestedOn', `申请日期 ${requestedOn} 晚于今天`, `the request date ${requestedOn} is in the future`);
      if (r.served_on && compareIsoDates(requestedOn, r.served_on) < 0)
        throw badInput(
          'requestedOn',
          `申请日期早于送达日期 ${r.served_on}`,
          `the request date is before the service (${r.served_on})`,
        );
      const cal = input.calendar ?? (await loadCalendar(trx));
      const due = reviewDue(cal, { regime: r.regime_code, deadlineOn: deadlineInForce(r), requestedOn });
      const inspection = await trx
        .insertInto('inspection')
        .values({
          entity_id: r.entity_id,
          regime_code: r.regime_code,
          trigger: 'review',
          planned_on: due.dueOn,
          status: 'planned',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const officers = await inspectionOfficers(trx, Number(r.inspection_id));
      if (officers.length)
        await trx
          .insertInto('inspection_officer')
          .values(officers.map((o) => ({ inspection_id: inspection.id, officer_id: o.id, assigned_by: 'review' })))
          .execute();
      const review = await trx
        .insertInto('rectification_review')
        .values({
          rectification_id: r.id,
          requested_on: requestedOn,
          requested_by: actor.id,
          request_note: note,
          due_on: due.dueOn,
          due_rule: due.rule,
          inspection_id: inspection.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('rectification')
        .set({
          status,
          review_requested_on: requestedOn,
          review_due_on: due.dueOn,
          review_inspection_id: inspection.id,
          review_opinion: null,
          review_note: null,
        })
        .where('id', '=', r.id)
        .execute();
      const result: RequestedReview = {
        reviewId: Number(review.id),
        inspectionId: Number(inspection.id),
        dueOn: due.dueOn,
        rule: due.rule,
        source: due.source,
      };
      return { result, before: { status: r.status }, after: { ...result, status } };
    },
  );
}

export interface ReviewOpinionInput {
  /** The review inspection (trigger 'review'). */
  inspectionId: number;
  opinion: 'passed' | 'failed';
  note?: string | null;
  /** Failed: the new deadline (the regime's policy, counted from today). */
  newDeadlineOn?: string | null;
  noMaximumAcknowledged?: boolean;
  today: string;
  calendar?: StatutoryCalendar;
}

export interface RecordedOpinion {
  rectificationId: number;
  status: 'completed' | 'reopened';
  reviewedOn: string;
  /** Whether the review came after its due date (shown; the police's own limit). */
  late: boolean;
  newDeadlineOn: string | null;
  note: Bilingual | null;
}

/**
 * The review's opinion (复查意见), recorded by an officer on the review inspection: passed closes the
 * notice (completed, completed_on = reviewed_on); failed reopens it with a new deadline through the
 * same deadline policy. The review inspection is closed as done.
 */
export async function recordReviewOpinion(db: Kysely<DB>, actor: Actor, input: ReviewOpinionInput): Promise<RecordedOpinion> {
  const note = (input.note ?? '').trim().slice(0, REVIEW_NOTE_MAX) || null;
  const details = { opinion: input.opinion, note, newDeadlineOn: input.newDeadlineOn ?? null };
  return audited(
    db,
    actor,
    RECTIFICATION_AUDIT.reviewOpinion,
    { type: 'inspection', id: input.inspectionId },
    details,
    async (trx) => {
      const v = await findReviewByInspection(trx, input.inspectionId, { lock: true });
      if (!v)
        throw new RectificationError(
          'RECT-NOT-FOUND',
          `检查 #${input.inspectionId} 不是复查`,
          `inspection #${input.inspectionId} is not a review`,
          'inspectionId',
        );
      const r = await lockedRectification(trx, Number(v.rectification_id));
      await requireCaseOfficer(trx, actor, r, input.inspectionId);
      if (v.opinion !== null)
        throw new RectificationError('RECT-STATE', '该复查已出具意见', 'this review already has its opinion', 'opinion');
      if (input.opinion !== 'passed' && input.opinion !== 'failed')
        throw badInput('opinion', '复查意见应为合格或不合格', 'the opinion is passed or failed');
      const status = step(r.status, isServed(r), input.opinion === 'passed' ? 'review_passed' : 'review_failed');
      const reviewedOn = input.today;
      if (compareIsoDates(reviewedOn, v.requested_on) < 0)
        throw badInput('opinion', '复查日期早于复查申请日期', 'the review cannot come before the request');
      let newDeadlineOn: string | null = null;
      let newRule: string | null = null;
      let policyNote: Bilingual | null = null;
      if (input.opinion === 'failed') {
        if (note === null)
          throw badInput('note', '复查不合格须写明未整改到位的情况', 'a failed review needs a note of what is not put right');
        const cal = input.calendar ?? (await loadCalendar(trx));
        const d = decideRectificationDeadline(cal, {
          regime: r.regime_code,
          startOn: reviewedOn,
          dueOn: input.newDeadlineOn ? requireDate(input.newDeadlineOn, 'newDeadlineOn') : null,
          noMaximumAcknowledged: input.noMaximumAcknowledged,
        });
        if (!d.ok) throw ruleError(d.reasons, 'newDeadlineOn');
        newDeadlineOn = d.dueOn;
        newRule = d.rule;
        policyNote = d.note;
      }
      await trx
        .updateTable('rectification_review')
        .set({
          opinion: input.opinion,
          note,
          reviewed_on: reviewedOn,
          reviewed_by: actor.id,
          new_deadline_on: newDeadlineOn,
          new_deadline_rule: newRule,
        })
        .where('id', '=', v.id)
        .execute();
      await trx
        .updateTable('rectification')
        .set(
          input.opinion === 'passed'
            ? { status, completed_on: reviewedOn, reviewed_on: reviewedOn, review_opinion: 'passed', review_note: note }
            : {
                status,
                review_opinion: 'failed',
                review_note: note,
                // The deadline in force is now the reopened one; R03's 30 days count from the review.
                extended_deadline_on: newDeadlineOn,
                deadline_rule: newRule,
                period_started_on: reviewedOn,
              },
        )
        .where('id', '=', r.id)
        .execute();
      await trx
        .updateTable('inspection')
        .set({
          status: 'done',
          inspected_on: reviewedOn,
          outcome: input.opinion === 'passed' ? 'compliant' : 'hazards_found',
          summary: note,
          closed_at: new Date(),
          closed_by: actor.id,
        })
        .where('id', '=', input.inspectionId)
        .execute();
      const result: RecordedOpinion = {
        rectificationId: Number(r.id),
        status: status as 'completed' | 'reopened',
        reviewedOn,
        late: compareIsoDates(reviewedOn, v.due_on) > 0,
        newDeadlineOn,
        note: policyNote,
      };
      return { result, entityId: input.inspectionId, before: { status: r.status }, after: result };
    },
  );
}

/**
 * For any use-case that edits a hazard (the inspection record's): refuses, with a clear message,
 * when a served notice shows the hazard — its text is frozen (migration 0015's trigger refuses it too,
 * with a database error). Call it inside the editing transaction.
 */
export async function assertHazardEditable(db: Kysely<DB> | Trx, hazardId: number): Promise<void> {
  const r = await db
    .selectFrom('rectification')
    .select(['notice_no', 'served_on', 'served_at'])
    .where('hazard_id', '=', hazardId)
    .executeTakeFirst();
  if (r && isServed(r))
    throw new RectificationError(
      'RECT-FROZEN',
      `该隐患已写入已送达的整改通知书 ${r.notice_no}，内容已固定，不能修改`,
      `This hazard is shown on the served notice ${r.notice_no}: its text is frozen`,
      'description',
    );
}
