/**
 * The penalty form's values (issue 10 §4), shared by the page (which asks core's validator, live,
 * whether the hearing and collective-discussion records are needed) and its form action (which turns
 * them into the use-case's input). Fines are typed in yuan and kept in fen, exactly: the text is
 * parsed as decimal, never through a float.
 */
import {
  articlesOfLaws,
  findPenaltyRule,
  validatePenalty,
  type LegalReview,
  type PenaltyCheckResult,
  type PenaltyRule,
  type ProposedPenalty,
  type StatuteArticle,
} from '@supervise/core';

export interface PenaltyFormValues {
  violation: string;
  severity: 'standard' | 'serious';
  rectificationId: string;
  harm: boolean;
  partyType: 'unit' | 'individual';
  partyName: string;
  facts: string;
  warning: boolean;
  fineYuan: string;
  feesYuan: string;
  persons: { name: string; role: 'head' | 'directly_responsible'; yuan: string; days: string }[];
  detentionDays: string;
  revoke: boolean;
  suspend: boolean;
  /** R09: 收缴《特种行业许可证》. */
  confiscate: boolean;
  /** The article applied: an id of the statute table, '' for the rulebook's own, or OTHER_ARTICLE. */
  article: string;
  /** Words naming an article the table lacks (when `article` is OTHER_ARTICLE). */
  articleText: string;
  actOn: string;
  majorCase: boolean;
  review: LegalReviewValues;
  hearingNotifiedOn: string;
  /** '' not recorded, 'no', 'yes'. */
  hearingRequested: '' | 'no' | 'yes';
  hearingHeldOn: string;
  collectiveOn: string;
  collectiveNote: string;
  decidedOn: string;
}

/** The legal review (法制审核) as typed: money in yuan, days, the approved kinds of sanction. */
export interface LegalReviewValues {
  by: string;
  on: string;
  article: string;
  opinion: string;
  fineMin: string;
  fineMax: string;
  personFineMin: string;
  personFineMax: string;
  detentionMax: string;
  personDetentionMax: string;
  warning: boolean;
  suspension: boolean;
  revocation: boolean;
  confiscation: boolean;
}

export const OTHER_ARTICLE = 'other';

const emptyReview = (): LegalReviewValues => ({
  by: '',
  on: '',
  article: '',
  opinion: '',
  fineMin: '',
  fineMax: '',
  personFineMin: '',
  personFineMax: '',
  detentionMax: '',
  personDetentionMax: '',
  warning: false,
  suspension: false,
  revocation: false,
  confiscation: false,
});

/** Whether anything of the review was typed (then it is a review to check; else none). */
export const reviewTyped = (r: LegalReviewValues): boolean =>
  Object.values(r).some((x) => (typeof x === 'boolean' ? x : x.trim() !== ''));

/** How many responsible persons the form offers (R14: the head and directly responsible persons). */
export const PERSON_ROWS = 3;

export function emptyPenaltyValues(partyName: string, today: string): PenaltyFormValues {
  return {
    violation: '',
    severity: 'standard',
    rectificationId: '',
    harm: false,
    partyType: 'unit',
    partyName,
    facts: '',
    warning: false,
    fineYuan: '',
    feesYuan: '',
    persons: Array.from({ length: PERSON_ROWS }, (_, i) => ({
      name: '',
      role: i === 0 ? 'head' : 'directly_responsible',
      yuan: '',
      days: '',
    })),
    detentionDays: '',
    revoke: false,
    suspend: false,
    confiscate: false,
    article: '',
    articleText: '',
    actOn: '',
    majorCase: false,
    review: emptyReview(),
    hearingNotifiedOn: '',
    hearingRequested: '',
    hearingHeldOn: '',
    collectiveOn: '',
    collectiveNote: '',
    decidedOn: today,
  };
}

/** '8000', '8,000', '8000.5', '8000.50' yuan → fen; '' → null; anything else → 'invalid'. */
export function yuanToFen(text: string): number | null | 'invalid' {
  const t = text.trim().replaceAll(',', '').replaceAll('，', '');
  if (t === '') return null;
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return 'invalid';
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : 'invalid';
}

/** A whole number of days, '' → null. */
export function wholeNumber(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,4}$/.test(t) ? Number(t) : 'invalid';
}

const num = (x: number | null | 'invalid') => (typeof x === 'number' ? x : null);

/** The articles the officer may pick for a violation: those of its laws (the quoted provision only, where it has one). */
export function articleChoices(rule: PenaltyRule | null): StatuteArticle[] {
  if (!rule) return [];
  return articlesOfLaws(rule.laws).filter((a) => rule.provisions.length === 0 || rule.provisions.includes(a.provision));
}

/** The article as the use-case takes it: an id, the typed words, or null (the rulebook's own provision). */
export function articleOf(v: Pick<PenaltyFormValues, 'article' | 'articleText'>): string | null {
  if (v.article === OTHER_ARTICLE) return v.articleText.trim() || null;
  return v.article.trim() || null;
}

const yuanRange = (min: string, max: string) => {
  const [a, b] = [num(yuanToFen(min)), num(yuanToFen(max))];
  return a === null && b === null ? null : { minFen: a ?? 0, maxFen: b ?? a ?? 0 };
};
const dayRange = (max: string) => {
  const d = num(wholeNumber(max));
  return d === null ? null : { minDays: 1, maxDays: d };
};

/** The typed legal review as core's record (null when nothing of it was typed). */
export function legalReviewOf(r: LegalReviewValues): LegalReview | null {
  if (!reviewTyped(r)) return null;
  return {
    reviewer: r.by,
    reviewedOn: r.on.trim(),
    article: r.article,
    opinion: r.opinion,
    approved: {
      warning: r.warning,
      suspension: r.suspension,
      revocation: r.revocation,
      confiscation: r.confiscation,
      fine: yuanRange(r.fineMin, r.fineMax),
      personFine: yuanRange(r.personFineMin, r.personFineMax),
      detention: dayRange(r.detentionMax),
      personDetention: dayRange(r.personDetentionMax),
    },
  };
}

/**
 * Core's verdict on the values as typed so far: which tier applies (the fields to show), whether the
 * hearing notice and collective discussion are needed, and whether a legal review is. Null before a
 * violation is chosen.
 */
export function previewOf(v: PenaltyFormValues): PenaltyCheckResult | null {
  if (!findPenaltyRule(v.violation)) return null;
  const proposed: ProposedPenalty = {
    violation: v.violation,
    severity: v.severity,
    party: v.partyType,
    warning: v.warning,
    fineFen: num(yuanToFen(v.fineYuan)),
    individualFines: v.persons
      .filter((p) => p.name.trim() !== '' || p.yuan.trim() !== '' || p.days.trim() !== '')
      .map((p, i) => ({
        personId: p.name.trim() || String(i),
        role: p.role,
        fineFen: num(yuanToFen(p.yuan)),
        detentionDays: num(wholeNumber(p.days)),
      })),
    revokeLicence: v.revoke,
    suspendBusiness: v.suspend,
    confiscateLicence: v.confiscate,
    article: articleOf(v),
    actOn: v.actOn.trim() || null,
    decidedOn: v.decidedOn.trim() || null,
    legalReview: legalReviewOf(v.review),
    procedure: { hearingHeld: v.hearingHeldOn.trim() !== '', majorCase: v.majorCase },
  };
  return validatePenalty(proposed);
}

/** Whether core puts this penalty behind the hearing notice and collective discussion (the page shows those fields). */
export function needsProcedureRecords(v: PenaltyFormValues): boolean {
  return previewOf(v)?.requiresHearingNotice ?? false;
}
