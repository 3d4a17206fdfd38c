/**
 * Penalties against a case (issue 10 §4): the web form, `POST /api/v1/penalties` and any later door
 * all come here.
 *
 * `recordPenalty` checks, in this order, on the rows that exist: the inspection (not found), the
 * actor's `penalties.record` scope over its entity (regime, brigade, station), that the actor's
 * officer was on the inspection, that the inspection is done; then the input (each bad field named),
 * core's `validatePenalty` (amounts, tiers, preconditions — derived from the rectification notice on
 * the file — and the hearing/collective-discussion gate) and core's `checkPenaltyProcedure` (the
 * dates of those records and of the decision). Every reason is returned at once, zh + en + clause,
 * and a refusal stores nothing but its audit entry. A lawful penalty is stored with its decision
 * number (the brigade's counter for the decision's year), its decision document frozen in
 * `official_document` (content + SHA-256) and its `penalty.record` audit entry, in one transaction.
 */
import {
  buildPenaltyDecisionContent,
  can,
  checkPenaltyProcedure,
  createCalendar,
  findViolationOfRegime,
  formatDocumentNumber,
  getRegime,
  isIsoDate,
  penaltyDecisionPrefix,
  preconditionsFromRectification,
  articleLabel,
  findStatuteArticle,
  validatePenalty,
  yearOf,
  type LegalReview,
  type PartyType,
  type PenaltyDecisionContent,
  type ProposedPenalty,
  type Reason,
  type RegimeCode,
  type Severity,
} from '@supervise/core';
import { assertDocumentContent, contentSha256, type PenaltyDecisionContent as DecisionDocument } from '@supervise/documents';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { loadStatutoryCalendar } from '../repositories/calendar.repository.js';
import {
  findPenaltyRecord,
  insertOfficialDocument,
  insertPenaltyRow,
  loadPenaltyCase,
  officerIdOfUser,
  takeDocumentSequence,
  type PenaltyCase,
  type PenaltyRecordView,
} from '../repositories/penalty.repository.js';
import { auditActor, type Actor } from './actor.js';

/** A unit's head or directly responsible person: a fine, a detention (R10 serious), or both. */
export interface IndividualFineInput {
  name: string;
  role: 'head' | 'directly_responsible';
  fineFen: number | null;
  detentionDays?: number | null;
}

export interface RecordPenaltyInput {
  inspectionId: number;
  rectificationId?: number | null;
  violation: string;
  severity?: Severity;
  party: { type: PartyType; name: string };
  facts: string;
  warning: boolean;
  fineFen: number | null;
  individualFines: readonly IndividualFineInput[];
  detentionDays: number | null;
  revokeLicence: boolean;
  suspendBusiness: boolean;
  /** R09: 收缴《特种行业许可证》. */
  confiscateLicence?: boolean;
  /** The statute article applied: an id of core's statute table, or words for one it lacks. */
  article?: string | null;
  /** The day of the act: it decides the version of the law applied (从旧兼从轻). */
  actOn: string | null;
  /** The officer judges the case major or complex (行政处罚法 第五十八条: a legal review first). */
  majorCase?: boolean;
  /** The recorded legal review (法制审核), where one is required. */
  legalReview?: LegalReview | null;
  /** R04: the inspection fees collected, the base of the fine. */
  inspectionFeesFen: number | null;
  /** R14: the overdue notice caused harm or seriously threatened safety (a fact the officer records). */
  harmOrSeriousThreat?: boolean;
  hearingNotifiedOn: string | null;
  hearingRequested: boolean | null;
  hearingHeldOn?: string | null;
  collectiveDiscussionOn: string | null;
  collectiveDiscussionNote: string | null;
  decidedOn: string;
  /** Today in Asia/Shanghai (the caller's clock): a decision is not dated after it. */
  today: string;
}

/** A reason, with the input field it is about when there is one. */
export type PenaltyReason = Reason & { field?: string };

export type PenaltyRefusalCode =
  'INSPECTION_NOT_FOUND' | 'OUT_OF_SCOPE' | 'NOT_ON_INSPECTION' | 'INSPECTION_NOT_DONE' | 'INVALID_INPUT' | 'REFUSED';

