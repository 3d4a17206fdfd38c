import { bureauDate } from '@supervise/core';
import { env } from './env.js';

/**
 * Today's date for the bureau: the server clock's date in Asia/Shanghai, unless a test pins it with
 * SUPERVISE_TODAY. Core never reads the clock; every caller passes this in.
 */
export function serverToday(now: Date = new Date()): string {
  return env().today ?? bureauDate(now);
}
