/**
 * Which violation codes belong to a regime, and which party a violation defaults to. Shared by the
 * CLI's `penalty check` and the web's `/api/v1/penalties/check`, so both refuse a code of another
 * regime with the same words.
 */
import { PENALTY_TABLE, findPenaltyRule, type PartyType, type PenaltyRule } from './penalty-table.js';
import type { RegimeCode } from '../regimes/entity-kinds.js';

export type ViolationLookup =
  | { ok: true; rule: PenaltyRule }
  | { ok: false; code: 'PENALTY-UNKNOWN-VIOLATION'; zh: string; en: string; validCodes: string[] };

export function violationsOfRegime(regime: RegimeCode): readonly PenaltyRule[] {
  return PENALTY_TABLE.filter((r) => r.regime === regime);
}

/** The rule of `violation` (normalised to upper case) if it is one of `regime`'s; else why not. */
export function findViolationOfRegime(regime: RegimeCode, violation: string): ViolationLookup {
  const code = violation.trim().toUpperCase();
  const rule = findPenaltyRule(code);
  if (rule && rule.regime === regime) return { ok: true, rule };
  const validCodes = violationsOfRegime(regime).map((r) => r.violation);
  return {
    ok: false,
    code: 'PENALTY-UNKNOWN-VIOLATION',
    zh: rule ? `${code} 属于 ${rule.regime}，不属于 ${regime}` : `未知的违法行为代码：${code}`,
    en: rule ? `${code} belongs to ${rule.regime}, not ${regime}` : `unknown violation code: ${code}`,
    validCodes,
  };
}

/** The party when the violation applies to only one; null when the caller must say unit or individual. */
export function defaultParty(rule: PenaltyRule): PartyType | null {
  return rule.parties.length === 1 ? rule.parties[0]! : null;
}