export type RecordPenaltyResult =
  | { ok: true; penaltyId: number; documentId: number; number: string; contentSha256: string; notes: Reason[] }
  | { ok: false; code: PenaltyRefusalCode; reasons: PenaltyReason[]; notes: Reason[] };

export const PENALTY_FACTS_MAX = 4000;
export const PENALTY_NAME_MAX = 200;
export const PENALTY_NOTE_MAX = 2000;

const DENIED: ReadonlySet<PenaltyRefusalCode> = new Set(['OUT_OF_SCOPE', 'NOT_ON_INSPECTION']);

const refusal = (code: PenaltyRefusalCode, reasons: PenaltyReason[], notes: Reason[] = []): RecordPenaltyResult => ({
  ok: false,
  code,
  reasons,
  notes,
});

const scopeOfCase = (c: PenaltyCase) => ({ regime: c.regimeCode, brigadeId: c.entity.brigadeId, stationId: c.entity.stationId });

/**
 * Whether the actor may record a penalty on this case: `penalties.record` over its entity and an
 * officer on the inspection. Shared by the form's load and the use-case.
 */
export async function penaltyRecordAccess(
  db: Kysely<DB>,
  actor: Actor,
  c: PenaltyCase,
): Promise<{ ok: true } | { ok: false; code: 'OUT_OF_SCOPE' | 'NOT_ON_INSPECTION' | 'INSPECTION_NOT_DONE'; reason: Reason }> {
  if (!can(actor.principal, 'penalties.record', scopeOfCase(c)))
    return {
      ok: false,
      code: 'OUT_OF_SCOPE',
      reason: { code: 'OUT_OF_SCOPE', zh: '该检查不在您的职责范围内', en: 'This inspection is outside your scope' },
    };
  const officerId = actor.id === null ? null : await officerIdOfUser(db, actor.id);
  if (officerId === null || !c.officers.some((o) => o.id === officerId))
    return {
      ok: false,
      code: 'NOT_ON_INSPECTION',
      reason: {
        code: 'NOT_ON_INSPECTION',
        zh: '只有参加该次检查的民警可以录入处罚',
        en: 'Only an officer on this inspection may enter a penalty',
      },
    };
  // A penalty follows the inspection's record: it is entered once the inspection is done.
  if (c.status !== 'done' && c.closedAt === null)
    return {
      ok: false,
      code: 'INSPECTION_NOT_DONE',
      reason: { code: 'INSPECTION_NOT_DONE', zh: '检查尚未完成，不能录入处罚', en: 'The inspection is not done yet' },
    };
  return { ok: true };
}

