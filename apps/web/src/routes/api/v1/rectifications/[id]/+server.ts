import { json } from '@sveltejs/kit';
import { can } from '@supervise/core';
import { findRectification } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { pathId } from '$lib/server/rectification';
import type { RequestHandler } from './$types';

/** `GET /api/v1/rectifications/{id}`: one notice's state (number, status, deadlines, service, review). */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const r = await findRectification(getDb(), pathId(event.params.id));
  if (!r) throw new ApiError(404, 'NOT_FOUND', '整改通知不存在', 'no such rectification');
  if (!can(user, 'cases.view', { regime: r.regime_code, brigadeId: r.brigade_id, stationId: r.station_id }))
    throw new ApiError(403, 'FORBIDDEN', '无权查看', 'not allowed');
  return json({
    id: Number(r.id),
    number: r.notice_no,
    status: r.status,
    regime: r.regime_code,
    inspectionId: Number(r.inspection_id),
    hazardId: Number(r.hazard_id),
    issuedOn: r.issued_on,
    servedAt: r.served_at ? new Date(r.served_at).toISOString() : null,
    servedOn: r.served_on,
    deadlineOn: r.deadline_on,
    deadlineInForce: r.extended_deadline_on ?? r.deadline_on,
    deadlineRule: r.deadline_rule,
    completedOn: r.completed_on,
    reviewedOn: r.reviewed_on,
    reviewInspectionId: r.review_inspection_id === null ? null : Number(r.review_inspection_id),
    documentId: r.document_id === null ? null : Number(r.document_id),
  });
});
