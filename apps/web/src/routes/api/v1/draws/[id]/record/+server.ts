import { can } from '@supervise/core';
import { findDrawSummary, getDrawRecord } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * `GET /api/v1/draws/{id}/record`: the published record of an executed draw (verifiable-draw.md), the
 * same JSON as `supervise draw export ID` and `/public/draws/{id}.json`, served as a download.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const draw = await findDrawSummary(db, event.params.id);
  if (!draw)
    throw new ApiError(404, 'DRAW_NOT_FOUND', `未找到抽取：${event.params.id}`, `no such draw: ${event.params.id}`, 'id');
  if (!can(user, 'draws.view', { regime: draw.regime }))
    throw new ApiError(403, 'FORBIDDEN', `无权查看 ${draw.regime} 的抽取`, `not allowed to see draws of ${draw.regime}`);
  if (draw.status !== 'executed')
    throw new ApiError(409, 'DRAW_NOT_EXECUTED', `抽取 ${draw.id} 尚未执行`, `draw ${draw.id} is not executed yet`, 'id');
  const record = await getDrawRecord(db, draw.id);
  return new Response(JSON.stringify(record, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${draw.id}.json"`,
      'cache-control': 'no-store',
    },
  });
});