const fieldReason = (field: string, code: string, zh: string, en: string): PenaltyReason => ({ code, zh, en, field });
const isFen = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The input's own faults, each naming its field. */
function inputReasons(input: RecordPenaltyInput): PenaltyReason[] {
  const out: PenaltyReason[] = [];
  const facts = (input.facts ?? '').trim();
  if (facts === '')
    out.push(fieldReason('facts', 'PENALTY-FACTS-REQUIRED', '请填写违法事实', 'Enter the facts of the violation'));
  else if (facts.length > PENALTY_FACTS_MAX)
    out.push(
      fieldReason(
        'facts',
        'PENALTY-FACTS-TOO-LONG',
        `违法事实不超过 ${PENALTY_FACTS_MAX} 字`,
        `The facts are limited to ${PENALTY_FACTS_MAX} characters`,
      ),
    );
  if (input.party?.type !== 'unit' && input.party?.type !== 'individual')
    out.push(
      fieldReason('party.type', 'PENALTY-PARTY-TYPE-INVALID', '当事人应为单位或个人', 'The party is a unit or an individual'),
    );
  const name = (input.party?.name ?? '').trim();
  if (name === '' || name.length > PENALTY_NAME_MAX)
    out.push(
      fieldReason(
        'party.name',
        'PENALTY-PARTY-NAME-REQUIRED',
        '请填写当事人名称（不超过 200 字）',
        'Enter the party’s name (up to 200 characters)',
      ),
    );
  if (input.severity !== undefined && input.severity !== 'standard' && input.severity !== 'serious')
    out.push(fieldReason('severity', 'PENALTY-SEVERITY-INVALID', '情节应为一般或严重', 'Severity is standard or serious'));
  for (const [field, v] of [
    ['fineFen', input.fineFen],
    ['inspectionFeesFen', input.inspectionFeesFen],
  ] as const)
    if (v !== null && !isFen(v))
      out.push(
        fieldReason(
          field,
          'PENALTY-AMOUNT-INVALID',
          '金额应为不小于 0 的数，最多两位小数',
          'An amount is ≥ 0 with at most two decimals',
        ),
      );
  if (input.detentionDays !== null && !(Number.isSafeInteger(input.detentionDays) && input.detentionDays >= 0))
    out.push(
      fieldReason('detentionDays', 'PENALTY-DETENTION-INVALID', '拘留日数应为非负整数', 'Detention days are a whole number ≥ 0'),
    );
  input.individualFines.forEach((f, i) => {
    if ((f.name ?? '').trim() === '' || f.name.length > PENALTY_NAME_MAX)
      out.push(
        fieldReason(`individualFines.${i}.name`, 'PENALTY-PERSON-NAME-REQUIRED', '请填写责任人员姓名', 'Enter the person’s name'),
      );
    if (f.role !== 'head' && f.role !== 'directly_responsible')
      out.push(
        fieldReason(`individualFines.${i}.role`, 'PENALTY-PERSON-ROLE-INVALID', '责任人员身份无效', 'Invalid role of the person'),
      );
    if (f.fineFen !== null && !isFen(f.fineFen))
      out.push(
        fieldReason(
          `individualFines.${i}.fineFen`,
          'PENALTY-AMOUNT-INVALID',
          '金额应为不小于 0 的数，最多两位小数',
          'An amount is ≥ 0 with at most two decimals',
        ),
      );
    const d = f.detentionDays ?? null;
    if (d !== null && !(Number.isSafeInteger(d) && d > 0))
      out.push(
        fieldReason(
          `individualFines.${i}.detentionDays`,
          'PENALTY-DETENTION-INVALID',
          '拘留日数应为正整数',
          'Detention days are a whole number ≥ 1',
        ),
      );
    if (f.fineFen === null && d === null)
      out.push(
        fieldReason(
          `individualFines.${i}`,
          'PENALTY-PERSON-SANCTION-MISSING',
          '请填写对该责任人员的罚款或拘留',
          'Enter a fine or a detention for this person',
        ),
      );
  });
  if (input.actOn !== null && !isIsoDate(input.actOn))
    out.push(fieldReason('actOn', 'PENALTY-DATE-INVALID', '请填写有效的违法行为日期', 'Enter a valid date of the act'));
  if ((input.article ?? '').length > PENALTY_NAME_MAX)
    out.push(
      fieldReason(
        'article',
        'PENALTY-ARTICLE-TOO-LONG',
        `所引条款不超过 ${PENALTY_NAME_MAX} 字`,
        `The article is limited to ${PENALTY_NAME_MAX} characters`,
      ),
    );
  if (!isIsoDate(input.decidedOn))
    out.push(fieldReason('decidedOn', 'PENALTY-DATE-INVALID', '请填写有效的决定日期', 'Enter a valid decision date'));
  for (const [field, v] of [
    ['hearingNotifiedOn', input.hearingNotifiedOn],
    ['hearingHeldOn', input.hearingHeldOn ?? null],
    ['collectiveDiscussionOn', input.collectiveDiscussionOn],
  ] as const)
    if (v !== null && !isIsoDate(v)) out.push(fieldReason(field, 'PENALTY-DATE-INVALID', `日期无效：${v}`, `Invalid date: ${v}`));
  if ((input.collectiveDiscussionNote ?? '').length > PENALTY_NOTE_MAX)
    out.push(
      fieldReason(
        'collectiveDiscussionNote',
        'PENALTY-NOTE-TOO-LONG',
        `集体讨论意见不超过 ${PENALTY_NOTE_MAX} 字`,
        `The note is limited to ${PENALTY_NOTE_MAX} characters`,
      ),
    );
  return out;
}

