import { error } from '@sveltejs/kit';
import { readInspectionPhoto, recordRefusalStatus } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { getDb } from '$lib/server/db';
import { inspectionIdOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/**
 * A hazard photo of this inspection, for whoever may read the record (the use-case checks it): the
 * type sniffed from its bytes when it was stored, never guessed by the browser (nosniff). The address
 * is its SHA-256, so it never changes and may be cached privately.
 */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const id = inspectionIdOf(event.params.id);
  const r = await readInspectionPhoto(getDb(), actorOf(event, user), id, event.params.sha256);
  if (!r.ok) error(recordRefusalStatus(r.code), r.code === 'NOT_FOUND' ? 'not found' : 'forbidden');
  return new Response(new Uint8Array(r.bytes), {
    headers: {
      'content-type': r.mime,
      'content-length': String(r.bytes.length),
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
      'cache-control': 'private, max-age=86400, immutable',
    },
  });
};
