/**
 * The demo's penalty decisions, drawn from core's penalty and statute tables and nothing else: each
 * picks a violation of the entity's regime, the article applied (the one the rulebook quotes, or one of
 * the cited laws' articles — or, where the table has none, words naming it), a tier, a party and the
 * sanctions the article allows, with the preconditions the rule needs true of the case (an overdue
 * notice, harm for R14), the hearing notice and collective discussion on file where core asks for
 * them, and a recorded legal review (法制审核) where core requires one (an article the table does not
 * vouch for, a later version of the law, a hearing held). Every decision is checked with core's
 * `validatePenalty` here; one it refuses is a bug in this file.
 */
import {
  STATUTE_ARTICLES,
  findPenaltyRule,
  resolveArticle,
  sanctions,
  validatePenalty,
  type LegalReview,
  type PartySanctions,
  type PartyType,
  type PenaltyPrecondition,
  type PenaltyRule,
  type PersonSanctions,
  type ProposedPenalty,
  type ReviewedSanctions,
  type SanctionTier,
  type Severity,
} from '@supervise/core';
import type { NewPenalty } from '../repositories/inspection.repository.js';
import { isoDate } from './demo-dates.js';
import { personName } from './demo-names.js';
import type { DemoRandom } from './demo-random.js';
import type { DemoEntity } from './demo-registry.js';

/** A rectification notice of the case, by day numbers. */
export interface CaseNotice {
  /** Index of its hazard in the inspection record: the penalty is filed against this notice. */
  hazardIndex: number;
  severity: 'general' | 'major';
  /** The deadline in force (extended or not). */
  due: number;
  completed: number | null;
}

export interface PenaltyCaseFacts {
  entity: DemoEntity;
  inspected: number;
  today: number;
  anyMajor: boolean;
  hazards: readonly string[];
  notices: readonly CaseNotice[];
  /** R04: the demo finds false results at no more than a couple of agencies. */
  mayFindFalseResults: boolean;
}

/** A penalty row of an inspection record; `noticeOfHazard` becomes its rectification_id on insert. */
export type DemoPenalty = Omit<NewPenalty, 'inspection_id' | 'entity_id' | 'regime_code' | 'rectification_id'> & {
  noticeOfHazard?: number;
};

/**
 * What the demo's (fictional) legal reviewer approves where the statute table has no row for the
 * article: a warning, or a modest fine. Demo data only; a real review records the reviewer's own range.
 */
const DEMO_REVIEW_APPROVAL: ReviewedSanctions = { warning: true, fine: { minFen: 100_000, maxFen: 500_000 } };

const REVIEWERS = ['法制大队 王敏', '法制大队 刘洋', '法制大队 陈静'] as const;
const REVIEW_OPINIONS = [
  '违法事实清楚，证据确实充分，适用法律正确，处罚幅度适当，同意。',
  '经审核，程序合法，适用条款正确，同意承办单位意见。',
] as const;

const COLLECTIVE_NOTES = [
  '经分局负责人集体讨论，同意承办单位拟处罚意见。',
  '集体讨论认为违法事实清楚、证据确实充分，同意作出处罚决定。',
  '经集体讨论，一致同意按拟定处罚意见作出决定。',
] as const;

/** Whole hundreds of yuan within [minFen, maxFen], in fen. */
function fenWithin(r: DemoRandom, minFen: number, maxFen: number): number {
  return r.int(Math.ceil(minFen / 10_000), Math.floor(maxFen / 10_000)) * 10_000;
}

/** A notice that ran past its deadline unmet (not done by then). */
const overdue = (n: CaseNotice): boolean => n.completed === null || n.completed > n.due;

interface Choice {
  violation: string;
  /** The article applied, where the rulebook quotes none (an id of the statute table, or words). */
  article?: string;
  severity?: Severity;
  party?: PartyType;
  notice?: CaseNotice;
  harm?: boolean;
  suspend?: boolean;
}

function rule(violation: string): PenaltyRule {
  const found = findPenaltyRule(violation);
  if (!found) throw new Error(`demo: violation ${violation} is not in core's penalty table`);
  return found;
}

