/**
 * Calendar dates as day numbers (days since 1970-01-01). Demo data uses plain calendar-day
 * arithmetic; working-day rules (调休) belong to packages/core.
 */
const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(m[3])) throw new Error(`not a calendar date: ${iso}`);
  return ms / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return isoDate(dayNumber(iso) + n);
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}
