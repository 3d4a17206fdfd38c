/**
 * Argument parsers for commander options. Each throws InvalidArgumentError with a bilingual message,
 * which commander prints with the option's name before exiting.
 */
import { isIsoDate, REGIME_CODES, type IsoDate, type RegimeCode } from '@supervise/core';
import { badArgument } from './cli-output.js';

/** A real calendar date, 'YYYY-MM-DD' (2026-02-30 is refused here, before any database is opened). */
export function parseIsoDate(value: string): IsoDate {
  if (!isIsoDate(value))
    throw badArgument(`日期应为 YYYY-MM-DD 的有效日期：${value}`, `not a valid date of the form YYYY-MM-DD: ${value}`);
  return value;
}

export function parseWholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw badArgument(`应为非负整数：${value}`, `not a whole number: ${value}`);
  return Number(value);
}

/** An amount in yuan, with at most two decimals (fen), into fen: '5000' → 500000, '12.5' → 1250. */
export function parseYuanToFen(value: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw badArgument(`金额应为元，最多两位小数：${value}`, `an amount in yuan with at most two decimals: ${value}`);
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw badArgument(`金额过大：${value}`, `amount too large: ${value}`);
  return fen;
}

export function parseRegimeCode(value: string): RegimeCode {
  const code = value.trim().toUpperCase();
  if (!(REGIME_CODES as readonly string[]).includes(code)) {
    throw badArgument(
      `未知的制度代码：${value}（可用：${REGIME_CODES.join(', ')}）`,
      `unknown regime: ${value} (valid: ${REGIME_CODES.join(', ')})`,
    );
  }
  return code as RegimeCode;
}

/** Commander's collector for a repeatable option. */
export const collect =
  <T>(parse: (v: string) => T) =>
  (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
