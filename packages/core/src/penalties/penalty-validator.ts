/**
 * Checks an entered penalty against the rulebook and the statute table, and returns every reason it is
 * refused (not just the first), each in Chinese and English with its legal basis. Pure: the thresholds
 * come in as options, the dates with the penalty.
 *
 * Order: the violation and its party and preconditions (the rulebook); the article and the version
 * applied (article-resolution.ts: 从旧兼从轻); the legal review where the table cannot vouch for the
 * article (then the sanctions are checked against the reviewed range) or where 行政处罚法 第五十八条
 * requires one; the sanctions (sanction-check.ts); the hearing and collective-discussion gates.
 */
import type { IsoDate } from '../shared/iso-date.js';
import type { Reason } from '../shared/reason.js';
import { resolveArticle } from './article-resolution.js';
import { LEGAL_REVIEW_BASIS, legalReviewRecordReasons, reviewTier, type LegalReview } from './legal-review.js';
import { checkSanctions, isFen, type EnteredSanctions, type ResponsiblePersonSanction } from './sanction-check.js';
import {
  PRECONDITION_TEXT,
  findPenaltyRule,
  yuan,
  type PenaltyPrecondition,
  type PenaltyRule,
  type SanctionTier,
  type Severity,
  type ViolationCode,
} from './penalty-table.js';
import type { StatuteArticle, StatuteVersion } from './statutes/statute-types.js';

/** A sanction on a unit's head or directly responsible person (fine and/or detention). */
export type IndividualFine = ResponsiblePersonSanction;

export interface ProposedPenalty extends EnteredSanctions {
  violation: ViolationCode;
  severity?: Severity;
  /** The statute article applied: an id of the statute table, or words naming one it lacks. */
  article?: string | null;
  /** The day of the act: it decides the version of the law (行政处罚法 第三十七条). */
  actOn?: IsoDate | null;
  decidedOn?: IsoDate | null;
  legalReview?: LegalReview | null;
  /** Preconditions the case file establishes. */
  established?: readonly PenaltyPrecondition[];
  procedure?: {
    collectiveDiscussionHeld?: boolean;
    hearingRightNotified?: boolean;
    /** The party asked for a hearing and it was held (行政处罚法 第五十八条第一款第二项). */
    hearingHeld?: boolean;
    /** The officer judges the case major or complex (第五十八条第一款第一、三项). */
    majorCase?: boolean;
  };
}

/**
 * A fine at or above these amounts is a "large fine" (较大数额罚款): before deciding it, the party must
 * be told of its right to a hearing, and collective discussion is held. Default: the hearing clause of
 * 《公安机关办理行政案件程序规定》 — 2,000 yuan or more for an individual, 10,000 yuan or more for a unit.
 */
export interface LargeFineThreshold {
  unitFen: number;
  individualFen: number;
}

export const DEFAULT_LARGE_FINE_THRESHOLD: LargeFineThreshold = { unitFen: yuan(10_000), individualFen: yuan(2_000) };

/**
 * The law behind each procedural gate of a penalty (issue 11 §3), with the cases it covers; cited with
 * every refusal.
 */
export const PROCEDURE_GATE_BASIS = {
  hearingRight:
    '《中华人民共和国行政处罚法》第六十三条（听证权利：较大数额罚款、没收较大数额违法所得或较大价值非法财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业、其他较重的行政处罚）；《公安机关办理行政案件程序规定》听证程序（较大数额罚款：个人2000元以上、单位10000元以上）',
  collectiveDiscussion: '《中华人民共和国行政处罚法》第五十七条第二款（情节复杂或者重大违法行为，负责人集体讨论决定）',
  legalReview: LEGAL_REVIEW_BASIS,
} as const;

/** R03's 规范执法 repeats the hearing and discussion gates for its regime; elsewhere they come from the law. */
function gateClause(regime: string, basis: string): string {
  return regime === 'R03' ? `R03 规范执法；${basis}` : basis;
}

export interface PenaltyValidationOptions {
  largeFineThreshold?: LargeFineThreshold;
}