/** The validator's reason codes that are about one field of the form. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  'PENALTY-FINE-OUT-OF-RANGE': 'fineFen',
  'PENALTY-FINE-OUT-OF-MULTIPLE-RANGE': 'fineFen',
  'PENALTY-FINE-REQUIRED': 'fineFen',
  'PENALTY-FINE-NOT-PROVIDED': 'fineFen',
  'PENALTY-BASE-MISSING': 'inspectionFeesFen',
  'PENALTY-DETENTION-REQUIRED': 'detentionDays',
  'PENALTY-DETENTION-OUT-OF-RANGE': 'detentionDays',
  'PENALTY-DETENTION-NOT-PROVIDED': 'detentionDays',
  'PENALTY-HEARING-RIGHT-NOT-NOTIFIED': 'hearingNotifiedOn',
  'PENALTY-COLLECTIVE-DISCUSSION-MISSING': 'collectiveDiscussionOn',
  'PENALTY-COLLECTIVE-DISCUSSION-NOTE-MISSING': 'collectiveDiscussionNote',
  'PENALTY-HEARING-REQUEST-NOT-RECORDED': 'hearingRequested',
  'PENALTY-HEARING-NOT-HELD': 'hearingHeldOn',
  'PENALTY-DECIDED-IN-FUTURE': 'decidedOn',
  'PENALTY-DECIDED-BEFORE-INSPECTION': 'decidedOn',
  'PENALTY-DECIDED-WITHIN-HEARING-REQUEST-PERIOD': 'decidedOn',
  'PENALTY-DECIDED-BEFORE-HEARING-NOTICE': 'decidedOn',
  'PENALTY-DECIDED-BEFORE-HEARING': 'decidedOn',
  'PENALTY-DECIDED-BEFORE-COLLECTIVE-DISCUSSION': 'decidedOn',
  'PENALTY-DECIDED-BEFORE-ACT': 'actOn',
  'PENALTY-ACT-DATE-REQUIRED': 'actOn',
  'PENALTY-ARTICLE-REQUIRED': 'article',
  'PENALTY-ARTICLE-NOT-OF-VIOLATION': 'article',
  'PENALTY-ARTICLE-VERSION-NOT-IN-FORCE': 'article',
  'PENALTY-LIGHTER-LATER-VERSION': 'article',
  'PENALTY-CONFISCATION-REQUIRED': 'confiscateLicence',
  'PENALTY-CONFISCATION-NOT-PROVIDED': 'confiscateLicence',
  'PENALTY-REVOCATION-REQUIRED': 'revokeLicence',
  'PENALTY-REVOCATION-NOT-PROVIDED': 'revokeLicence',
  'PENALTY-SUSPENSION-REQUIRED': 'suspendBusiness',
  'PENALTY-SUSPENSION-NOT-PROVIDED': 'suspendBusiness',
  'PENALTY-LEGAL-REVIEW-REQUIRED': 'legalReview',
  'PENALTY-LEGAL-REVIEW-REVIEWER-MISSING': 'legalReview.reviewer',
  'PENALTY-LEGAL-REVIEW-ARTICLE-MISSING': 'legalReview.article',
  'PENALTY-LEGAL-REVIEW-OPINION-MISSING': 'legalReview.opinion',
  'PENALTY-LEGAL-REVIEW-DATE-INVALID': 'legalReview.reviewedOn',
  'PENALTY-LEGAL-REVIEW-AFTER-DECISION': 'legalReview.reviewedOn',
  'PENALTY-LEGAL-REVIEW-BEFORE-ACT': 'legalReview.reviewedOn',
  'PENALTY-LEGAL-REVIEW-RANGE-INVALID': 'legalReview.approved',
};
const withField = (r: Reason): PenaltyReason => (FIELD_OF_CODE[r.code] ? { ...r, field: FIELD_OF_CODE[r.code] } : r);

/** What the use-case will store, once every check passed. */
interface Checked {
  c: PenaltyCase;
  proposed: ProposedPenalty;
  regime: RegimeCode;
  notes: Reason[];
  /** The article applied (statute table id, or the legal review's words) and its version. */
  citation: string | null;
  versionId: string | null;
  rule: NonNullable<ReturnType<typeof validatePenalty>['rule']>;
}

