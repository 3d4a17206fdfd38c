import { error } from '@sveltejs/kit';
import { readInspectionSignature, recordRefusalStatus } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { getDb } from '$lib/server/db';
import { inspectionIdOf } from '$lib/server/inspection-record';
import type { RequestHandler } from './$types';

/** The inspected side's signature as drawn (PNG), for whoever may read the record. */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const id = inspectionIdOf(event.params.id);
  const r = await readInspectionSignature(getDb(), actorOf(event, user), id);
  if (!r.ok) error(recordRefusalStatus(r.code), r.code === 'NOT_FOUND' ? 'not found' : 'forbidden');
  return new Response(new Uint8Array(r.bytes), {
    headers: { 'content-type': 'image/png', 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-cache' },
  });
};
