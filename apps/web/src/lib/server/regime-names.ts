import { getRegime, REGIME_CODES, type RegimeCode } from '@supervise/core';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RegimeLabel } from '$lib/regimes';

// Legend-sized names; the full zh/en names come from the core regime catalogue.
const SHORT: Record<RegimeCode, () => string> = {
  R01: m.regime_short_R01,
  R02: m.regime_short_R02,
  R03: m.regime_short_R03,
  R04: m.regime_short_R04,
  R05: m.regime_short_R05,
  R06: m.regime_short_R06,
  R07: m.regime_short_R07,
  R08: m.regime_short_R08,
  R09: m.regime_short_R09,
  R10: m.regime_short_R10,
  R11: m.regime_short_R11,
  R12: m.regime_short_R12,
  R13: m.regime_short_R13,
  R14: m.regime_short_R14,
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** R01–R14 with their names in the request's language (call inside a request). */
export function regimeLabels(): RegimeLabel[] {
  const zh = getLocale() === 'zh-CN';
  return REGIME_CODES.map((code) => {
    const def = getRegime(code);
    return { code, name: zh ? def.zh : capitalise(def.en), shortName: SHORT[code]() };
  });
}
