/**
 * A recorded legal review (法制审核): who reviewed, when, the article it names, the sanctions it
 * approves and its opinion. Required before the decision (《中华人民共和国行政处罚法》第五十八条) for
 * the cases that article lists, and by this platform wherever the statute table cannot vouch for the
 * article applied (not in the table, unverified, or a later version whose lightness is unknown). Where
 * it is required because of the table, the entered sanctions are checked against the approved ranges.
 */
import { compareIsoDates, isIsoDate, type IsoDate } from '../shared/iso-date.js';
import type { Reason } from '../shared/reason.js';
import { sanctionTier, sanctions, persons, type DayRange, type FenRange, type SanctionTier, type Severity } from './sanctions.js';

export interface ReviewedSanctions {
  warning?: boolean;
  /** On the party (unit or individual). */
  fine?: FenRange | null;
  detention?: DayRange | null;
  suspension?: boolean;
  revocation?: boolean;
  confiscation?: boolean;
  /** On a unit's responsible persons, each. */
  personFine?: FenRange | null;
  personDetention?: DayRange | null;
}

export interface LegalReview {
  reviewer: string;
  reviewedOn: IsoDate;
  /** The article the review applies, in words: 《…》（版本）第…条. */
  article: string;
  approved: ReviewedSanctions;
  opinion: string;
}

export const LEGAL_REVIEW_TEXT_MAX = 2000;

/** 行政处罚法 第五十八条 (2021): the cases that need a legal review before the decision. */
export const LEGAL_REVIEW_BASIS =
  '《中华人民共和国行政处罚法》第五十八条（涉及重大公共利益；直接关系当事人或者第三人重大权益，经过听证程序；案件情况疑难复杂、涉及多个法律关系；法律、法规规定的其他情形：决定前应当进行法制审核，未经法制审核或者审核未通过的，不得作出决定）';

const CLAUSE = '《中华人民共和国行政处罚法》第五十八条';

const validRange = (r: { min: number; max: number } | null): boolean =>
  r === null || (Number.isSafeInteger(r.min) && Number.isSafeInteger(r.max) && r.min >= 0 && r.min <= r.max);

/** Every fault of the record itself (the sanctions are checked against it elsewhere). */
export function legalReviewRecordReasons(r: LegalReview, dates: { actOn: IsoDate | null; decidedOn: IsoDate | null }): Reason[] {
  const out: Reason[] = [];
  const need = (ok: boolean, code: string, zh: string, en: string) => {
    if (!ok) out.push({ code, zh, en, clause: CLAUSE });
  };
  need(
    (r.reviewer ?? '').trim() !== '',
    'PENALTY-LEGAL-REVIEW-REVIEWER-MISSING',
    '法制审核须记录审核人员',
    'The legal review must name its reviewer',
  );
  need(
    (r.article ?? '').trim() !== '',
    'PENALTY-LEGAL-REVIEW-ARTICLE-MISSING',
    '法制审核须写明所适用的法律条款',
    'The legal review must name the article applied',
  );
  need(
    (r.opinion ?? '').trim() !== '',
    'PENALTY-LEGAL-REVIEW-OPINION-MISSING',
    '法制审核须记录审核意见',
    'The legal review must record its opinion',
  );
  need(
    [r.reviewer, r.article, r.opinion].every((t) => (t ?? '').length <= LEGAL_REVIEW_TEXT_MAX),
    'PENALTY-LEGAL-REVIEW-TOO-LONG',
    `法制审核各项不超过 ${LEGAL_REVIEW_TEXT_MAX} 字`,
    `Each field of the legal review is limited to ${LEGAL_REVIEW_TEXT_MAX} characters`,
  );
  const a = r.approved ?? {};
  need(
    validRange(a.fine ? { min: a.fine.minFen, max: a.fine.maxFen } : null) &&
      validRange(a.personFine ? { min: a.personFine.minFen, max: a.personFine.maxFen } : null) &&
      validRange(a.detention ? { min: a.detention.minDays, max: a.detention.maxDays } : null) &&
      validRange(a.personDetention ? { min: a.personDetention.minDays, max: a.personDetention.maxDays } : null),
    'PENALTY-LEGAL-REVIEW-RANGE-INVALID',
    '法制审核核定的幅度无效（下限不得大于上限，均为非负整数）',
    'A range approved by the legal review is invalid (whole numbers ≥ 0, minimum not above maximum)',
  );
  if (!isIsoDate(r.reviewedOn)) {
    need(false, 'PENALTY-LEGAL-REVIEW-DATE-INVALID', '请填写有效的法制审核日期', 'Enter a valid date of the legal review');
  } else {
    if (dates.decidedOn && isIsoDate(dates.decidedOn))
      need(
        compareIsoDates(r.reviewedOn, dates.decidedOn) <= 0,
        'PENALTY-LEGAL-REVIEW-AFTER-DECISION',
        `法制审核（${r.reviewedOn}）应在作出决定（${dates.decidedOn}）之前`,
        `The legal review (${r.reviewedOn}) must precede the decision (${dates.decidedOn})`,
      );
    if (dates.actOn && isIsoDate(dates.actOn))
      need(
        compareIsoDates(dates.actOn, r.reviewedOn) <= 0,
        'PENALTY-LEGAL-REVIEW-BEFORE-ACT',
        `法制审核日期不能早于违法行为日期 ${dates.actOn}`,
        `The legal review cannot precede the act of ${dates.actOn}`,
      );
  }
  return out;
}

/** The review's approval as a tier: each approved sanction allowed (the reviewer approved a range, not a duty). */
export function reviewTier(r: LegalReview, severity: Severity): SanctionTier {
  const a = r.approved ?? {};
  const allow = (b: boolean | undefined) => (b ? 'allowed' : 'none') as 'allowed' | 'none';
  const party = sanctions({
    warning: allow(a.warning),
    fine: a.fine ? { kind: 'range', ...a.fine } : null,
    detention: a.detention ?? null,
    suspension: allow(a.suspension),
    revocation: allow(a.revocation),
    confiscation: allow(a.confiscation),
  });
  const hasPersons = Boolean(a.personFine || a.personDetention);
  return sanctionTier({
    severity,
    zh: `法制审核核定：${r.article}`,
    en: `approved by the legal review: ${r.article}`,
    unit: party,
    individual: party,
    persons: hasPersons ? persons({ fine: a.personFine ?? null, detention: a.personDetention ?? null }) : null,
  });
}
