import { json } from '@sveltejs/kit';
import { readPenalty } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** `GET /api/v1/penalties/[id]` → the penalty, its procedure records and its frozen decision (content + SHA-256). */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const id = Number(event.params.id);
  const r =
    Number.isSafeInteger(id) && id > 0
      ? await readPenalty(getDb(), actorOf(event, user), id)
      : ({ ok: false, code: 'NOT_FOUND' } as const);
  if (!r.ok) {
    if (r.code === 'OUT_OF_SCOPE')
      throw new ApiError(403, 'FORBIDDEN', '该处罚不在您的职责范围内', 'This penalty is outside your scope');
    throw new ApiError(404, 'NOT_FOUND', `处罚 ${event.params.id} 不存在`, `No penalty ${event.params.id}`);
  }
  const p = r.penalty;
  return json(
    {
      ...p,
      createdAt: p.createdAt.toISOString(),
      document: p.document && {
        ...p.document,
        firstServedAt: p.document.firstServedAt?.toISOString() ?? null,
        links: { page: `/cases/${p.inspectionId}/penalties/${p.id}` },
      },
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});
