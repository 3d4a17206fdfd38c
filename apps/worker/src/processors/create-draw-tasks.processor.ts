import { createPendingDrawTasks } from '@supervise/db';
import { registerProcessor, stopIfAsked } from '../processor-context.js';

/**
 * Issue 14 §2: the inspection tasks a large draw owes after its execution, through the same use-case
 * the CLI calls. Each batch commits its tasks with the draw's rank of owed work, so a stop between
 * batches (SIGTERM) or a lost job loses nothing: the next run, or the 30 s tick, resumes there.
 */
export const createDrawTasksProcessor = registerProcessor('create-draw-tasks', async (_payload, ctx) => {
  let stopping = false;
  const r = await createPendingDrawTasks(ctx.db, {
    shouldStop: () => (stopping ||= ctx.signal.aborted),
    onBatch: (drawId, done, k) => ctx.log.info('draw tasks created', { drawId, done, k }),
  });
  // Returns the job to the queue when the worker is stopping (nothing to save: the rank is in Postgres).
  if (stopping) await stopIfAsked(ctx, 'create-draw-tasks');
  return r;
});
