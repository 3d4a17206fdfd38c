/**
 * Issue 15 §3: Redis "restarted and emptied" under a running worker, for the drill's own prefix only
 * (the server is shared: its keys are deleted and its connections killed, nothing else). The worker is
 * not restarted and nobody adds a job: it must notice its schedulers are gone, declare them again and
 * rebuild the generation from the ledger in Postgres.
 */
import { countObligations, countOwedReconcileBatches } from '@supervise/db';
import { deleteRedisPrefix, killRedisClientsOfPrefix } from '@supervise/queue/testing';
import { periodSpan } from '../processors/reconcile-period.js';
import { RECONCILE_ID_SPAN } from '../processors/reconcile-spans.js';
import { DRILL_MONTH, createDrillFixture, generationFigures, generationSettled, waitFor } from './drill-fixture.js';
import type { DrillResult } from './drill-result.js';
import { killHard, spawnWorkerProcess, type WorkerProcess } from './worker-process.js';

/**
 * The drill's default size: three census batches' id spans and a fifth of one (16,000 at 5,000-id batches),
 * i.e. four batches, so some still wait behind the worker's two when the keys are deleted.
 */
export const REDIS_WIPE_DRILL_ENTITIES = 3 * RECONCILE_ID_SPAN + RECONCILE_ID_SPAN / 5;

export interface RedisWipeDrillOptions {
  /** Synthetic entities. Default `REDIS_WIPE_DRILL_ENTITIES`. */
  entities?: number;
  /** Officers rostered onto them (the fixture's default: 8). */
  officers?: number;
  /** Wipes during the generation, each once more obligations have appeared. Default 1 (0: the same run uninterrupted). */
  wipes?: number;
  /** How often the worker checks its schedulers (ms). Default 1,000. */
  schedulerCheckMs?: number;
  settleTimeoutMs?: number;
}

export interface RedisWipeDrillFigures {
  wipes: number;
  /** Batch jobs waiting in the queue when their keys were deleted (0: the drill proved nothing). */
  lostQueuedJobs: number;
  /** Connections of the prefix killed (the "restart"). */
  connectionsKilled: number;
  expected: number;
  missing: number;
  duplicates: number;
  partialRosters: number;
  owedBatches: number;
  /** The worker process was never restarted. */
  workerRestarts: number;
  schedulersBack: boolean;
  settleMs: number;
}

export async function runRedisWipeDrill(options: RedisWipeDrillOptions = {}): Promise<DrillResult<RedisWipeDrillFigures>> {
  const entities = options.entities ?? REDIS_WIPE_DRILL_ENTITIES;
  const wipes = options.wipes ?? 1;
  const span = periodSpan(DRILL_MONTH);
  const fx = await createDrillFixture({ entities, ...(options.officers === undefined ? {} : { officers: options.officers }) });
  let w: WorkerProcess | undefined;
  try {
    w = spawnWorkerProcess({
      databaseUrl: fx.t.url,
      config: fx.config,
      workerId: 'redis-wipe-drill',
      env: { WORKER_SCHEDULER_CHECK_MS: String(options.schedulerCheckMs ?? 1_000) },
    });
    await w.started;
    await fx.producer.add('reconcile-obligations', { periodKind: DRILL_MONTH.kind, periodStart: DRILL_MONTH.start });
    let done = 0;
    let killed = 0;
    let lost = 0;
    let seen = 0;
    for (let i = 0; i < wipes; i++) {
      // Mid-run: wait for progress, then empty the prefix and drop its connections.
      // (A generation already complete leaves nothing to wipe mid-run: the wipes done say how many landed.)
      let n = seen;
      await waitFor(
        async () => {
          n = await countObligations(fx.t.db, { periodStart: span.start, periodEnd: span.end });
          return n > seen;
        },
        120_000,
        20,
      );
      if (n >= entities) break;
      seen = n;
      lost += await fx.producer.queue('obligations').getWaitingCount();
      await deleteRedisPrefix(fx.config.url, fx.config.prefix!);
      killed += await killRedisClientsOfPrefix(fx.config.url, fx.config.prefix!);
      done++;
    }
    const t0 = Date.now();
    await waitFor(() => generationSettled(fx, DRILL_MONTH, entities), options.settleTimeoutMs ?? 240_000, 250);
    const settleMs = Date.now() - t0;
    // The drill's own producer lost its connection too (same prefix): it reconnects within seconds.
    const schedulersBack = await waitFor(
      async () =>
        !!(await fx.producer
          .queue('obligations')
          .getJobScheduler('reconcile-obligations.hourly')
          .catch(() => null)),
      30_000,
      250,
    );
    const restarted = w.child.exitCode !== null || w.child.signalCode !== null ? 1 : 0;
    const g = await generationFigures(fx.t.db, DRILL_MONTH);
    const owedBatches = await countOwedReconcileBatches(fx.t.db);
    const figures: RedisWipeDrillFigures = {
      wipes: done,
      lostQueuedJobs: lost,
      connectionsKilled: killed,
      expected: g.expected,
      missing: g.missing,
      duplicates: g.duplicates,
      partialRosters: g.partialRosters,
      owedBatches,
      workerRestarts: restarted,
      schedulersBack,
      settleMs,
    };
    const ok =
      done === wipes &&
      lost > 0 &&
      g.missing === 0 &&
      g.duplicates === 0 &&
      g.partialRosters === 0 &&
      owedBatches === 0 &&
      restarted === 0 &&
      schedulersBack;
    return {
      name: 'redis-wipe-drill',
      tried: `${wipes} wipe(s) of the prefix's keys and connections mid-generation (${entities} entities)`,
      ok,
      figures,
    };
  } finally {
    if (w) await killHard(w);
    await fx.dispose();
  }
}