export interface PenaltyCheckResult {
  ok: boolean;
  reasons: Reason[];
  notes: Reason[];
  /** Whether the hearing notice and collective discussion apply. */
  requiresHearingNotice: boolean;
  /** Whether a legal review (法制审核) is required, and why. */
  requiresLegalReview: boolean;
  legalReviewGrounds: Reason[];
  rule: PenaltyRule | null;
  /** The statute row applied (null: none, the legal review's range was applied). */
  article: StatuteArticle | null;
  /** What the decision cites: the row's id, or the words for an article the table lacks. */
  citation: string | null;
  appliedVersion: StatuteVersion | null;
  /** The tier the sanctions were checked against. */
  tier: SanctionTier | null;
}

export function validatePenalty(p: ProposedPenalty, options: PenaltyValidationOptions = {}): PenaltyCheckResult {
  const threshold = options.largeFineThreshold ?? DEFAULT_LARGE_FINE_THRESHOLD;
  const reasons: Reason[] = [];
  const notes: Reason[] = [];
  const result = (extra: Partial<PenaltyCheckResult>): PenaltyCheckResult => ({
    ok: reasons.length === 0,
    reasons,
    notes,
    requiresHearingNotice: false,
    requiresLegalReview: false,
    legalReviewGrounds: [],
    rule: null,
    article: null,
    citation: null,
    appliedVersion: null,
    tier: null,
    ...extra,
  });
  const rule = findPenaltyRule(p.violation) ?? null;
  if (!rule) {
    reasons.push({
      code: 'PENALTY-UNKNOWN-VIOLATION',
      zh: `未知的违法行为代码：${p.violation}`,
      en: `Unknown violation code: ${p.violation}`,
    });
    return result({});
  }
  const clause = rule.clause;
  const severity = p.severity ?? 'standard';
  if (!rule.severities.includes(severity)) {
    reasons.push({
      code: 'PENALTY-SEVERITY-NOT-PROVIDED',
      zh: severity === 'serious' ? '该违法行为没有“情节严重”档次' : '该违法行为仅在情节严重时处罚',
      en: `This violation has no "${severity}" tier`,
      clause,
    });
    return result({ rule });
  }
  if (!rule.parties.includes(p.party)) {
    reasons.push({
      code: 'PENALTY-PARTY-NOT-PROVIDED',
      zh: `该处罚不适用于${p.party === 'unit' ? '单位' : '个人'}`,
      en: `This penalty does not apply to ${p.party === 'unit' ? 'a unit' : 'an individual'}`,
      clause,
    });
  }

  const resolution = resolveArticle(rule, p.article, p.actOn, p.decidedOn);
  reasons.push(...resolution.reasons);
  const articleClause = resolution.article ? `${clause}；${resolution.article.id}` : clause;

  // Preconditions: the rulebook's, and the article's when its sanctions apply.
  const established = new Set(p.established ?? []);
  const preconditions = new Set<PenaltyPrecondition>([...rule.preconditions, ...(resolution.article?.preconditions ?? [])]);
  for (const pre of preconditions) {
    if (!established.has(pre)) {
      const t = PRECONDITION_TEXT[pre];
      reasons.push({
        code: `PENALTY-PRECONDITION-${pre.toUpperCase().replaceAll('_', '-')}`,
        zh: `处罚前提未成立：${t.zh}`,
        en: `Precondition not established: ${t.en}`,
        clause,
      });
    }
  }

  // The legal review: where the table cannot vouch for the article, and in 第五十八条's cases.
  const grounds = [...resolution.reviewGrounds];
  if (p.procedure?.hearingHeld)
    grounds.push({
      code: 'PENALTY-LEGAL-REVIEW-AFTER-HEARING',
      zh: '经过听证程序的案件，决定前应当进行法制审核',
      en: 'A case that went through a hearing needs a legal review before the decision',
      clause: PROCEDURE_GATE_BASIS.legalReview,
    });
  if (p.procedure?.majorCase)
    grounds.push({
      code: 'PENALTY-LEGAL-REVIEW-MAJOR-CASE',
      zh: '涉及重大公共利益或案情疑难复杂的案件，决定前应当进行法制审核',
      en: 'A case of major public interest or a complex one needs a legal review before the decision',
      clause: PROCEDURE_GATE_BASIS.legalReview,
    });
  const review = p.legalReview ?? null;
  if (review) reasons.push(...legalReviewRecordReasons(review, { actOn: p.actOn ?? null, decidedOn: p.decidedOn ?? null }));
  else
    for (const g of grounds)
      reasons.push({
        code: 'PENALTY-LEGAL-REVIEW-REQUIRED',
        zh: `须经法制审核（审核人员、日期、所适用条款、核定的处罚幅度、审核意见）后方可决定：${g.zh}`,
        en: `A recorded legal review (reviewer, date, article, approved range, opinion) is required: ${g.en}`,
        clause: `${g.clause ?? clause}；${PROCEDURE_GATE_BASIS.legalReview}`,
      });

  // The tier checked: the article's when the table vouches for it, else the review's approved range.
  const tableVouches = resolution.reviewGrounds.length === 0 && resolution.article !== null;
  let tier: SanctionTier | null = null;
  if (tableVouches) {
    tier = resolution.article!.tiers.find((t) => t.severity === severity) ?? null;
    if (!tier)
      reasons.push({
        code: 'PENALTY-SEVERITY-NOT-PROVIDED',
        zh: `${resolution.article!.id} 没有该情节档次`,
        en: `${resolution.article!.id} has no "${severity}" tier`,
        clause: articleClause,
      });
  } else if (review && resolution.reviewGrounds.length > 0) {
    tier = reviewTier(review, severity);
    notes.push({
      code: 'PENALTY-CHECKED-AGAINST-LEGAL-REVIEW',
      zh: `按法制审核核定的幅度核对（${review.reviewer}，${review.reviewedOn}：${review.article}）`,
      en: `Checked against the range the legal review approved (${review.reviewer}, ${review.reviewedOn}: ${review.article})`,
      clause: PROCEDURE_GATE_BASIS.legalReview,
    });
  }
  if (tier) reasons.push(...checkSanctions(tier, p, tableVouches ? articleClause : PROCEDURE_GATE_BASIS.legalReview));
  if (rule.optional)
    notes.push({
      code: 'PENALTY-OPTIONAL',
      zh: '规章规定“可”处罚：是否处罚由办案单位决定',
      en: 'The rulebook allows, not requires, a penalty here',
      clause,
    });

  // Procedural gates: a large fine, a revocation, a suspension or a licence seizure.
  const individuals = p.individualFines ?? [];
  const partyThreshold = p.party === 'unit' ? threshold.unitFen : threshold.individualFen;
  const largeFine =
    (isFen(p.fineFen) && p.fineFen >= partyThreshold) ||
    individuals.some((f) => isFen(f.fineFen) && f.fineFen >= threshold.individualFen);
  const requiresHearingNotice =
    largeFine || Boolean(p.revokeLicence) || Boolean(p.suspendBusiness) || Boolean(p.confiscateLicence);
  if (requiresHearingNotice) {
    const what = largeFine
      ? { zh: '较大数额罚款', en: 'a large fine' }
      : p.revokeLicence
        ? { zh: '吊销许可', en: 'a revocation' }
        : p.suspendBusiness
          ? { zh: '责令停产停业', en: 'a suspension' }
          : { zh: '收缴许可证', en: 'a licence seizure' };
    if (!p.procedure?.collectiveDiscussionHeld)
      reasons.push({
        code: 'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
        zh: `作出${what.zh}决定前应当集体讨论`,
        en: `Collective discussion is required before ${what.en}`,
        clause: gateClause(rule.regime, PROCEDURE_GATE_BASIS.collectiveDiscussion),
      });
    if (!p.procedure?.hearingRightNotified)
      reasons.push({
        code: 'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
        zh: `作出${what.zh}决定前应当告知当事人有要求听证的权利`,
        en: `The party must be told of its right to a hearing before ${what.en}`,
        clause: gateClause(rule.regime, PROCEDURE_GATE_BASIS.hearingRight),
      });
  }

  return result({
    rule,
    requiresHearingNotice,
    requiresLegalReview: grounds.length > 0,
    legalReviewGrounds: grounds,
    article: resolution.article,
    citation: resolution.citation,
    appliedVersion: resolution.appliedVersion,
    tier,
  });
}

/** A check's result as `penalty check --json` and `POST /api/v1/penalties/check` give it: ids, not objects. */
export function penaltyCheckSummary(result: PenaltyCheckResult) {
  const { rule, article, appliedVersion, tier: _tier, ...rest } = result;
  return {
    violation: rule?.violation ?? null,
    regime: rule?.regime ?? null,
    clause: rule?.clause ?? null,
    ...rest,
    article: article?.id ?? null,
    articleVerification: article?.verification ?? null,
    appliedVersion: appliedVersion?.id ?? null,
  };
}
