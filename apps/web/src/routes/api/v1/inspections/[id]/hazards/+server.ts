import { json } from '@sveltejs/kit';
import { addHazard } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { multipartBody } from '$lib/server/inspection-api';
import { apiErrorOf, apiIdOf, hazardOf, photosOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/inspections/{id}/hazards`, multipart/form-data: `severity` (general | major),
 * `description`, `itemKey` (e.g. R09-C2, optional), `fixedOnSpot` (true/on), `photos` (files) →
 * 201 `{ hazardId, photos: [sha256] }`. A file that is not a JPEG/PNG/WebP/HEIC image by its bytes,
 * or too large, refuses the whole request (400 PHOTO_REFUSED, every such file named): nothing saved.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const id = apiIdOf(event.params.id);
  const form = await multipartBody(event.request);
  const r = await addHazard(
    getDb(),
    actorOf(event, user),
    { inspectionId: id, ...hazardOf(form), photos: await photosOf(form) },
    new Date(),
  );
  if (!r.ok) throw apiErrorOf(r);
  return json({ hazardId: r.hazardId, photos: r.photos }, { status: 201 });
});
