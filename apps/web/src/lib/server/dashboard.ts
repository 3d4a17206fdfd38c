import type { MonthlyRegimeCount, RegimeSummary } from '@supervise/db';

/** Pure shaping of the dashboard series; the SQL is in packages/db (dashboard.repository.ts). */

/** The last 12 calendar months ending with today's month: from the 1st of the first month to today. */
export function last12Months(today: string): { from: string; to: string; months: string[] } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const idx = y * 12 + (m - 1) - i;
    months.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return { from: `${months[0]}-01`, to: today, months };
}

export interface StackedSeries {
  months: string[];
  series: { regimeCode: string; data: number[] }[];
}

/** One series per regime (in the given order), one value per month, zeros filled in. */
export function stackByRegime(rows: MonthlyRegimeCount[], months: string[], regimes: readonly string[]): StackedSeries {
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const data = new Map(regimes.map((r) => [r, months.map(() => 0)]));
  for (const row of rows) {
    const i = monthIndex.get(row.month);
    const d = data.get(row.regimeCode);
    if (i !== undefined && d) d[i] = (d[i] ?? 0) + row.count;
  }
  return { months, series: regimes.map((r) => ({ regimeCode: r, data: data.get(r) ?? [] })) };
}

export type SummaryTotals = Omit<RegimeSummary, 'regimeCode'>;

export function totals(rows: RegimeSummary[]): SummaryTotals {
  const t: SummaryTotals = {
    entities: 0,
    inspections: 0,
    hazards: 0,
    rectificationsDue: 0,
    rectificationsCompleted: 0,
    penalties: 0,
    fineFen: 0,
  };
  for (const r of rows) {
    t.entities += r.entities;
    t.inspections += r.inspections;
    t.hazards += r.hazards;
    t.rectificationsDue += r.rectificationsDue;
    t.rectificationsCompleted += r.rectificationsCompleted;
    t.penalties += r.penalties;
    t.fineFen += r.fineFen;
  }
  return t;
}

/** Completed / due, or null when nothing is due yet (shown as a dash, not as 0 %). */
export function rectificationRate(completed: number, due: number): number | null {
  return due > 0 ? completed / due : null;
}
