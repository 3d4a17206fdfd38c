import { bureauDate, isIsoDate } from '@supervise/core';

/** Progress and diagnostics go to stderr, so stdout carries only a command's result. */
export function logErr(line: string): void {
  process.stderr.write(line + '\n');
}

/**
 * Today's date in the bureau's time zone, as 'YYYY-MM-DD' — or SUPERVISE_TODAY when set, as the web
 * app and the worker read it, so a pinned test date means the same day to all three. A malformed
 * value is refused, never ignored.
 */
export function todayInShanghai(now: Date = new Date(), pinned: string | undefined = process.env.SUPERVISE_TODAY): string {
  if (pinned === undefined || pinned === '') return bureauDate(now);
  if (!isIsoDate(pinned)) throw new Error(`SUPERVISE_TODAY: expected a valid date YYYY-MM-DD, got "${pinned}"`);
  return pinned;
}