/** Which violation (if any) the case is penalised for. */
function choose(r: DemoRandom, c: PenaltyCaseFacts): Choice | null {
  const e = c.entity;
  const overdueNotice = c.notices.find(overdue);
  if (e.regime_code === 'R14') {
    // R14 监督检查措施 2: not rectified in time, with harm or a serious threat: unit, head and others
    // fined. Overdue bank notices are rare (a patrol a year); in the demo each one seriously threatened safety.
    if (overdueNotice) return { violation: 'R14-BANK-OVERDUE-RECTIFICATION', notice: overdueNotice, harm: true };
    // Otherwise a security hazard under a notice: ordered to rectify, and a warning (now and then).
    if (c.notices.length > 0 && r.chance(0.25)) return { violation: 'R14-BANK-SECURITY-HAZARD' };
    return null;
  }
  switch (e.kind) {
    case 'seal_engraver': {
      if (!r.chance(0.35)) return null;
      const violation = r.weighted([
        ['R09-SEAL-FILING-NOT-DONE', 5],
        ['R09-SEAL-FACILITY-OR-RULES', 3],
        ['R09-SEAL-RECORDS-OR-UNAPPROVED-CHANGE', 2],
      ] as const);
      // The facilities fine needs a deadline that passed unmet (逾期不改正); without one, a filing case.
      if (violation === 'R09-SEAL-FACILITY-OR-RULES' && !overdueNotice) return { violation: 'R09-SEAL-FILING-NOT-DONE' };
      const serious = violation !== 'R09-SEAL-FILING-NOT-DONE' && r.chance(c.anyMajor ? 0.4 : 0.1);
      return {
        violation,
        severity: serious ? 'serious' : 'standard',
        ...(violation === 'R09-SEAL-FACILITY-OR-RULES' ? { notice: overdueNotice } : {}),
      };
    }
    case 'pawnshop': {
      if (!r.chance(0.4)) return null;
      const pick = r.weighted([
        ['records', 5],
        ['wanted', 2],
        ['prohibited', 1],
        ['wanted-serious', 1],
      ] as const);
      if (pick === 'records') return { violation: 'R09-PAWN-RECORDS-NOT-KEPT' };
      // R09 监督检查处理 2: in a serious case the special-trade licence is seized (收缴).
      if (pick === 'wanted-serious' && c.anyMajor && r.chance(0.5))
        return { violation: 'R09-SPECIAL-TRADE-LICENCE-SEIZURE', severity: 'serious' };
      if (pick === 'prohibited') return { violation: 'R09-PAWN-PROHIBITED-GOODS' };
      return { violation: 'R09-PAWN-WANTED-NOT-REPORTED', severity: pick === 'wanted' ? 'standard' : 'serious' };
    }
    case 'scrap_metal_buyer': {
      if (!r.chance(0.35)) return null;
      const violation = r.weighted([
        ['R10-SCRAP-PROHIBITED-ITEMS', 3],
        ['R10-SCRAP-SPECIAL-EQUIPMENT', 2],
        ['R10-SCRAP-STOLEN-GOODS', 1],
      ] as const);
      // Serious: detention, which only a person serves: the operator as the party, or the enterprise
      // fined and its responsible persons detained (issue 11).
      const serious = r.chance(c.anyMajor ? 0.5 : 0.15);
      return { violation, severity: serious ? 'serious' : 'standard', party: serious && r.chance(0.5) ? 'individual' : 'unit' };
    }
    case 'hotel':
      // R09 监督检查程序 5: penalised under the punishments law (its hotel article, 2012 text, unverified here).
      // From 2026 the 2025 revision applies, which the table lacks: the decision names it in words.
      return r.chance(0.1)
        ? {
            violation: 'R09-HOTEL-VIOLATION',
            article:
              isoDate(c.inspected) < '2026-01-01' ? 'PSAPL-2012-56' : '《中华人民共和国治安管理处罚法》（2025年修订）旅馆业条款',
            party: 'individual',
          }
        : null;
    case 'vehicle_inspection_agency':
      return c.mayFindFalseResults && r.chance(c.anyMajor ? 0.6 : 0.25) ? { violation: 'R04-FALSE-INSPECTION-RESULT' } : null;
  }
  switch (e.regime_code) {
    case 'R03': {
      // R03 监管措施（三）: only a major hazard left unrectified is penalised.
      const major = c.notices.find((n) => n.severity === 'major' && overdue(n));
      return major && r.chance(0.6)
        ? { violation: 'R03-MAJOR-HAZARD-UNRECTIFIED', article: 'WSL-2021-102', notice: major, suspend: r.chance(0.15) }
        : null;
    }
    case 'R05':
      return r.chance(0.4) ? { violation: 'R05-EVENT-VIOLATION', article: 'LPE-2007-20' } : null;
    // R07/R08: the table holds no article of these regulations: the decision names it in words.
    case 'R07':
      return r.chance(0.4)
        ? { violation: 'R07-SECURITY-SERVICE-VIOLATION', article: '《保安服务管理条例》（法制审核确认的条款）' }
        : null;
    case 'R08':
      return r.chance(0.4)
        ? { violation: 'R08-PRODUCT-REGISTRATION-VIOLATION', article: '《安全技术防范产品管理办法》（法制审核确认的条款）' }
        : null;
    case 'R11':
      return r.chance(0.15) ? { violation: 'R11-INTERNET-CAFE-VIOLATION', article: 'ISBP-2002-32' } : null;
    // R12/R13: only after a rectification overdue or inadequate.
    case 'R12':
      return overdueNotice && r.chance(0.8)
        ? { violation: 'R12-GRADED-PROTECTION-VIOLATION', article: 'MLPS-2007-40', notice: overdueNotice }
        : null;
    case 'R13':
      return overdueNotice && r.chance(0.8)
        ? { violation: 'R13-NETWORKED-UNIT-VIOLATION', article: 'CINS-1997-21', notice: overdueNotice }
        : null;
    // R01 (no penalty), R02 and R06 (the demo decides none).
    default:
      return null;
  }
}

