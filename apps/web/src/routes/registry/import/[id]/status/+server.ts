import { error, json } from '@sveltejs/kit';
import { findImportBatch } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** What the import page polls: the batch row's status and progress (Postgres is the truth). */
export const GET: RequestHandler = async (event) => {
  const user = requireRoute(event);
  const id = Number(event.params.id);
  const b = Number.isSafeInteger(id) && id > 0 ? await findImportBatch(getDb(), id) : undefined;
  if (!b || b.createdBy !== user.id) error(404, 'not found');
  return json({
    status: b.status,
    processed: b.processed,
    rowCount: b.rowCount,
    inserted: b.inserted,
    updated: b.updated,
    unchanged: b.unchanged,
    errorCount: b.errorCount,
  });
};
