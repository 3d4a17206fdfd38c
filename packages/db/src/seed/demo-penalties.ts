/**
 * The demo's penalty decisions, drawn from core's penalty table (PENALTY_TABLE) and nothing else:
 * each picks a violation of the entity's regime, a tier, a party and a sanction the tier allows, with
 * the preconditions the rule needs true of the case (an overdue notice, harm for R14) and the hearing
 * notice and collective discussion on file, before the decision, where core's validator asks for them.
 * Every decision is checked with core's `validatePenalty` here; one it refuses is a bug in this file.
 */
import {
  findPenaltyRule,
  validatePenalty,
  type PartyType,
  type PenaltyPrecondition,
  type PenaltyRule,
  type PenaltyTier,
  type ProposedPenalty,
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

/** Fines the rulebook does not quantify (it names the law only): the demo keeps them modest. */
const UNQUANTIFIED_YUAN: readonly [number, number] = [1_000, 5_000];

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
      // Serious: detention, which only a person can serve: the operator is the party.
      const serious = r.chance(c.anyMajor ? 0.5 : 0.15);
      return { violation, severity: serious ? 'serious' : 'standard', party: serious ? 'individual' : 'unit' };
    }
    case 'vehicle_inspection_agency':
      return c.mayFindFalseResults && r.chance(c.anyMajor ? 0.6 : 0.25) ? { violation: 'R04-FALSE-INSPECTION-RESULT' } : null;
  }
  switch (e.regime_code) {
    case 'R03': {
      // R03 监管措施（三）: only a major hazard left unrectified is penalised.
      const major = c.notices.find((n) => n.severity === 'major' && overdue(n));
      return major && r.chance(0.6)
        ? { violation: 'R03-MAJOR-HAZARD-UNRECTIFIED', notice: major, suspend: r.chance(0.15) }
        : null;
    }
    case 'R05':
      return r.chance(0.4) ? { violation: 'R05-EVENT-VIOLATION' } : null;
    case 'R07':
      return r.chance(0.4) ? { violation: 'R07-SECURITY-SERVICE-VIOLATION' } : null;
    case 'R08':
      return r.chance(0.4) ? { violation: 'R08-PRODUCT-REGISTRATION-VIOLATION' } : null;
    case 'R11':
      return r.chance(0.15) ? { violation: 'R11-INTERNET-CAFE-VIOLATION' } : null;
    // R12/R13: only after a rectification overdue or inadequate.
    case 'R12':
      return overdueNotice && r.chance(0.8) ? { violation: 'R12-GRADED-PROTECTION-VIOLATION', notice: overdueNotice } : null;
    case 'R13':
      return overdueNotice && r.chance(0.8) ? { violation: 'R13-NETWORKED-UNIT-VIOLATION', notice: overdueNotice } : null;
    // R01, R02, R06, hotels (R09): the rulebook provides no penalty the demo could decide.
    default:
      return null;
  }
}

/**
 * The sanction the tier allows, amounts drawn within it: a warning where the tier requires one (or,
 * where it is the alternative, now and then), otherwise the fine. A fine the tier merely allows beside
 * a revocation (R09 seal engravers, serious) is imposed when `withFine`.
 */
function sanction(r: DemoRandom, tier: PenaltyTier, withFine: boolean) {
  let warning = false;
  let fineFen: number | null = null;
  let inspectionFeesFen: number | null = null;
  const optionalFine = tier.fine?.kind === 'range' && !tier.fineRequired && tier.warning === 'none';
  if (tier.warning === 'required') warning = true;
  else if (tier.warning === 'alternative' && r.chance(0.4)) warning = true;
  else if (tier.fine && (!optionalFine || withFine)) {
    const f = tier.fine;
    if (f.kind === 'range') fineFen = fenWithin(r, f.minFen, f.maxFen);
    else if (f.kind === 'multiple') {
      // R04: the fees the agency collected for the falsified inspections.
      inspectionFeesFen = r.int(20, 120) * r.int(150, 400) * 100;
      fineFen = inspectionFeesFen * r.int(f.minTimes, f.maxTimes);
    } else fineFen = fenWithin(r, UNQUANTIFIED_YUAN[0] * 100, UNQUANTIFIED_YUAN[1] * 100);
  }
  return { warning, fineFen, inspectionFeesFen };
}

/** The penalties decided on one inspection (none, or one decision). */
export function decidePenalties(r: DemoRandom, c: PenaltyCaseFacts): DemoPenalty[] {
  const choice = choose(r, c);
  if (!choice) return [];
  const penaltyRule = rule(choice.violation);
  const severity = choice.severity ?? 'standard';
  const tier = penaltyRule.tiers.find((t) => t.severity === severity)!;
  const party = choice.party ?? 'unit';
  const partyName = party === 'unit' ? c.entity.name : (c.entity.contact_name ?? personName(r));

  const { warning, fineFen, inspectionFeesFen } = sanction(r, tier, r.chance(0.8));
  const individualFines: { name: string; role: 'head' | 'directly_responsible'; fineFen: number }[] = [];
  if (tier.individualFine) {
    const { minFen, maxFen } = tier.individualFine;
    if (tier.individualFineRequired || r.chance(0.5))
      individualFines.push({ name: c.entity.contact_name ?? personName(r), role: 'head', fineFen: fenWithin(r, minFen, maxFen) });
    if (r.chance(0.5))
      individualFines.push({ name: personName(r), role: 'directly_responsible', fineFen: fenWithin(r, minFen, maxFen) });
  }
  const detentionDays = tier.detention ? r.int(tier.detention.minDays, tier.detention.maxDays) : null;
  const revokeLicence = tier.revocation === 'required';
  const suspendBusiness = tier.suspension === 'allowed' && Boolean(choice.suspend);

  // The decision follows the inspection, or the deadline the party let pass.
  const start = choice.notice ? choice.notice.due + r.int(3, 20) : c.inspected + r.int(3, 25);
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
    severity,
    party,
    warning,
    fineFen,
    inspectionFeesFen,
    individualFines: individualFines.map((f) => ({ personId: f.name, role: f.role, fineFen: f.fineFen })),
    detentionDays,
    revokeLicence,
    suspendBusiness,
    established,
  };
  const gate = validatePenalty(proposed).requiresHearingNotice;

  // Large fine, revocation or suspension: hearing notice first, then (after the request period, or
  // the hearing the party asked for) collective discussion, then the decision.
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

  const verdict = validatePenalty({
    ...proposed,
    procedure: { hearingRightNotified: gate, collectiveDiscussionHeld: gate },
  });
  if (!verdict.ok)
    throw new Error(`demo: ${penaltyRule.violation} refused by core: ${verdict.reasons.map((x) => x.code).join(', ')}`);

  return [
    {
      violation_code: penaltyRule.violation,
      severity,
      party_type: party,
      party_name: partyName,
      facts: `${isoDate(c.inspected)}检查发现：${c.hazards.join('；')}。`,
      decided_on: isoDate(decided),
      warning,
      fine_fen: fineFen ?? 0,
      inspection_fees_fen: inspectionFeesFen,
      individual_fines: individualFines.length ? JSON.stringify(individualFines) : null,
      detention_days: detentionDays ?? 0,
      licence_revoked: revokeLicence,
      suspend_business: suspendBusiness,
      harm_or_serious_threat: Boolean(choice.harm),
      ...hearing,
      ...(choice.notice ? { noticeOfHazard: choice.notice.hazardIndex } : {}),
    },
  ];
}
