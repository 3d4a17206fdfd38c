/**
 * Dates as official documents print them: 2026年5月1日 (no leading zeros), instants in Beijing time
 * (UTC+8 all year: China has no daylight saving time since 1991), computed without the host's time zone.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant needs its offset: a bare local time would depend on the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export class DocumentDateError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`${field}: ${JSON.stringify(value)} is not ${expected}`);
    this.name = 'DocumentDateError';
  }
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseDay(value: string): Ymd | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** Beijing wall-clock parts of an ISO instant, or null when it is not one. */
function parseInstant(value: string): (Ymd & { hh: number; mm: number }) | null {
  if (!INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const t = new Date(ms + BEIJING_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes() };
}

const ymdZh = ({ y, m, d }: Ymd) => `${y}年${m}月${d}日`;

/** '2026-05-01' (or an instant, taken on its Beijing day) → 2026年5月1日. */
export function dayZh(value: string, field: string): string {
  const day = typeof value === 'string' ? (parseDay(value) ?? parseInstant(value)) : null;
  if (!day) throw new DocumentDateError(field, value, "a date 'YYYY-MM-DD' or an ISO timestamp with its offset");
  return ymdZh(day);
}

/** An instant → 2026年5月2日10时05分 (Beijing time); a bare day → 2026年5月2日. */
export function instantZh(value: string, field: string): string {
  if (typeof value === 'string') {
    const at = parseInstant(value);
    if (at) return `${ymdZh(at)}${at.hh}时${String(at.mm).padStart(2, '0')}分`;
    const day = parseDay(value);
    if (day) return ymdZh(day);
  }
  throw new DocumentDateError(field, value, "an ISO timestamp with its offset (or a date 'YYYY-MM-DD')");
}

/** The Date a day or instant stands for (a day: 00:00 Beijing time), for the PDF's CreationDate. */
export function dayStart(value: string, field: string): Date {
  const day = parseDay(value);
  if (day) return new Date(Date.UTC(day.y, day.m - 1, day.d) - BEIJING_OFFSET_MS);
  if (parseInstant(value)) return new Date(Date.parse(value));
  throw new DocumentDateError(field, value, "a date 'YYYY-MM-DD' or an ISO timestamp with its offset");
}
