/**
 * Period arithmetic for the reconcile jobs: which periods are current on a day (Asia/Shanghai), and
 * the span of a named period. Windows are aligned to the calendar year like core's cadence windows.
 */
import { type DateWindow, monthSpan, parseIsoDate } from '@supervise/core';
import { InvalidJobPayloadError, type PeriodKind } from '@supervise/queue';

const MONTHS: Record<PeriodKind, number> = { month: 1, two_months: 2, quarter: 3, year: 12 };

export interface NamedPeriod {
  kind: PeriodKind;
  start: string;
}

/** The month, two-month block, quarter and year containing `today`. */
export function currentPeriods(today: string): NamedPeriod[] {
  const { year, month } = parseIsoDate(today);
  return (Object.keys(MONTHS) as PeriodKind[]).map((kind) => {
    const step = MONTHS[kind];
    const first = month - ((month - 1) % step);
    return { kind, start: monthSpan(year, first, step).start };
  });
}

/** The span of a named period; refuses a start that is not the first day of such a period. */
export function periodSpan(p: NamedPeriod): DateWindow {
  const { year, month, day } = parseIsoDate(p.start);
  const step = MONTHS[p.kind];
  if (day !== 1 || (month - 1) % step !== 0)
    throw new InvalidJobPayloadError('reconcile', [`periodStart: does not start a ${p.kind} period`]);
  return monthSpan(year, month, step);
}
