import { json } from '@sveltejs/kit';
import { saveInspectedSide, type InspectedSideInput } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { ApiError, apiHandler } from '$lib/server/api-error';
import { getDb } from '$lib/server/db';
import { jsonBody } from '$lib/server/draws';
import { stringField } from '$lib/server/inspection-api';
import { apiErrorOf, apiIdOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * `POST /api/v1/inspections/{id}/signature`: `{ status: "signed", signerName, signerRole:
 * "unit_head" | "accompanying_person", png: base64 }`, or `{ status: "refused" | "absent", note }` →
 * `{ status }`. The PNG is checked by its bytes and size (core's SIGNATURE_PNG_MAX_BYTES).
 */
export const POST: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const id = apiIdOf(event.params.id);
  const body = await jsonBody(event.request);
  const status = stringField(body, 'status');
  let input: InspectedSideInput;
  if (status === 'signed')
    input = {
      inspectionId: id,
      status,
      signerName: stringField(body, 'signerName'),
      signerRole: stringField(body, 'signerRole') || 'unit_head',
      png: new Uint8Array(Buffer.from(stringField(body, 'png'), 'base64')),
    };
  else if (status === 'refused' || status === 'absent') input = { inspectionId: id, status, note: stringField(body, 'note') };
  else
    throw new ApiError(
      400,
      'INVALID_FIELD',
      'status 应为 signed、refused 或 absent',
      'status must be signed, refused or absent',
      'status',
    );
  const r = await saveInspectedSide(getDb(), actorOf(event, user), input, new Date());
  if (!r.ok) throw apiErrorOf(r);
  return json({ status });
});