/** A fine within a range, in whole hundreds of yuan, never nothing (a range may start at 0). */
const fineIn = (r: DemoRandom, minFen: number, maxFen: number) => fenWithin(r, Math.max(minFen, 10_000), maxFen);

/**
 * The party's sanctions the tier allows, amounts drawn within it: what is mandatory always, a warning
 * where it is the alternative now and then, an optional fine when `withFine`, and at least one sanction.
 */
function partySanctions(r: DemoRandom, s: PartySanctions, party: PartyType, choice: Choice, withFine: boolean) {
  let warning =
    s.warning === 'required' || (s.warning === 'alternative' && r.chance(0.4)) || (s.warning === 'allowed' && r.chance(0.5));
  let fineFen: number | null = null;
  let inspectionFeesFen: number | null = null;
  const f = s.fine;
  if (
    f &&
    !(s.warning === 'alternative' && warning) &&
    (s.fineRequired || withFine || (!warning && s.warning === 'alternative'))
  ) {
    if (f.kind === 'range') fineFen = fineIn(r, f.minFen, f.maxFen);
    else {
      // R04: the fees the agency collected for the falsified inspections; 从重 above the minimum.
      inspectionFeesFen = r.int(20, 120) * r.int(150, 400) * 100;
      fineFen = inspectionFeesFen * r.int(f.minTimes + 1, f.maxTimes);
    }
  }
  const detentionDays =
    party === 'individual' && s.detention && (s.detentionRequired || r.chance(0.3))
      ? r.int(s.detention.minDays, s.detention.maxDays)
      : null;
  const revokeLicence = s.revocation === 'required';
  const suspendBusiness = s.suspension === 'required' || (s.suspension === 'allowed' && Boolean(choice.suspend));
  const confiscateLicence = s.confiscation === 'required';
  if (!warning && fineFen === null && detentionDays === null && !revokeLicence && !suspendBusiness && !confiscateLicence) {
    if (s.warning !== 'none') warning = true;
    else if (f?.kind === 'range') fineFen = fineIn(r, f.minFen, f.maxFen);
  }
  return { warning, fineFen, inspectionFeesFen, detentionDays, revokeLicence, suspendBusiness, confiscateLicence };
}

