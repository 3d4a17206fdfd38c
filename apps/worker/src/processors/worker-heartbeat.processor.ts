import { recordHeartbeat } from '@supervise/db';
import { registerProcessor } from '../processor-context.js';

/**
 * Records that a worker took a job from the queue backend and reached Postgres. Idempotent: the
 * repository upserts one row per worker id and never moves `beat_at` backwards.
 */
export const workerHeartbeatProcessor = registerProcessor('worker-heartbeat', async (payload, ctx) => {
  await recordHeartbeat(ctx.db, {
    workerId: payload.workerId,
    queueBackend: ctx.queueBackend,
    at: ctx.now(),
    intervalMs: payload.everyMs,
  });
});
