import { bureauDate } from '@supervise/core';

/** Progress and diagnostics go to stderr, so stdout carries only a command's result. */
export function logErr(line: string): void {
  process.stderr.write(line + '\n');
}

/** Today's date in the bureau's time zone, as 'YYYY-MM-DD'. */
export function todayInShanghai(now: Date = new Date()): string {
  return bureauDate(now);
}
