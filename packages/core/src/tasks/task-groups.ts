import { compareIsoDates, plusDays, weekday, type IsoDate } from '../shared/iso-date.js';

/**
 * Issue 10 §1 (My tasks): which group an officer's inspection falls in on the bureau's date `today`
 * (Asia/Shanghai, passed in: core reads no clock).
 *
 * - `overdue` 已逾期: planned before today and still 'planned' (not done, not cancelled);
 * - `today` 今日: planned for today, whatever its status (a done one shows as done);
 * - `this_week` 本周: planned for the rest of the ISO week (Monday–Sunday) after today;
 * - `later`: planned after this week's Sunday (only when a caller asks for a later range);
 * - none: a past inspection that was done, and any cancelled one — not a task any more.
 */
export const TASK_GROUPS = ['overdue', 'today', 'this_week', 'later'] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

export interface TaskLike {
  plannedOn: IsoDate;
  status: string;
}

/** The days that bound the groups: today, and the Monday and Sunday of today's ISO week. */
export interface TaskWindow {
  today: IsoDate;
  weekStart: IsoDate;
  weekEnd: IsoDate;
}

/** ISO 8601 week: Monday is its first day, Sunday its last. */
export function taskWindow(today: IsoDate): TaskWindow {
  const sinceMonday = (weekday(today) + 6) % 7; // Monday 0 … Sunday 6
  const weekStart = plusDays(today, -sinceMonday);
  return { today, weekStart, weekEnd: plusDays(weekStart, 6) };
}

/** The group of one inspection on `today`, or null when it is no task (done in the past, or cancelled). */
export function taskGroupOf(task: TaskLike, today: IsoDate): TaskGroup | null {
  if (task.status === 'cancelled') return null;
  const { weekEnd } = taskWindow(today);
  const c = compareIsoDates(task.plannedOn, today);
  if (c < 0) return task.status === 'planned' ? 'overdue' : null;
  if (c === 0) return 'today';
  return compareIsoDates(task.plannedOn, weekEnd) <= 0 ? 'this_week' : 'later';
}

/**
 * The same rule as date bounds, for a query (the repository selects each group with these, so the
 * rule is written once): `planned` marks the groups that hold only status 'planned'. `from`/`to`
 * are inclusive; null means unbounded.
 */
export interface TaskGroupBounds {
  group: TaskGroup;
  from: IsoDate | null;
  to: IsoDate | null;
  plannedOnly: boolean;
}

export function taskGroupBounds(today: IsoDate): Record<TaskGroup, TaskGroupBounds> {
  const { weekEnd } = taskWindow(today);
  return {
    overdue: { group: 'overdue', from: null, to: plusDays(today, -1), plannedOnly: true },
    today: { group: 'today', from: today, to: today, plannedOnly: false },
    this_week: { group: 'this_week', from: plusDays(today, 1), to: weekEnd, plannedOnly: false },
    later: { group: 'later', from: plusDays(weekEnd, 1), to: null, plannedOnly: false },
  };
}

/**
 * The target page of a task: a review inspection (R03 复查 of a rectification notice) opens the
 * review page, any other the inspection record (routes of issue 10).
 */
export function taskHref(task: { id: number; trigger: string }): string {
  return task.trigger === 'review' ? `/reviews/${task.id}` : `/inspections/${task.id}`;
}
