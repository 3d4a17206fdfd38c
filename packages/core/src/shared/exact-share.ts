/**
 * Exact share arithmetic. Shares come as decimal strings ("0.30", "0.05") and are never turned
 * into floats: 0.30 × 10 must be 3 exactly, and ceil(0.30 × 10) must be 3, not 4.
 */

export class InvalidShareError extends RangeError {
  override readonly name = 'InvalidShareError';
  constructor(readonly input: string) {
    super(`比例无效：${input} / Invalid share: ${input} (expected a decimal string between 0 and 1, e.g. "0.30")`);
  }
}

export interface ExactFraction {
  numerator: bigint;
  denominator: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses "0.30" into 30/100. Refuses anything outside [0, 1]. */
export function parseShare(share: string): ExactFraction {
  const m = DECIMAL.exec(share);
  if (!m) throw new InvalidShareError(share);
  const whole = m[1] ?? '0';
  const frac = m[2] ?? '';
  const denominator = 10n ** BigInt(frac.length);
  const numerator = BigInt(whole) * denominator + BigInt(frac === '' ? '0' : frac);
  if (numerator > denominator) throw new InvalidShareError(share);
  return { numerator, denominator };
}

function checkCount(count: number): bigint {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  return BigInt(count);
}

/** The least whole number of units that covers at least `share` of `count` (minimum shares). */
export function ceilShareOf(share: string, count: number): number {
  const { numerator, denominator } = parseShare(share);
  const product = numerator * checkCount(count);
  return Number((product + denominator - 1n) / denominator);
}

/** The greatest whole number of units that stays within `share` of `count` (maximum shares). */
export function floorShareOf(share: string, count: number): number {
  const { numerator, denominator } = parseShare(share);
  return Number((numerator * checkCount(count)) / denominator);
}

/** Compares covered/count against share exactly: negative below, 0 equal, positive above. */
export function compareCoverage(covered: number, count: number, share: string): number {
  const { numerator, denominator } = parseShare(share);
  const lhs = checkCount(covered) * denominator;
  const rhs = numerator * checkCount(count);
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}
