/**
 * Issue 4 §4: alerts escalate from the inspector to the scheduler to the brigade's leader. Levels are
 * worked out from the due date and today, not from when an earlier alert happened to be raised, so a
 * missed scan or a restart raises the same levels on the same day.
 */
import type { StatutoryCalendar } from '../calendar/working-days.js';
import { type IsoDate, compareIsoDates } from '../shared/iso-date.js';
import type { AlertKind } from './alert-rules.js';
import { workingDaysAfter } from './alert-rules.js';

export const ALERT_LEVELS = ['inspector', 'scheduler', 'leader'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export interface EscalationLadder {
  /** Working days late, after the first, before the scheduler is told (N). */
  toSchedulerAfterWorkingDays: number;
  /** Further working days before the brigade's leader is told (M). */
  toLeaderAfterWorkingDays: number;
}

/**
 * N = 2, M = 3. Why: the inspector gets two working days to act on a late item alone, the same
 * order as the rulebook's shortest police time limit (R14: notice within 3 working days); the
 * scheduler then has three more, so the leader hears of an item one working week (5 working days,
 * the R03 review period) after it fell due, and a weekend or a Spring-Festival break never
 * escalates by itself because only working days count.
 */
export const DEFAULT_ESCALATION: EscalationLadder = { toSchedulerAfterWorkingDays: 2, toLeaderAfterWorkingDays: 3 };

/**
 * The levels an item has reached on `today`: the inspector as soon as it is late; the scheduler once
 * more than N working days have passed after the due date; the leader after M more. "Due soon" is a
 * warning, not a breach: it goes to the inspector only.
 */
export function escalationLevels(
  cal: StatutoryCalendar,
  kind: AlertKind,
  dueOn: IsoDate,
  today: IsoDate,
  ladder: EscalationLadder = DEFAULT_ESCALATION,
): AlertLevel[] {
  if (kind === 'obligation_due_soon' || kind === 'complaint_reply_due_soon') return ['inspector'];
  if (compareIsoDates(today, dueOn) <= 0) return [];
  const late = workingDaysAfter(cal, dueOn, today);
  const levels: AlertLevel[] = ['inspector'];
  if (late > ladder.toSchedulerAfterWorkingDays) levels.push('scheduler');
  if (late > ladder.toSchedulerAfterWorkingDays + ladder.toLeaderAfterWorkingDays) levels.push('leader');
  return levels;
}
