/**
 * Quiet hours: e-mail and group-robot messages wait until the quiet window ends; the in-app inbox
 * always receives at once (it disturbs nobody and is the record of what was sent). Times are local
 * to Asia/Shanghai, which has kept UTC+8 without daylight saving since 1991, so a fixed offset is
 * exact and needs no time-zone database.
 */
export type ReminderChannel = 'inbox' | 'email' | 'webhook';

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export interface QuietHours {
  /** 'HH:MM' local time; start = end means no quiet hours. The window may wrap midnight. */
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '07:00' };

function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`quiet hours must be HH:MM, got ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whether the local minute of day `t` lies in [start, end), the window possibly wrapping midnight. */
function inWindow(t: number, start: number, end: number): boolean {
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/**
 * The earliest instant (epoch ms) at or after `atMs` when `channel` may deliver: `atMs` itself for
 * the inbox or outside the window, otherwise the window's end (local time) the same night.
 */
export function deliverableAt(atMs: number, channel: ReminderChannel, quiet: QuietHours = DEFAULT_QUIET_HOURS): number {
  if (channel === 'inbox') return atMs;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return atMs;
  const localMs = atMs + SHANGHAI_OFFSET_MINUTES * 60_000;
  const dayMs = 86_400_000;
  const minuteOfDay = Math.floor((((localMs % dayMs) + dayMs) % dayMs) / 60_000);
  if (!inWindow(minuteOfDay, start, end)) return atMs;
  // Minutes until the window's end, wrapping past midnight when needed; to the whole minute.
  const wait = (end - minuteOfDay + 1440) % 1440;
  const startOfMinute = atMs - (((localMs % 60_000) + 60_000) % 60_000);
  return startOfMinute + wait * 60_000;
}

/** Whether `channel` is held back at `atMs`. */
export function isQuiet(atMs: number, channel: ReminderChannel, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  return deliverableAt(atMs, channel, quiet) > atMs;
}