/** The unit's head and other responsible persons: each required sanction, optional ones now and then. */
function personSanctions(r: DemoRandom, ps: PersonSanctions, head: string) {
  const one = (name: string, role: 'head' | 'directly_responsible') => {
    const fineFen = ps.fine && (ps.fineRequired || r.chance(0.5)) ? fineIn(r, ps.fine.minFen, ps.fine.maxFen) : null;
    const detentionDays =
      ps.detention && (ps.detentionRequired || r.chance(0.3)) ? r.int(ps.detention.minDays, ps.detention.maxDays) : null;
    return fineFen === null && detentionDays === null ? [] : [{ name, role, fineFen, detentionDays }];
  };
  const required = ps.fineRequired || ps.detentionRequired;
  return [
    ...(required || r.chance(0.5) ? one(head, 'head') : []),
    ...(r.chance(0.4) ? one(personName(r), 'directly_responsible') : []),
  ];
}

/** What the demo's reviewer approves: the article's own tier where the table has it, else a modest range. */
function approvalOf(tier: SanctionTier | null, party: PartyType): ReviewedSanctions {
  const s = tier ? (party === 'unit' ? tier.unit : tier.individual) : null;
  if (!tier || !s) return DEMO_REVIEW_APPROVAL;
  return {
    warning: s.warning !== 'none',
    fine: s.fine?.kind === 'range' ? { minFen: s.fine.minFen, maxFen: s.fine.maxFen } : null,
    detention: s.detention,
    suspension: s.suspension !== 'none',
    revocation: s.revocation !== 'none',
    confiscation: s.confiscation !== 'none',
    personFine: tier.persons?.fine ?? null,
    personDetention: tier.persons?.detention ?? null,
  };
}

