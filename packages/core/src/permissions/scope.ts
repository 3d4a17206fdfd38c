import type { RegimeCode } from '../regimes/entity-kinds.js';
import { REGIME_CODES } from '../regimes/entity-kinds.js';

/**
 * Which brigade supervises which regime in 鹿泉区 (shared/domain.md): a grant scoped to a brigade
 * sees only that brigade's regimes (a traffic-brigade scheduler sees R02–R04 only).
 */
export const REGIME_BRIGADE: Readonly<Record<RegimeCode, string>> = {
  R01: 'B-CRJ',
  R02: 'B-JJ',
  R03: 'B-JJ',
  R04: 'B-JJ',
  R05: 'B-ZA',
  R06: 'B-ZA',
  R07: 'B-ZA',
  R08: 'B-ZA',
  R09: 'B-ZA',
  R10: 'B-ZA',
  R11: 'B-WA',
  R12: 'B-WA',
  R13: 'B-WA',
  R14: 'B-WA',
};

export function brigadeOfRegime(regime: string): string | undefined {
  return (REGIME_BRIGADE as Record<string, string>)[regime];
}

export function regimesOfBrigade(brigadeId: string): RegimeCode[] {
  return REGIME_CODES.filter((r) => REGIME_BRIGADE[r] === brigadeId);
}

/** What a check is about: a regime, a brigade's or a police station's data. All optional. */
export interface ScopedResource {
  regime?: string;
  brigadeId?: string | null;
  stationId?: string | null;
}
