/**
 * Into the one use-case (`recordPenalty`): the penalty form's fields (yuan, as typed) and the JSON
 * API's body (fen, as everywhere in `/api/v1`). Bad money or numbers are reasons naming the field,
 * like the use-case's own, so the page shows them all at once.
 */
import { findPenaltyRule, type Reason } from '@supervise/core';
import type { PenaltyReason, RecordPenaltyInput } from '@supervise/db';
import { z } from 'zod';
import {
  PERSON_ROWS,
  articleOf,
  emptyPenaltyValues,
  legalReviewOf,
  wholeNumber,
  yuanToFen,
  type PenaltyFormValues,
} from '$lib/penalty-form';
import { parseBody } from './api-error.js';
import { legalReviewSchema } from './penalty-check.js';

const str = (form: FormData, k: string, max: number) => String(form.get(k) ?? '').slice(0, max);

/** What was typed, kept as typed (to show it again after a refusal). */
export function valuesFromForm(form: FormData): PenaltyFormValues {
  const v = emptyPenaltyValues('', '');
  const requested = str(form, 'hearingRequested', 3);
  return {
    violation: str(form, 'violation', 100),
    severity: form.get('severity') === 'serious' ? 'serious' : 'standard',
    rectificationId: str(form, 'rectificationId', 20),
    harm: form.get('harm') === 'on',
    partyType: form.get('partyType') === 'individual' ? 'individual' : 'unit',
    partyName: str(form, 'partyName', 400),
    facts: str(form, 'facts', 8000),
    warning: form.get('warning') === 'on',
    fineYuan: str(form, 'fineYuan', 40),
    feesYuan: str(form, 'feesYuan', 40),
    persons: v.persons.map((p, i) => ({
      name: str(form, `person${i}Name`, 400),
      role: form.get(`person${i}Role`) === 'head' ? 'head' : form.get(`person${i}Role`) ? 'directly_responsible' : p.role,
      yuan: str(form, `person${i}Yuan`, 40),
      days: str(form, `person${i}Days`, 10),
    })),
    detentionDays: str(form, 'detentionDays', 10),
    revoke: form.get('revoke') === 'on',
    suspend: form.get('suspend') === 'on',
    confiscate: form.get('confiscate') === 'on',
    article: str(form, 'article', 100),
    articleText: str(form, 'articleText', 400),
    actOn: str(form, 'actOn', 10),
    majorCase: form.get('majorCase') === 'on',
    review: {
      by: str(form, 'reviewBy', 400),
      on: str(form, 'reviewOn', 10),
      article: str(form, 'reviewArticle', 400),
      opinion: str(form, 'reviewOpinion', 4000),
      fineMin: str(form, 'reviewFineMin', 40),
      fineMax: str(form, 'reviewFineMax', 40),
      personFineMin: str(form, 'reviewPersonFineMin', 40),
      personFineMax: str(form, 'reviewPersonFineMax', 40),
      detentionMax: str(form, 'reviewDetentionMax', 10),
      personDetentionMax: str(form, 'reviewPersonDetentionMax', 10),
      warning: form.get('reviewWarning') === 'on',
      suspension: form.get('reviewSuspension') === 'on',
      revocation: form.get('reviewRevocation') === 'on',
      confiscation: form.get('reviewConfiscation') === 'on',
    },
    hearingNotifiedOn: str(form, 'hearingNotifiedOn', 10),
    hearingRequested: requested === 'yes' || requested === 'no' ? requested : '',
    hearingHeldOn: str(form, 'hearingHeldOn', 10),
    collectiveOn: str(form, 'collectiveOn', 10),
    collectiveNote: str(form, 'collectiveNote', 4000),
    decidedOn: str(form, 'decidedOn', 10),
  };
}

const moneyReason = (field: string): PenaltyReason => ({
  code: 'PENALTY-AMOUNT-INVALID',
  zh: '金额应为元，最多两位小数（如 5000 或 5000.50）',
  en: 'Amounts are in yuan with at most two decimals (e.g. 5000 or 5000.50)',
  field,
});

