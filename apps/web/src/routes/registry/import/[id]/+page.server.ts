import { error, fail } from '@sveltejs/kit';
import { findImportBatch, runEntityImport, startImport } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { jobProducer } from '$lib/server/producer';
import { INLINE_IMPORT_ROWS } from '$lib/server/registry';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

function batchIdOf(param: string): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not found');
  return id;
}

/** A batch is its uploader's: another scheduler gets 404 (not even its existence). */
async function ownBatch(userId: number, param: string) {
  const batch = await findImportBatch(getDb(), batchIdOf(param));
  if (!batch || batch.createdBy !== userId) error(404, 'not found');
  return batch;
}

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const b = await ownBatch(user.id, event.params.id);
  return {
    batch: { ...b, createdAt: b.createdAt.toISOString(), finishedAt: b.finishedAt?.toISOString() ?? null },
  };
};

export const actions: Actions = {
  // All or nothing: only a batch without errors starts; small files run here, large ones as a job.
  commit: async (event) => {
    const user = requireRoute(event);
    const b = await ownBatch(user.id, event.params.id);
    const db = getDb();
    if (!(await startImport(db, b.id, actorOf(event, user)))) return fail(409, { notStarted: true });
    if (b.rowCount <= INLINE_IMPORT_ROWS) await runEntityImport(db, b.id);
    else await jobProducer().add('import-registry', { batchId: b.id });
    return { started: true };
  },
};
