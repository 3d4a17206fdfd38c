/**
 * The periods the reconcile jobs work on: which are current on a day (Asia/Shanghai), and the span of
 * a named one. The period arithmetic is core's (cadenceWindowOf, cadenceWindowStartingOn); this only
 * names the periods in the job payload's terms and refuses a misaligned start as a bad payload.
 */
import { CADENCES, cadenceWindowOf, cadenceWindowStartingOn, type DateWindow } from '@supervise/core';
import { InvalidJobPayloadError, type PeriodKind } from '@supervise/queue';

export interface NamedPeriod {
  kind: PeriodKind;
  start: string;
}

/** The month, two-month block, quarter and year containing `today`. */
export function currentPeriods(today: string): NamedPeriod[] {
  return CADENCES.map((kind) => ({ kind, start: cadenceWindowOf(kind, today).start }));
}

/** The span of a named period; refuses a start that is not the first day of such a period. */
export function periodSpan(p: NamedPeriod): DateWindow {
  const span = cadenceWindowStartingOn(p.kind, p.start);
  if (!span) throw new InvalidJobPayloadError('reconcile', [`periodStart: does not start a ${p.kind} period`]);
  return span;
}