/** The use-case's input from the form's values, or the fields that are not numbers. */
export function inputFromValues(
  v: PenaltyFormValues,
  inspectionId: number,
  today: string,
): { ok: true; input: RecordPenaltyInput } | { ok: false; reasons: PenaltyReason[] } {
  const reasons: PenaltyReason[] = [];
  const money = (text: string, field: string): number | null => {
    const fen = yuanToFen(text);
    if (fen === 'invalid') {
      reasons.push(moneyReason(field));
      return null;
    }
    return fen;
  };
  const fineFen = money(v.fineYuan, 'fineYuan');
  const inspectionFeesFen = money(v.feesYuan, 'feesYuan');
  const wholeDays = (text: string, field: string): number | null => {
    const d = wholeNumber(text);
    if (d !== 'invalid') return d;
    reasons.push({ code: 'PENALTY-DETENTION-INVALID', zh: '拘留日数应为整数', en: 'Detention days are a whole number', field });
    return null;
  };
  const individualFines = v.persons.slice(0, PERSON_ROWS).flatMap((p, i) => {
    if (p.name.trim() === '' && p.yuan.trim() === '' && p.days.trim() === '') return [];
    return [
      {
        name: p.name,
        role: p.role,
        fineFen: money(p.yuan, `person${i}Yuan`),
        detentionDays: wholeDays(p.days, `person${i}Days`),
      },
    ];
  });
  const days = wholeDays(v.detentionDays, 'detentionDays');
  // The review's amounts and days: each a number, or a reason naming its field.
  const r = v.review;
  for (const [text, field] of [
    [r.fineMin, 'reviewFineMin'],
    [r.fineMax, 'reviewFineMax'],
    [r.personFineMin, 'reviewPersonFineMin'],
    [r.personFineMax, 'reviewPersonFineMax'],
  ] as const)
    money(text, field);
  wholeDays(r.detentionMax, 'reviewDetentionMax');
  wholeDays(r.personDetentionMax, 'reviewPersonDetentionMax');
  const rect = v.rectificationId.trim() === '' ? null : Number(v.rectificationId);
  if (rect !== null && !(Number.isSafeInteger(rect) && rect > 0))
    reasons.push({
      code: 'PENALTY-RECTIFICATION-INVALID',
      zh: '整改通知无效',
      en: 'Invalid rectification notice',
      field: 'rectificationId',
    });
  if (reasons.length > 0) return { ok: false, reasons };
  const date = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    ok: true,
    input: {
      inspectionId,
      rectificationId: rect,
      violation: v.violation,
      severity: v.severity,
      party: { type: v.partyType, name: v.partyName },
      facts: v.facts,
      warning: v.warning,
      fineFen,
      individualFines,
      // "0 days" is no detention.
      detentionDays: days === 0 ? null : days,
      revokeLicence: v.revoke,
      suspendBusiness: v.suspend,
      confiscateLicence: v.confiscate,
      article: articleOf(v),
      actOn: date(v.actOn),
      majorCase: v.majorCase,
      legalReview: legalReviewOf(v.review),
      inspectionFeesFen,
      harmOrSeriousThreat: v.harm,
      hearingNotifiedOn: date(v.hearingNotifiedOn),
      hearingRequested: v.hearingRequested === '' ? null : v.hearingRequested === 'yes',
      hearingHeldOn: date(v.hearingHeldOn),
      collectiveDiscussionOn: date(v.collectiveOn),
      collectiveDiscussionNote: v.collectiveNote.trim() === '' ? null : v.collectiveNote,
      decidedOn: v.decidedOn.trim(),
      today,
    },
  };
}

/** A reason as the page and the API show it: with its legal basis (the clause, and the law the rule cites). */
export interface ShownReason extends Reason {
  field?: string;
  basis: string | null;
}