async function check(db: Kysely<DB>, actor: Actor, input: RecordPenaltyInput): Promise<RecordPenaltyResult | Checked> {
  const c = await loadPenaltyCase(db, input.inspectionId);
  if (!c)
    return refusal('INSPECTION_NOT_FOUND', [
      { code: 'INSPECTION_NOT_FOUND', zh: `检查 ${input.inspectionId} 不存在`, en: `No inspection ${input.inspectionId}` },
    ]);
  const access = await penaltyRecordAccess(db, actor, c);
  if (!access.ok) return refusal(access.code, [access.reason]);

  const bad = inputReasons(input);
  const regime = c.regimeCode as RegimeCode;
  // The violation is one of the inspection's regime (core's table, filtered by regime).
  const lookup = findViolationOfRegime(regime, input.violation ?? '');
  if (!lookup.ok) bad.push(fieldReason('violation', lookup.code, lookup.zh, lookup.en));
  let notice: PenaltyCase['rectifications'][number] | undefined;
  if (input.rectificationId != null) {
    notice = c.rectifications.find((r) => r.id === input.rectificationId);
    if (!notice)
      bad.push(
        fieldReason(
          'rectificationId',
          'PENALTY-RECTIFICATION-NOT-OF-CASE',
          '所选整改通知不属于本次检查',
          'The rectification notice chosen is not of this inspection',
        ),
      );
  }
  if (bad.length > 0 || !lookup.ok) return refusal('INVALID_INPUT', bad);

  const established = notice
    ? preconditionsFromRectification(
        {
          deadlineOn: notice.deadlineOn,
          extendedDeadlineOn: notice.extendedDeadlineOn,
          completedOn: notice.completedOn,
          reviewOpinion: notice.reviewOpinion === 'passed' || notice.reviewOpinion === 'failed' ? notice.reviewOpinion : null,
          hazardSeverity: notice.hazardSeverity === 'major' ? 'major' : 'general',
        },
        input.decidedOn,
        { harmOrSeriousThreat: input.harmOrSeriousThreat ?? false },
      )
    : [];
  const proposed: ProposedPenalty = {
    violation: lookup.rule.violation,
    severity: input.severity ?? 'standard',
    party: input.party.type,
    warning: input.warning,
    fineFen: input.fineFen,
    inspectionFeesFen: input.inspectionFeesFen,
    individualFines: input.individualFines.map((f) => ({
      personId: f.name.trim(),
      role: f.role,
      fineFen: f.fineFen,
      detentionDays: f.detentionDays ?? null,
    })),
    detentionDays: input.detentionDays,
    revokeLicence: input.revokeLicence,
    suspendBusiness: input.suspendBusiness,
    confiscateLicence: input.confiscateLicence ?? false,
    article: input.article ?? null,
    actOn: input.actOn,
    decidedOn: input.decidedOn,
    legalReview: input.legalReview ?? null,
    established,
    // The records on the file are what the gates ask for: a notice date, a discussion date, a hearing.
    procedure: {
      hearingRightNotified: input.hearingNotifiedOn !== null,
      collectiveDiscussionHeld: input.collectiveDiscussionOn !== null,
      hearingHeld: (input.hearingHeldOn ?? null) !== null,
      majorCase: input.majorCase ?? false,
    },
  };
  const verdict = validatePenalty(proposed);
  const stored = await loadStatutoryCalendar(db);
  const procedure = checkPenaltyProcedure(createCalendar(stored.days, stored.years), {
    requiresHearingNotice: verdict.requiresHearingNotice,
    decidedOn: input.decidedOn,
    inspectedOn: c.inspectedOn,
    today: input.today,
    hearingNotifiedOn: input.hearingNotifiedOn,
    hearingRequested: input.hearingRequested,
    hearingHeldOn: input.hearingHeldOn ?? null,
    collectiveDiscussionOn: input.collectiveDiscussionOn,
    collectiveDiscussionNote: input.collectiveDiscussionNote,
  });
  const reasons = [...verdict.reasons, ...procedure.reasons].map(withField);
  const notes = [...verdict.notes, ...procedure.notes];
  if (reasons.length > 0) return refusal('REFUSED', reasons, notes);
  return {
    c,
    proposed,
    regime,
    notes,
    citation: verdict.citation,
    versionId: verdict.appliedVersion?.id ?? null,
    rule: verdict.rule!,
  };
}

