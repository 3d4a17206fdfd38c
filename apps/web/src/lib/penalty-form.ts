/**
 * The penalty form's values (issue 10 §4), shared by the page (which asks core's validator, live,
 * whether the hearing and collective-discussion records are needed) and its form action (which turns
 * them into the use-case's input). Fines are typed in yuan and kept in fen, exactly: the text is
 * parsed as decimal, never through a float.
 */
import { findPenaltyRule, validatePenalty, type PenaltyTier, type ProposedPenalty } from '@supervise/core';

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
  persons: { name: string; role: 'head' | 'directly_responsible'; yuan: string }[];
  detentionDays: string;
  revoke: boolean;
  suspend: boolean;
  hearingNotifiedOn: string;
  /** '' not recorded, 'no', 'yes'. */
  hearingRequested: '' | 'no' | 'yes';
  hearingHeldOn: string;
  collectiveOn: string;
  collectiveNote: string;
  decidedOn: string;
}

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
    })),
    detentionDays: '',
    revoke: false,
    suspend: false,
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

/** The tier the values select (null: no such violation or severity). */
export function tierOf(v: Pick<PenaltyFormValues, 'violation' | 'severity'>): PenaltyTier | null {
  return findPenaltyRule(v.violation)?.tiers.find((t) => t.severity === v.severity) ?? null;
}

const num = (x: number | null | 'invalid') => (typeof x === 'number' ? x : null);

/**
 * Whether core's validator puts this penalty behind the hearing notice and collective discussion
 * (a large fine, a revocation, a suspension): the page shows those fields when it does.
 */
export function needsProcedureRecords(v: PenaltyFormValues): boolean {
  if (!findPenaltyRule(v.violation)) return false;
  const proposed: ProposedPenalty = {
    violation: v.violation,
    severity: v.severity,
    party: v.partyType,
    warning: v.warning,
    fineFen: num(yuanToFen(v.fineYuan)),
    individualFines: v.persons
      .filter((p) => p.name.trim() !== '' || p.yuan.trim() !== '')
      .map((p, i) => ({ personId: p.name.trim() || String(i), role: p.role, fineFen: num(yuanToFen(p.yuan)) ?? 0 })),
    revokeLicence: v.revoke,
    suspendBusiness: v.suspend,
  };
  return validatePenalty(proposed).requiresHearingNotice;
}
