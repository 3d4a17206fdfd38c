/** 14 distinguishable, print-safe colours, one per regime (stable across pages). */
const PALETTE = [
  '#1f4e79',
  '#2e75b6',
  '#9dc3e6',
  '#c55a11',
  '#f4b183',
  '#548235',
  '#a9d18e',
  '#7030a0',
  '#b4a7d6',
  '#bf9000',
  '#ffd966',
  '#595959',
  '#a6a6a6',
  '#c00000',
];

export function regimeColour(code: string): string {
  const i = Number(code.slice(1)) - 1;
  return PALETTE[i] ?? '#7f7f7f';
}

export interface RegimeLabel {
  code: string;
  /** Full name in the page's language (from the core catalogue). */
  name: string;
  /** Short name for chart legends (from the message catalogue). */
  shortName: string;
}
