/**
 * Checks an entered penalty against the rulebook and returns every reason it is refused (not just
 * the first), each in Chinese and English. Pure: the thresholds come in as options.
 */
import {
  PRECONDITION_TEXT,
  type PartyType,
  type PenaltyPrecondition,
  type PenaltyRule,
  type PenaltyTier,
  type Severity,
  type ViolationCode,
  findPenaltyRule,
  yuan,
} from './penalty-table.js';
import type { Reason } from '../shared/reason.js';

export interface IndividualFine {
  personId: string;
  role: 'head' | 'directly_responsible';
  fineFen: number;
}

export interface ProposedPenalty {
  violation: ViolationCode;
  severity?: Severity;
  party: PartyType;
  warning?: boolean;
  /** Fine on the party itself (the unit, or the individual offender), in fen. */
  fineFen?: number | null;
  /** R04: the inspection fees the agency collected, in fen (the base of the multiple). */
  inspectionFeesFen?: number | null;
  /** R14: fines on the unit's head and directly responsible persons, each in fen. */
  individualFines?: readonly IndividualFine[];
  detentionDays?: number | null;
  revokeLicence?: boolean;
  suspendBusiness?: boolean;
  /** Preconditions the case file establishes. */
  established?: readonly PenaltyPrecondition[];
  procedure?: { collectiveDiscussionHeld?: boolean; hearingRightNotified?: boolean };
}

/**
 * A fine at or above these amounts is a "large fine" (较大数额罚款): before deciding it, the
 * party must be told of its right to a hearing, and R03 requires collective discussion.
 * Default: the hearing clause of 《公安机关办理行政案件程序规定》 — 2,000 yuan or more for an
 * individual, 10,000 yuan or more for a unit. Where a local regulation sets other amounts, or a later
 * revision of the law changes them, pass them here.
 */
export interface LargeFineThreshold {
  unitFen: number;
  individualFen: number;
}

export const DEFAULT_LARGE_FINE_THRESHOLD: LargeFineThreshold = { unitFen: yuan(10_000), individualFen: yuan(2_000) };

/** The law behind each procedural gate of a penalty (issue 11 §3), cited with every refusal. */
export const PROCEDURE_GATE_BASIS = {
  hearingRight:
    '《中华人民共和国行政处罚法》第六十三条（听证权利）；《公安机关办理行政案件程序规定》听证程序（较大数额罚款：个人2000元以上、单位10000元以上）',
  collectiveDiscussion: '《中华人民共和国行政处罚法》第五十七条第二款（情节复杂或者重大违法行为，负责人集体讨论决定）',
} as const;

/** R03's 规范执法 repeats both gates for its regime; every other regime has them from the law alone. */
function gateClause(regime: string, basis: string): string {
  return regime === 'R03' ? `R03 规范执法；${basis}` : basis;
}

export interface PenaltyValidationOptions {
  largeFineThreshold?: LargeFineThreshold;
}

export interface PenaltyCheckResult {
  ok: boolean;
  reasons: Reason[];
  /** Non-blocking remarks, e.g. the rulebook states no range for this violation. */
  notes: Reason[];
  /** Whether the procedural gate (collective discussion, hearing notice) applies. */
  requiresHearingNotice: boolean;
  rule: PenaltyRule | null;
}

const fmtYuan = (fen: number): string => {
  const y = Math.trunc(fen / 100);
  const f = Math.abs(fen % 100);
  return f === 0 ? y.toLocaleString('en-US') : `${y.toLocaleString('en-US')}.${String(f).padStart(2, '0')}`;
};

