import { json } from '@sveltejs/kit';
import { addHazardPhotos } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { multipartBody } from '$lib/server/inspection-api';
import { apiErrorOf, apiIdOf, photosOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/hazards/{id}/photos`, multipart/form-data with `photos` (files) → 201
 * `{ inspectionId, photos: [sha256] }`; refused whole (nothing saved) when any file is not an image or
 * too large, or the record is closed.
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const hazardId = apiIdOf(event.params.id);
  const form = await multipartBody(event.request);
  const r = await addHazardPhotos(getDb(), actorOf(event, user), { hazardId, photos: await photosOf(form) }, new Date());
  if (!r.ok) throw apiErrorOf(r);
  return json({ inspectionId: r.inspectionId, photos: r.photos }, { status: 201 });
});
