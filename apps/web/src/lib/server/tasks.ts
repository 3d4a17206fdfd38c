import { isIsoDate, plusDays, taskWindow, toDayNumber } from '@supervise/core';
import { loadOfficerTasks, type OfficerTasks, type TaskGroupRows } from '@supervise/db';
import { getDb } from './db.js';

/**
 * Issue 10 §1: My tasks of the signed-in account, for the page and `/api/v1/tasks` alike (same query,
 * same grouping by core's rule on the bureau date `today`).
 */
export function officerTasks(user: App.User, today: string, range: { from?: string; to?: string } = {}): Promise<OfficerTasks> {
  return loadOfficerTasks(getDb(), { userId: user.id, today, ...range });
}

/**
 * The review inspections (复查, trigger 'review') planned after this week's Sunday. A review is due
 * within 5 working days of the unit's request (R03 监管措施; the bureau's practice elsewhere), so from
 * a Monday on it always falls next week or later: My tasks lists these ahead, or the officer would
 * not see a review until its own week. Other inspections after this week stay off the page.
 */
export async function laterReviews(user: App.User, today: string): Promise<TaskGroupRows> {
  const { weekEnd } = taskWindow(today);
  const tasks = await loadOfficerTasks(getDb(), {
    userId: user.id,
    today,
    from: plusDays(weekEnd, 1),
    to: plusDays(weekEnd, MAX_TASK_RANGE_DAYS),
    trigger: 'review',
  });
  return tasks.groups.later;
}

/** The longest `?from&to` range the API reads at once. */
export const MAX_TASK_RANGE_DAYS = 366;

export type RangeProblem = { field: 'from' | 'to'; zh: string; en: string };

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional; a bad value is named with its field. */
export function readTaskRange(
  url: URL,
): { ok: true; range: { from?: string; to?: string } } | { ok: false; problem: RangeProblem } {
  const range: { from?: string; to?: string } = {};
  for (const field of ['from', 'to'] as const) {
    const v = url.searchParams.get(field)?.trim();
    if (!v) continue;
    if (!isIsoDate(v))
      return {
        ok: false,
        problem: {
          field,
          zh: `参数 ${field} 不是有效日期（应为 YYYY-MM-DD）：${v}`,
          en: `${field} is not a valid date (YYYY-MM-DD): ${v}`,
        },
      };
    range[field] = v;
  }
  if (range.from && range.to) {
    if (range.from > range.to)
      return { ok: false, problem: { field: 'to', zh: '结束日期 to 早于开始日期 from', en: 'to is before from' } };
    if (toDayNumber(range.to) - toDayNumber(range.from) >= MAX_TASK_RANGE_DAYS)
      return {
        ok: false,
        problem: {
          field: 'to',
          zh: `日期范围不能超过 ${MAX_TASK_RANGE_DAYS} 天`,
          en: `the range may span at most ${MAX_TASK_RANGE_DAYS} days`,
        },
      };
  }
  return { ok: true, range };
}
