import { sql, type RawBuilder } from 'kysely';

/**
 * Lists of codes (a draw's population: 100,000 of them) travel between the server and the client as
 * one string joined by line breaks (`string_agg(…, E'\n')`, `array_to_string(…, E'\n')`,
 * `string_to_array(…, E'\n')`), not as an array literal escaped and parsed code by code (issue 14). A
 * code holding a line break cannot travel so: the callers then fall back to an array or to rows.
 */

/**
 * `n` codes joined by line breaks, split back; null when the split does not give `n` codes (a code
 * held a line break), so the caller reads them as an array or rows instead.
 */
export function splitJoinedCodes(joined: string | null, n: number): string[] | null {
  if (n === 0) return [];
  const codes = (joined ?? '').split('\n');
  return codes.length === n ? codes : null;
}

/**
 * A list of codes as a text[] value: one string the server splits; bound as an array when a code holds
 * a line break, or for a single code (which may be empty: '' would split into no code at all).
 */
export function textArray(codes: readonly string[]): RawBuilder<string[]> {
  if (codes.length === 1 || codes.some((c) => c.includes('\n'))) return sql<string[]>`${[...codes]}::text[]`;
  return sql<string[]>`string_to_array(${codes.join('\n')}, E'\n')`;
}
