import type { IsoDate } from './iso-date.js';

/** The bureau's time zone. China keeps UTC+8 all year (no daylight saving time). */
export const BUREAU_TIME_ZONE = 'Asia/Shanghai';
const UTC_PLUS_8_MS = 8 * 3_600_000;

/** The civil date in Asia/Shanghai at an instant. Pure: the caller reads the clock. */
export function bureauDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + UTC_PLUS_8_MS).toISOString().slice(0, 10);
}
