import { json } from '@sveltejs/kit';
import { findOfficialDocument } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { pathId } from '$lib/server/rectification';
import { can } from '@supervise/core';
import type { RequestHandler } from './$types';

/**
 * `GET /api/v1/documents/{id}` → `{ id, kind, number, content, contentSha256, firstServedAt, frozen,
 * pdf }`: the stored content of an official document (frozen once served) and where its PDF is.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const doc = await findOfficialDocument(getDb(), pathId(event.params.id));
  if (!doc) throw new ApiError(404, 'NOT_FOUND', '文书不存在', 'no such document');
  if (!can(user, 'cases.view', { regime: doc.regime_code ?? '', brigadeId: doc.brigade_id, stationId: doc.station_id }))
    throw new ApiError(403, 'FORBIDDEN', '无权查看该文书', 'not allowed to read this document');
  return json({
    id: Number(doc.id),
    kind: doc.kind,
    number: doc.number,
    content: doc.content,
    contentSha256: doc.content_sha256,
    firstServedAt: doc.first_served_at ? new Date(doc.first_served_at).toISOString() : null,
    frozen: doc.first_served_at !== null,
    pdf: `/documents/${doc.id}.pdf`,
  });
});
