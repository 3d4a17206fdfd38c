import { WORKER_ROLLUP_PACING, refreshDashboardRollups } from '@supervise/db';
import { registerProcessor } from '../processor-context.js';

/** Batches per job: a tick does at most this much; what is left waits for the next tick (5 s later). */
const BATCHES_PER_TICK = 25;

/**
 * Issue 12 §5: the dashboard's rollups brought current. The triggers mark the (regime, day) cells
 * whose source rows changed; this recounts them from the drill-down's row SQL in bounded batches
 * (one transaction each, under one advisory lock), through the same use-case a test or the CLI
 * calls. Idempotent: a doubled or missed tick recounts the same cells or leaves them for the next.
 * Paced (issue 14 §3): a province's costly cell, recounted lately, waits while a bulk write keeps
 * marking it (`WORKER_ROLLUP_PACING`).
 */
export const refreshDashboardRollupsProcessor = registerProcessor('refresh-dashboard-rollups', async (_payload, ctx) => {
  const r = await refreshDashboardRollups(ctx.db, { maxBatches: BATCHES_PER_TICK, pacing: WORKER_ROLLUP_PACING });
  if (r.marks > 0) ctx.log.info('dashboard rollups refreshed', { ...r });
  return r;
});
