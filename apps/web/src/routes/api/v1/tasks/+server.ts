import { json } from '@sveltejs/kit';
import { TASK_GROUPS, taskHref } from '@supervise/core';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler, badRequest } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { officerTasks, readTaskRange } from '$lib/server/tasks';
import type { RequestHandler } from './$types';

/**
 * GET [?from=YYYY-MM-DD][&to=YYYY-MM-DD] → { today, week, officer, groups: { overdue, today, this_week,
 * later } }: the data of `/tasks` (each group `{ count, items }`, at most 200 items), optionally within
 * a planned-date range; `later` holds what a range reaches past this week's Sunday. 409 when the
 * account is linked to no officer.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const read = readTaskRange(event.url);
  if (!read.ok) {
    const p = read.problem;
    throw badRequest(`INVALID_${p.field.toUpperCase()}`, p.zh, p.en, p.field);
  }
  const today = serverToday();
  const tasks = await officerTasks(user, today, read.range);
  if (!tasks.officer)
    throw new ApiError(
      409,
      'NO_OFFICER',
      '本账号未关联执法人员（警号），没有任务',
      'This account is linked to no officer (police number), so it has no tasks',
    );
  const groups = Object.fromEntries(
    TASK_GROUPS.map((g) => [
      g,
      { count: tasks.groups[g].count, items: tasks.groups[g].items.map((t) => ({ ...t, href: taskHref(t) })) },
    ]),
  );
  return json(
    {
      today,
      week: { start: tasks.window.weekStart, end: tasks.window.weekEnd },
      range: { from: read.range.from ?? null, to: read.range.to ?? null },
      officer: { code: tasks.officer.code, name: tasks.officer.name },
      groups,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});