/** The penalties decided on one inspection (none, or one decision). */
export function decidePenalties(r: DemoRandom, c: PenaltyCaseFacts): DemoPenalty[] {
  const choice = choose(r, c);
  if (!choice) return [];
  const penaltyRule = rule(choice.violation);
  const severity = choice.severity ?? 'standard';
  const party = choice.party ?? 'unit';
  const partyName = party === 'unit' ? c.entity.name : (c.entity.contact_name ?? personName(r));

  // The act: the inspection's finding, or the deadline the party let pass. The decision follows it.
  const act = choice.notice ? choice.notice.due + 1 : c.inspected;
  const start = choice.notice ? choice.notice.due + r.int(3, 20) : c.inspected + r.int(3, 25);
  // The article's row in the version in force on the day of the act (from旧; 从轻 is checked below).
  const resolved = resolveArticle(penaltyRule, choice.article, isoDate(act), isoDate(act));
  // Where the table has no row for that version, the rulebook's quoted provision (another version) is
  // what the demo's reviewer approves; where it quotes none, a modest range (DEMO_REVIEW_APPROVAL).
  const row = resolved.article ?? STATUTE_ARTICLES.find((a) => penaltyRule.provisions.includes(a.provision));
  const articleTier = row?.tiers.find((t) => t.severity === severity) ?? null;
  const approval = approvalOf(articleTier, party);
  const s =
    (articleTier && (party === 'unit' ? articleTier.unit : articleTier.individual)) ??
    sanctions({ warning: 'allowed', fine: { kind: 'range', ...approval.fine! } });
  const drawn = partySanctions(r, s, party, choice, r.chance(0.8));
  const persons =
    party === 'unit' && articleTier?.persons
      ? personSanctions(r, articleTier.persons, c.entity.contact_name ?? personName(r))
      : [];

  const established: PenaltyPrecondition[] = choice.notice
    ? [
        'rectification_deadline_passed_unmet',
        'overdue_rectification_inadequate',
        ...(choice.notice.severity === 'major' ? (['major_hazard_refused_or_inadequately_rectified'] as const) : []),
        ...(choice.harm ? (['overdue_rectification_with_harm_or_serious_threat'] as const) : []),
      ]
    : [];
  const proposed: ProposedPenalty = {
    violation: penaltyRule.violation,
    article: choice.article ?? null,
    severity,
    party,
    ...drawn,
    individualFines: persons.map((f) => ({ personId: f.name, role: f.role, fineFen: f.fineFen, detentionDays: f.detentionDays })),
    actOn: isoDate(act),
    established,
  };
  const gate = validatePenalty({ ...proposed, decidedOn: isoDate(start) }).requiresHearingNotice;

  // Large fine, revocation, suspension or seizure: hearing notice first, then (after the request
  // period, or the hearing the party asked for) collective discussion, then the decision.
  let decided = start;
  let hearing: Pick<
    NewPenalty,
    'hearing_notified_on' | 'hearing_requested' | 'hearing_held_on' | 'collective_discussion_on' | 'collective_discussion_note'
  > = {};
  if (gate) {
    const notified = start;
    decided = notified + r.int(15, 25);
    const requested = r.chance(0.2);
    hearing = {
      hearing_notified_on: isoDate(notified),
      hearing_requested: requested,
      hearing_held_on: requested ? isoDate(notified + r.int(3, 10)) : null,
      collective_discussion_on: isoDate(decided - r.int(1, 3)),
      collective_discussion_note: r.pick(COLLECTIVE_NOTES),
    };
  }
  if (decided > c.today) return [];

  const procedure = {
    hearingRightNotified: gate,
    collectiveDiscussionHeld: gate,
    hearingHeld: Boolean(hearing.hearing_held_on),
  };
  const decidedOn = isoDate(decided);
  const first = validatePenalty({ ...proposed, decidedOn, procedure });
  // 法制审核 where core asks for it, the day before the decision, naming the article applied.
  const legalReview: LegalReview | null = first.requiresLegalReview
    ? {
        reviewer: r.pick(REVIEWERS),
        reviewedOn: isoDate(Math.max(act, decided - 1)),
        article:
          choice.article && !resolved.article
            ? choice.article
            : `${penaltyRule.legalBasis.zh}${first.citation ? `（${first.citation}）` : ''}`,
        approved: approval,
        opinion: r.pick(REVIEW_OPINIONS),
      }
    : null;
  const verdict = legalReview ? validatePenalty({ ...proposed, decidedOn, procedure, legalReview }) : first;
  if (!verdict.ok)
    throw new Error(`demo: ${penaltyRule.violation} refused by core: ${verdict.reasons.map((x) => x.code).join(', ')}`);

  return [
    {
      violation_code: penaltyRule.violation,
      severity,
      party_type: party,
      party_name: partyName,
      facts: `${isoDate(c.inspected)}检查发现：${c.hazards.join('；')}。`,
      act_on: isoDate(act),
      decided_on: decidedOn,
      statute_article: verdict.citation,
      statute_version: verdict.appliedVersion?.id ?? null,
      warning: drawn.warning,
      fine_fen: drawn.fineFen ?? 0,
      inspection_fees_fen: drawn.inspectionFeesFen,
      individual_fines: persons.length ? JSON.stringify(persons) : null,
      detention_days: drawn.detentionDays ?? 0,
      licence_revoked: drawn.revokeLicence,
      suspend_business: drawn.suspendBusiness,
      confiscate_licence: drawn.confiscateLicence,
      harm_or_serious_threat: Boolean(choice.harm),
      ...(legalReview
        ? {
            legal_reviewer: legalReview.reviewer,
            legal_reviewed_on: legalReview.reviewedOn,
            legal_review_article: legalReview.article,
            legal_review_approved: JSON.stringify(legalReview.approved),
            legal_review_opinion: legalReview.opinion,
          }
        : {}),
      ...hearing,
      ...(choice.notice ? { noticeOfHazard: choice.notice.hazardIndex } : {}),
    },
  ];
}
