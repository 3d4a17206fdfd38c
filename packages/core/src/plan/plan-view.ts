/**
 * The scheduler's plan (issue 9 §1): which period a `?period=` names, and the status of one
 * obligation of the plan from what has been inspected and rostered so far. Pure.
 */
import type { DateWindow } from '../obligations/period.js';
import { monthPeriod, monthSpan, quarterPeriod, yearPeriod } from '../obligations/period.js';
import { type IsoDate, compareIsoDates } from '../shared/iso-date.js';

export type PlanPeriodKind = 'month' | 'two_months' | 'quarter' | 'year';

export interface NamedPlanPeriod extends DateWindow {
  kind: PlanPeriodKind;
  /** The canonical name: `2026-12`, `2026-B6` (Nov–Dec), `2026-Q4`, `2026`. */
  name: string;
}

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/**
 * A plan period as the frequency rules cut the year (obligations/period.ts): a month `2026-12`, a
 * two-month block `2026-B6` (B1 = Jan–Feb … B6 = Nov–Dec), a quarter `2026-Q4`, a year `2026`.
 * Null when the text names none of these.
 */
export function parsePlanPeriod(input: string): NamedPlanPeriod | null {
  const s = input.trim().toUpperCase();
  let m: RegExpExecArray | null;
  const yearOk = (y: number) => y >= YEAR_MIN && y <= YEAR_MAX;
  if ((m = /^(\d{4})$/.exec(s))) {
    const y = Number(m[1]);
    return yearOk(y) ? { kind: 'year', name: `${y}`, ...yearPeriod(y) } : null;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (!yearOk(y) || mo < 1 || mo > 12) return null;
    return { kind: 'month', name: `${y}-${m[2]}`, ...monthPeriod(y, mo) };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) {
    const y = Number(m[1]);
    const q = Number(m[2]) as 1 | 2 | 3 | 4;
    return yearOk(y) ? { kind: 'quarter', name: `${y}-Q${q}`, ...quarterPeriod(y, q) } : null;
  }
  if ((m = /^(\d{4})-B([1-6])$/.exec(s))) {
    const y = Number(m[1]);
    const b = Number(m[2]);
    return yearOk(y) ? { kind: 'two_months', name: `${y}-B${b}`, ...monthSpan(y, (b - 1) * 2 + 1, 2) } : null;
  }
  return null;
}

/** The month containing `today`: the plan's default period. */
export function currentPlanPeriod(today: IsoDate): NamedPlanPeriod {
  return parsePlanPeriod(today.slice(0, 7))!;
}

export const PLAN_STATUSES = ['unassigned', 'assigned', 'done', 'overdue'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanProgress {
  /** How many units must be inspected: 1 for a census obligation, a campaign's minimum, a spot check's planned maximum. */
  target: number;
  /** Distinct units inspected (done) in the due window so far. */
  done: number;
  /** Distinct units with a live planned inspection staffed by two officers, not yet done. */
  assigned: number;
  /** The obligation row is marked fulfilled. */
  fulfilled: boolean;
  windowEnd: IsoDate;
  today: IsoDate;
}

/**
 * done: the target is met (or the row is fulfilled); overdue: the due window has ended without it;
 * assigned: what is done plus what is planned with two officers (procedure: at least two officers on
 * site) reaches the target; unassigned: otherwise.
 */
export function planStatus(p: PlanProgress): PlanStatus {
  if (p.fulfilled || p.done >= p.target) return 'done';
  if (compareIsoDates(p.windowEnd, p.today) < 0) return 'overdue';
  if (p.done + p.assigned >= p.target) return 'assigned';
  return 'unassigned';
}
