import type { RegimeCode } from '@supervise/core';
import { m } from '$lib/paraglide/messages.js';

// Regime names in the UI language. (Core has the codes and entity kinds; the names live in the
// message catalogue until core carries them.)
const NAMES: Record<RegimeCode, { full: () => string; short: () => string }> = {
  R01: { full: m.regime_R01, short: m.regime_short_R01 },
  R02: { full: m.regime_R02, short: m.regime_short_R02 },
  R03: { full: m.regime_R03, short: m.regime_short_R03 },
  R04: { full: m.regime_R04, short: m.regime_short_R04 },
  R05: { full: m.regime_R05, short: m.regime_short_R05 },
  R06: { full: m.regime_R06, short: m.regime_short_R06 },
  R07: { full: m.regime_R07, short: m.regime_short_R07 },
  R08: { full: m.regime_R08, short: m.regime_short_R08 },
  R09: { full: m.regime_R09, short: m.regime_short_R09 },
  R10: { full: m.regime_R10, short: m.regime_short_R10 },
  R11: { full: m.regime_R11, short: m.regime_short_R11 },
  R12: { full: m.regime_R12, short: m.regime_short_R12 },
  R13: { full: m.regime_R13, short: m.regime_short_R13 },
  R14: { full: m.regime_R14, short: m.regime_short_R14 },
};

export function regimeName(code: string): string {
  return NAMES[code as RegimeCode]?.full() ?? code;
}

export function regimeShortName(code: string): string {
  return NAMES[code as RegimeCode]?.short() ?? code;
}

/** 14 distinguishable, print-safe colours, one per regime (stable across pages). */
const PALETTE = [
  '#1f4e79', '#2e75b6', '#9dc3e6', '#c55a11', '#f4b183', '#548235', '#a9d18e',
  '#7030a0', '#b4a7d6', '#bf9000', '#ffd966', '#595959', '#a6a6a6', '#c00000',
];

export function regimeColour(code: string): string {
  const i = Number(code.slice(1)) - 1;
  return PALETTE[i] ?? '#7f7f7f';
}
