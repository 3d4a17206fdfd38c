import { json } from '@sveltejs/kit';
import { executeDraw, findDrawSummary } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { apiRefusal, enqueueDrawTasks, jsonBody, optionalString } from '$lib/server/draws';
import { actorOf } from '$lib/server/actor';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/draws/{id}/execute` `{ beacon? }` → `{ id, k, selected, assignments, unstaffed, tasks }`;
 * the seed is revealed. A second execution is a 409 (the result never changes).
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const body = await jsonBody(event.request);
  const draw = await findDrawSummary(getDb(), event.params.id);
  if (!draw)
    throw new ApiError(404, 'DRAW_NOT_FOUND', `未找到抽取：${event.params.id}`, `no such draw: ${event.params.id}`, 'id');
  try {
    const done = await executeDraw(getDb(), actorOf(event, user), draw.id, {
      beacon: optionalString(body, 'beacon') ?? '',
      enqueueTasks: enqueueDrawTasks,
    });
    return json({
      id: done.id,
      k: done.k,
      selected: done.selected,
      assignments: done.assignments,
      unstaffed: done.unstaffed,
      tasks: done.tasks,
    });
  } catch (e) {
    apiRefusal(e);
  }
});
