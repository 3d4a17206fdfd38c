import { runEntityImport } from '@supervise/db';
import { registerProcessor } from '../processor-context.js';

/**
 * Issue 5 §3: one registry import batch, all or nothing (see `runEntityImport`). Progress is reported
 * twice: on the BullMQ job (0–100) and on `import_batch.processed`, which the web page polls —
 * Postgres is the truth, nobody waits on queue events. A batch that is done or not started is skipped.
 * A failed attempt leaves nothing written (one transaction); only the last attempt marks it failed.
 */
export const importRegistryProcessor = registerProcessor('import-registry', async ({ batchId }, ctx) => {
  let last = -1;
  const outcome = await runEntityImport(ctx.db, batchId, {
    // Retried (catalogue: 3 attempts) until the last one, which marks the batch failed.
    failOnError: ctx.job.attemptsMade + 1 >= (ctx.job.opts.attempts ?? 1),
    onProgress: async (processed, total) => {
      const pct = total === 0 ? 100 : Math.floor((processed / total) * 100);
      if (pct !== last) {
        last = pct;
        await ctx.job.updateProgress(pct);
      }
    },
  });
  // Counts only: no row data in logs.
  ctx.log.info('registry import', {
    batchId,
    status: outcome.status,
    inserted: outcome.inserted,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    issues: outcome.issues.length,
  });
  return { status: outcome.status, inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged };
});