function refusalAudit(actor: Actor, input: RecordPenaltyInput, result: Extract<RecordPenaltyResult, { ok: false }>) {
  return {
    ...auditActor(actor),
    action: 'penalty.record',
    outcome: DENIED.has(result.code) ? ('denied' as const) : ('failure' as const),
    reason: result.code.toLowerCase(),
    entityType: 'inspection',
    entityId: input.inspectionId,
    // Codes only: the case text stays in the case file.
    details: { via: actor.via, violation: input.violation, refused: result.reasons.map((r) => r.code) },
  };
}

/** Checks and stores one penalty decision (see the file's comment). */
export async function recordPenalty(db: Kysely<DB>, actor: Actor, input: RecordPenaltyInput): Promise<RecordPenaltyResult> {
  return db.transaction().execute(async (trx) => {
    const checked = await check(trx, actor, input);
    if (!('proposed' in checked)) {
      if (!checked.ok) await recordAudit(trx, refusalAudit(actor, input, checked));
      return checked;
    }
    const { c, proposed, regime, notes, citation, versionId } = checked;
    const prefix = penaltyDecisionPrefix(c.entity.brigadeId);
    const year = yearOf(input.decidedOn);
    const number = formatDocumentNumber(prefix, year, await takeDocumentSequence(trx, prefix, year));
    const partyName = input.party.name.trim();
    const individualFines = input.individualFines.map((f) => ({
      name: f.name.trim(),
      role: f.role,
      fineFen: f.fineFen,
      detentionDays: f.detentionDays ?? null,
    }));
    const review = input.legalReview ?? null;
    const tableArticle = citation ? findStatuteArticle(citation) : undefined;
    const penaltyId = await insertPenaltyRow(trx, {
      inspection_id: c.inspectionId,
      entity_id: c.entity.id,
      regime_code: regime,
      violation_code: proposed.violation,
      decided_on: input.decidedOn,
      warning: input.warning,
      // The dashboard sums fine_fen (plus individual fines) per regime, as for the demo's rows.
      fine_fen: input.fineFen ?? 0,
      detention_days: input.detentionDays ?? 0,
      licence_revoked: input.revokeLicence,
      rectification_id: input.rectificationId ?? null,
      party_type: input.party.type,
      party_name: partyName,
      severity: proposed.severity ?? 'standard',
      facts: input.facts.trim(),
      individual_fines: individualFines.length ? JSON.stringify(individualFines) : null,
      suspend_business: input.suspendBusiness,
      inspection_fees_fen: input.inspectionFeesFen,
      harm_or_serious_threat: input.harmOrSeriousThreat ?? false,
      hearing_notified_on: input.hearingNotifiedOn,
      hearing_requested: input.hearingRequested,
      hearing_held_on: input.hearingHeldOn ?? null,
      collective_discussion_on: input.collectiveDiscussionOn,
      collective_discussion_note: input.collectiveDiscussionNote?.trim() || null,
      act_on: input.actOn,
      statute_article: citation,
      statute_version: versionId,
      confiscate_licence: input.confiscateLicence ?? false,
      major_case: input.majorCase ?? false,
      legal_reviewer: review?.reviewer.trim() ?? null,
      legal_reviewed_on: review?.reviewedOn ?? null,
      legal_review_article: review?.article.trim() ?? null,
      legal_review_approved: review ? JSON.stringify(review.approved) : null,
      legal_review_opinion: review?.opinion.trim() ?? null,
      created_by: actor.id,
    });
    const content: PenaltyDecisionContent = buildPenaltyDecisionContent({
      number,
      rule: checked.rule,
      articleZh: tableArticle ? articleLabel(tableArticle).zh : (review?.article.trim() ?? citation),
      regimeZh: getRegime(regime).zh,
      party: { type: input.party.type, name: partyName, address: input.party.type === 'unit' ? c.entity.address : null },
      facts: input.facts.trim(),
      sanctions: {
        warning: input.warning,
        fineFen: input.fineFen,
        individualFines,
        detentionDays: input.detentionDays,
        revokeLicence: input.revokeLicence,
        suspendBusiness: input.suspendBusiness,
        confiscateLicence: input.confiscateLicence ?? false,
      },
      hearingNotifiedOn: input.hearingNotifiedOn,
      collectiveDiscussionOn: input.collectiveDiscussionOn,
      officers: c.officers.map((o) => ({ name: o.name, badgeNo: o.code })),
      decidedOn: input.decidedOn,
    });
    // The documents package renders exactly this content: it must be a whole decision (a sanction, a
    // legal basis, an officer …) before it is frozen. A fault here is a bug, not the user's input.
    assertDocumentContent(content);
    const sha = contentSha256(content satisfies DecisionDocument);
    // Frozen at once (first_served_at set): the decision is served when it is recorded, and the
    // 0013 trigger refuses any later change of its text, number or hash.
    const documentId = await insertOfficialDocument(trx, {
      kind: 'penalty_decision',
      number,
      penalty_id: penaltyId,
      content: JSON.stringify(content),
      content_sha256: sha,
      first_served_at: new Date(),
    });
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'penalty.record',
      entityType: 'penalty',
      entityId: penaltyId,
      after: {
        number,
        violation: proposed.violation,
        severity: proposed.severity,
        partyType: input.party.type,
        fineFen: input.fineFen,
        individualFinesFen: individualFines.map((f) => f.fineFen),
        individualDetentionDays: individualFines.map((f) => f.detentionDays),
        detentionDays: input.detentionDays,
        confiscateLicence: input.confiscateLicence ?? false,
        actOn: input.actOn,
        article: citation,
        statuteVersion: versionId,
        legalReviewedBy: review?.reviewer.trim() ?? null,
        revokeLicence: input.revokeLicence,
        suspendBusiness: input.suspendBusiness,
        decidedOn: input.decidedOn,
      },
      details: { via: actor.via, inspectionId: c.inspectionId, documentId, contentSha256: sha },
    });
    return { ok: true, penaltyId, documentId, number, contentSha256: sha, notes };
  });
}

