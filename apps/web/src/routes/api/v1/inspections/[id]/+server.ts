import { json } from '@sveltejs/kit';
import { getInspectionRecord } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { apiErrorOf, apiIdOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * `GET /api/v1/inspections/{id}` → the inspection record: entity, regime, officers with their
 * confirmations, the checklist with results, hazards with photo addresses, the inspected side, and
 * `gate` (what is still missing before it may be closed). The signature image itself is at
 * `/inspections/{id}/signature`, photos at `/inspections/{id}/photos/{sha256}`.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const id = apiIdOf(event.params.id);
  const r = await getInspectionRecord(getDb(), actorOf(event, user), id);
  if (!r.ok) throw apiErrorOf(r);
  const rec = r.record;
  return json(
    {
      ...rec,
      hazards: rec.hazards.map((h) => ({
        ...h,
        photos: h.photos.map((p) => ({ ...p, url: `/inspections/${id}/photos/${p.sha256}` })),
      })),
      signatureUrl: rec.inspection.hasSignaturePng ? `/inspections/${id}/signature` : null,
      caseUrl: rec.inspection.closedAt && rec.needsCase ? `/cases/${id}` : null,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});