export function withLegalBasis(reasons: readonly PenaltyReason[], violation: string): ShownReason[] {
  const rule = findPenaltyRule(violation.trim().toUpperCase());
  return reasons.map((r) => ({
    ...r,
    // The rulebook's clause (with the article checked, where there is one) and the law it cites.
    basis: r.clause ? (rule && r.clause.startsWith(rule.clause) ? `${r.clause}；${rule.legalBasis.zh}` : r.clause) : null,
  }));
}

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

const apiSchema = z.strictObject({
  inspectionId: z.number().int().positive(),
  rectificationId: z.number().int().positive().nullable().optional(),
  violation: z.string().min(1).max(100),
  severity: z.enum(['standard', 'serious']).optional(),
  party: z.strictObject({ type: z.enum(['unit', 'individual']), name: z.string().max(400) }),
  facts: z.string().max(8000),
  warning: z.boolean().optional(),
  fineFen: fen.nullable().optional(),
  individualFines: z
    .array(
      z.strictObject({
        name: z.string().max(400),
        role: z.enum(['head', 'directly_responsible']),
        fineFen: fen.nullable().optional(),
        detentionDays: z.number().int().min(1).max(365).nullable().optional(),
      }),
    )
    .max(20)
    .optional(),
  detentionDays: z.number().int().min(0).max(365).nullable().optional(),
  revokeLicence: z.boolean().optional(),
  suspendBusiness: z.boolean().optional(),
  confiscateLicence: z.boolean().optional(),
  article: z.string().max(400).nullable().optional(),
  actOn: isoDate.nullable().optional(),
  majorCase: z.boolean().optional(),
  legalReview: legalReviewSchema.nullable().optional(),
  inspectionFeesFen: fen.nullable().optional(),
  harmOrSeriousThreat: z.boolean().optional(),
  hearingNotifiedOn: isoDate.nullable().optional(),
  hearingRequested: z.boolean().nullable().optional(),
  hearingHeldOn: isoDate.nullable().optional(),
  collectiveDiscussionOn: isoDate.nullable().optional(),
  collectiveDiscussionNote: z.string().max(4000).nullable().optional(),
  decidedOn: isoDate,
});

/** `POST /api/v1/penalties`'s body (money in fen) → the use-case's input; a 400 naming the field. */
export function inputFromApiBody(body: unknown, today: string): RecordPenaltyInput {
  const b = parseBody(apiSchema, body);
  return {
    inspectionId: b.inspectionId,
    rectificationId: b.rectificationId ?? null,
    violation: b.violation,
    severity: b.severity,
    party: b.party,
    facts: b.facts,
    warning: b.warning ?? false,
    fineFen: b.fineFen ?? null,
    individualFines: (b.individualFines ?? []).map((f) => ({
      ...f,
      fineFen: f.fineFen ?? null,
      detentionDays: f.detentionDays ?? null,
    })),
    detentionDays: b.detentionDays ? b.detentionDays : null,
    revokeLicence: b.revokeLicence ?? false,
    suspendBusiness: b.suspendBusiness ?? false,
    confiscateLicence: b.confiscateLicence ?? false,
    article: b.article ?? null,
    actOn: b.actOn ?? null,
    majorCase: b.majorCase ?? false,
    legalReview: b.legalReview ?? null,
    inspectionFeesFen: b.inspectionFeesFen ?? null,
    harmOrSeriousThreat: b.harmOrSeriousThreat ?? false,
    hearingNotifiedOn: b.hearingNotifiedOn ?? null,
    hearingRequested: b.hearingRequested ?? null,
    hearingHeldOn: b.hearingHeldOn ?? null,
    collectiveDiscussionOn: b.collectiveDiscussionOn ?? null,
    collectiveDiscussionNote: b.collectiveDiscussionNote ?? null,
    decidedOn: b.decidedOn,
    today,
  };
}