/** The case a penalty form is about, if the actor may record on it; else why not. */
export async function penaltyFormCase(
  db: Kysely<DB>,
  actor: Actor,
  inspectionId: number,
): Promise<
  | { ok: true; case: PenaltyCase }
  | { ok: false; code: 'INSPECTION_NOT_FOUND' | 'OUT_OF_SCOPE' | 'NOT_ON_INSPECTION' | 'INSPECTION_NOT_DONE'; reason: Reason }
> {
  const c = await loadPenaltyCase(db, inspectionId);
  if (!c)
    return {
      ok: false,
      code: 'INSPECTION_NOT_FOUND',
      reason: { code: 'INSPECTION_NOT_FOUND', zh: `检查 ${inspectionId} 不存在`, en: `No inspection ${inspectionId}` },
    };
  const access = await penaltyRecordAccess(db, actor, c);
  return access.ok ? { ok: true, case: c } : access;
}

/**
 * One penalty as its reader may see it: `cases.view` over its entity (regime, brigade, station),
 * checked on the stored row. `NOT_FOUND` for no such penalty, `OUT_OF_SCOPE` for one outside the scope.
 */
export async function readPenalty(
  db: Kysely<DB>,
  actor: Actor,
  penaltyId: number,
): Promise<{ ok: true; penalty: PenaltyRecordView } | { ok: false; code: 'NOT_FOUND' | 'OUT_OF_SCOPE' }> {
  const p = await findPenaltyRecord(db, penaltyId);
  if (!p) return { ok: false, code: 'NOT_FOUND' };
  if (!can(actor.principal, 'cases.view', { regime: p.regimeCode, brigadeId: p.entity.brigadeId, stationId: p.entity.stationId }))
    return { ok: false, code: 'OUT_OF_SCOPE' };
  return { ok: true, penalty: p };
}

export {
  listPenaltiesOfCase,
  type PenaltyListItem,
  type PenaltyRecordView,
  type PenaltyCase,
} from '../repositories/penalty.repository.js';