const isFen = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export function validatePenalty(p: ProposedPenalty, options: PenaltyValidationOptions = {}): PenaltyCheckResult {
  const threshold = options.largeFineThreshold ?? DEFAULT_LARGE_FINE_THRESHOLD;
  const reasons: Reason[] = [];
  const notes: Reason[] = [];
  const rule = findPenaltyRule(p.violation) ?? null;
  if (!rule) {
    reasons.push({
      code: 'PENALTY-UNKNOWN-VIOLATION',
      zh: `未知的违法行为代码：${p.violation}`,
      en: `Unknown violation code: ${p.violation}`,
    });
    return { ok: false, reasons, notes, requiresHearingNotice: false, rule: null };
  }
  const clause = rule.clause;
  const severity = p.severity ?? 'standard';
  const tier: PenaltyTier | undefined = rule.tiers.find((t) => t.severity === severity);
  if (!tier) {
    reasons.push({
      code: 'PENALTY-SEVERITY-NOT-PROVIDED',
      zh: `该违法行为没有“情节严重”档次`,
      en: `This violation has no "${severity}" tier`,
      clause,
    });
    return { ok: false, reasons, notes, requiresHearingNotice: false, rule };
  }

  if (!rule.parties.includes(p.party)) {
    reasons.push({
      code: 'PENALTY-PARTY-NOT-PROVIDED',
      zh: `该处罚不适用于${p.party === 'unit' ? '单位' : '个人'}`,
      en: `This penalty does not apply to ${p.party === 'unit' ? 'a unit' : 'an individual'}`,
      clause,
    });
  }

  // Preconditions: e.g. R09 seal engravers are fined only after a rectification deadline passed
  // unmet; R14 banks only after an overdue rectification with harm or a serious threat.
  const established = new Set(p.established ?? []);
  for (const pre of rule.preconditions) {
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

  // Warning.
  const fineGiven = p.fineFen != null;
  if (p.fineFen != null && !isFen(p.fineFen)) {
    reasons.push({
      code: 'PENALTY-FINE-NOT-INTEGER-FEN',
      zh: '罚款金额必须为非负整数（分）',
      en: 'The fine must be a non-negative whole number of fen',
      clause,
    });
  }
  if (tier.warning === 'alternative') {
    // "处警告或者…罚款": one of the two, not both, not neither.
    if (p.warning && fineGiven)
      reasons.push({
        code: 'PENALTY-WARNING-OR-FINE-NOT-BOTH',
        zh: '警告与罚款只能择一适用',
        en: 'Either a warning or a fine, not both',
        clause,
      });
    if (!p.warning && !fineGiven)
      reasons.push({
        code: 'PENALTY-WARNING-OR-FINE-MISSING',
        zh: '应处警告或者罚款',
        en: 'A warning or a fine is required',
        clause,
      });
  } else if (tier.warning === 'required') {
    if (!p.warning) reasons.push({ code: 'PENALTY-WARNING-REQUIRED', zh: '应当处警告', en: 'A warning is required', clause });
  } else if (p.warning) {
    reasons.push({
      code: 'PENALTY-WARNING-NOT-PROVIDED',
      zh: '该违法行为未规定警告处罚',
      en: 'No warning is provided for this violation',
      clause,
    });
  }

  // The party's fine.
  const fine = tier.fine;
  if (!fine) {
    if (fineGiven)
      reasons.push({
        code: 'PENALTY-FINE-NOT-PROVIDED',
        zh: '该违法行为未规定罚款',
        en: 'No fine is provided for this violation',
        clause,
      });
  } else {
    if (!fineGiven && tier.fineRequired)
      reasons.push({ code: 'PENALTY-FINE-REQUIRED', zh: '应当并处罚款', en: 'A fine is required', clause });
    if (fine.kind === 'range' && isFen(p.fineFen)) {
      if (p.fineFen < fine.minFen || p.fineFen > fine.maxFen) {
        reasons.push({
          code: 'PENALTY-FINE-OUT-OF-RANGE',
          zh: `罚款 ${fmtYuan(p.fineFen)} 元不在法定幅度 ${fmtYuan(fine.minFen)}–${fmtYuan(fine.maxFen)} 元内`,
          en: `A fine of ${fmtYuan(p.fineFen)} yuan is outside the statutory range ${fmtYuan(fine.minFen)}–${fmtYuan(fine.maxFen)} yuan`,
          clause,
        });
      }
    } else if (fine.kind === 'multiple') {
      // R04: 5–10 times the inspection fees collected; the base must be on the file.
      if (!isFen(p.inspectionFeesFen) || p.inspectionFeesFen === 0) {
        reasons.push({
          code: 'PENALTY-BASE-MISSING',
          zh: '须录入所收检验费用作为罚款基数',
          en: 'The inspection fees collected (the base of the fine) must be entered',
          clause,
        });
      } else if (isFen(p.fineFen)) {
        const min = p.inspectionFeesFen * fine.minTimes;
        const max = p.inspectionFeesFen * fine.maxTimes;
        if (p.fineFen < min || p.fineFen > max) {
          reasons.push({
            code: 'PENALTY-FINE-OUT-OF-MULTIPLE-RANGE',
            zh: `罚款 ${fmtYuan(p.fineFen)} 元不在检验费用 ${fine.minTimes}–${fine.maxTimes} 倍（${fmtYuan(min)}–${fmtYuan(max)} 元）内`,
            en: `A fine of ${fmtYuan(p.fineFen)} yuan is outside ${fine.minTimes}–${fine.maxTimes} times the fees (${fmtYuan(min)}–${fmtYuan(max)} yuan)`,
            clause,
          });
        }
      }
    } else if (fine.kind === 'unquantified') {
      notes.push({
        code: 'PENALTY-RANGE-NOT-IN-RULEBOOK',
        zh: `规章未载明罚款幅度，请核对${rule.legalBasis.zh}`,
        en: `The rulebook states no range; check the ${rule.legalBasis.en}`,
        clause,
      });
    }
  }

  // Detention (R10 serious: 5–10 days plus the fine). Only a person can be detained.
  if (tier.detention) {
    if (p.detentionDays == null) {
      reasons.push({
        code: 'PENALTY-DETENTION-REQUIRED',
        zh: `情节严重的应处${tier.detention.minDays}–${tier.detention.maxDays}日拘留`,
        en: `A serious case requires ${tier.detention.minDays}–${tier.detention.maxDays} days' detention`,
        clause,
      });
    } else if (
      !Number.isSafeInteger(p.detentionDays) ||
      p.detentionDays < tier.detention.minDays ||
      p.detentionDays > tier.detention.maxDays
    ) {
      reasons.push({
        code: 'PENALTY-DETENTION-OUT-OF-RANGE',
        zh: `拘留 ${p.detentionDays} 日不在 ${tier.detention.minDays}–${tier.detention.maxDays} 日内`,
        en: `${p.detentionDays} days' detention is outside ${tier.detention.minDays}–${tier.detention.maxDays} days`,
        clause,
      });
    }
    if (p.party === 'unit' && p.detentionDays != null) {
      reasons.push({
        code: 'PENALTY-DETENTION-OF-UNIT',
        zh: '拘留只能适用于个人',
        en: 'Only an individual can be detained',
        clause,
      });
    }
  } else if (p.detentionDays != null) {
    reasons.push({
      code: 'PENALTY-DETENTION-NOT-PROVIDED',
      zh: '该违法行为（档次）未规定拘留',
      en: 'No detention is provided for this violation at this severity',
      clause,
    });
  }

  // Separate fines on individuals (R14: head and directly responsible persons, each).
  const individuals = p.individualFines ?? [];
  if (individuals.length > 0) {
    if (!tier.individualFine) {
      reasons.push({
        code: 'PENALTY-INDIVIDUAL-FINE-NOT-PROVIDED',
        zh: '该违法行为未规定对责任人员罚款',
        en: 'No fine on responsible persons is provided for this violation',
        clause,
      });
    } else {
      const seen = new Set<string>();
      for (const f of individuals) {
        if (seen.has(f.personId))
          reasons.push({
            code: 'PENALTY-INDIVIDUAL-DUPLICATE',
            zh: `责任人员 ${f.personId} 重复罚款`,
            en: `Person ${f.personId} is fined twice`,
            clause,
          });
        seen.add(f.personId);
        if (!isFen(f.fineFen) || f.fineFen < tier.individualFine.minFen || f.fineFen > tier.individualFine.maxFen) {
          reasons.push({
            code: 'PENALTY-INDIVIDUAL-FINE-OUT-OF-RANGE',
            zh: `对 ${f.personId} 的罚款不在 ${fmtYuan(tier.individualFine.minFen)}–${fmtYuan(tier.individualFine.maxFen)} 元内`,
            en: `The fine on ${f.personId} is outside ${fmtYuan(tier.individualFine.minFen)}–${fmtYuan(tier.individualFine.maxFen)} yuan`,
            clause,
          });
        }
      }
    }
  }

  // R14: the head is fined beside the unit ("处", mandatory); a unit-only fine is refused.
  if (tier.individualFineRequired && !individuals.some((f) => f.role === 'head')) {
    reasons.push({
      code: 'PENALTY-INDIVIDUAL-FINE-REQUIRED',
      zh: '应当同时对单位主要负责人和其他直接责任人员处以罚款',
      en: "The unit's head and other directly responsible persons must be fined as well",
      clause,
    });
  }

  // Licence revocation and suspension.
  if (tier.revocation === 'required' && !p.revokeLicence) {
    reasons.push({
      code: 'PENALTY-REVOCATION-REQUIRED',
      zh: '应当依法撤销（吊销）许可或资格',
      en: 'The licence or qualification must be revoked',
      clause,
    });
  } else if (tier.revocation === 'none' && p.revokeLicence) {
    reasons.push({
      code: 'PENALTY-REVOCATION-NOT-PROVIDED',
      zh: '该违法行为（档次）未规定吊销',
      en: 'Revocation is not provided for this violation at this severity',
      clause,
    });
  }
  if (p.suspendBusiness && tier.suspension === 'none') {
    reasons.push({
      code: 'PENALTY-SUSPENSION-NOT-PROVIDED',
      zh: '该违法行为未规定责令停产停业',
      en: 'Suspension is not provided for this violation',
      clause,
    });
  }

  // Procedural gate: before a large fine, a revocation or a suspension, collective discussion and
  // notice of the right to a hearing. The hearing right is the Administrative Penalty Law's (art. 63),
  // its "large fine" amounts the Ministry's procedure rules' (PROCEDURE_GATE_BASIS); collective
  // discussion of a grave case is art. 57(2) of that law, and R03's 规范执法 repeats both for its regime.
  const partyThreshold = p.party === 'unit' ? threshold.unitFen : threshold.individualFen;
  const largeFine =
    (isFen(p.fineFen) && p.fineFen >= partyThreshold) ||
    individuals.some((f) => isFen(f.fineFen) && f.fineFen >= threshold.individualFen);
  const requiresHearingNotice = largeFine || Boolean(p.revokeLicence) || Boolean(p.suspendBusiness);
  if (requiresHearingNotice) {
    const what = largeFine
      ? { zh: '较大数额罚款', en: 'a large fine' }
      : p.revokeLicence
        ? { zh: '吊销许可', en: 'a revocation' }
        : { zh: '责令停产停业', en: 'a suspension' };
    if (!p.procedure?.collectiveDiscussionHeld) {
      reasons.push({
        code: 'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
        zh: `作出${what.zh}决定前应当集体讨论`,
        en: `Collective discussion is required before ${what.en}`,
        clause: gateClause(rule.regime, PROCEDURE_GATE_BASIS.collectiveDiscussion),
      });
    }
    if (!p.procedure?.hearingRightNotified) {
      reasons.push({
        code: 'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
        zh: `作出${what.zh}决定前应当告知当事人有要求听证的权利`,
        en: `The party must be told of its right to a hearing before ${what.en}`,
        clause: gateClause(rule.regime, PROCEDURE_GATE_BASIS.hearingRight),
      });
    }
  }

  return { ok: reasons.length === 0, reasons, notes, requiresHearingNotice, rule };
}
