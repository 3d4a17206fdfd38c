/**
 * Issue 15 §3: PostgreSQL backends of the worker terminated mid-batch (pg_terminate_backend on the
 * worker's own connections to the drill's own database, nothing else): no partial batch, each batch
 * retried and done once.
 */
import { countObligations, countOwedReconcileBatches } from '@supervise/db';
import { rawQuery } from '@supervise/db/testing';
import { periodSpan } from '../processors/reconcile-period.js';
import { DRILL_MONTH, createDrillFixture, generationFigures, generationSettled, waitFor } from './drill-fixture.js';
import type { DrillResult } from './drill-result.js';
import { killHard, spawnWorkerProcess, type WorkerProcess } from './worker-process.js';

export interface PgTerminateDrillOptions {
  entities?: number;
  /** Rounds of termination, each once more obligations have appeared. Default 3. */
  rounds?: number;
  settleTimeoutMs?: number;
}

export interface PgTerminateDrillFigures {
  rounds: number;
  /** Backends terminated in all. */
  terminated: number;
  expected: number;
  missing: number;
  duplicates: number;
  partialRosters: number;
  owedBatches: number;
  /** The worker process survived (no crash on a lost connection). */
  workerAlive: boolean;
  settleMs: number;
}

export async function runPgTerminateDrill(options: PgTerminateDrillOptions = {}): Promise<DrillResult<PgTerminateDrillFigures>> {
  const entities = options.entities ?? 5_000;
  const rounds = options.rounds ?? 3;
  const span = periodSpan(DRILL_MONTH);
  const fx = await createDrillFixture({ entities });
  let w: WorkerProcess | undefined;
  try {
    w = spawnWorkerProcess({ databaseUrl: fx.t.url, config: fx.config, workerId: 'pg-terminate-drill' });
    await w.started;
    await fx.producer.add('reconcile-obligations', { periodKind: DRILL_MONTH.kind, periodStart: DRILL_MONTH.start });
    let terminated = 0;
    let seen = 0;
    let done = 0;
    for (let i = 0; i < rounds; i++) {
      const alive = () => w!.child.exitCode === null && w!.child.signalCode === null;
      // Wait for more obligations mid-generation; a generation already complete leaves nothing to
      // terminate mid-batch (the rounds done say how many landed).
      let n = seen;
      await waitFor(
        async () => {
          n = await countObligations(fx.t.db, { periodStart: span.start, periodEnd: span.end });
          return !alive() || n >= entities || n > seen;
        },
        120_000,
        20,
      );
      if (!alive() || n >= entities) break;
      seen = n;
      // The worker's connections only: its application name, in the drill's own database.
      const r = await rawQuery<{ n: number }>(
        fx.t.db,
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and application_name = 'supervise-worker' and pid <> pg_backend_pid()`,
      );
      terminated += r[0]?.n ?? 0;
      done++;
    }
    const t0 = Date.now();
    await waitFor(
      async () => w!.child.exitCode !== null || (await generationSettled(fx, DRILL_MONTH, entities)),
      options.settleTimeoutMs ?? 240_000,
      250,
    );
    const settleMs = Date.now() - t0;
    const workerAlive = w.child.exitCode === null && w.child.signalCode === null;
    const g = await generationFigures(fx.t.db, DRILL_MONTH);
    const owedBatches = await countOwedReconcileBatches(fx.t.db);
    const figures: PgTerminateDrillFigures = {
      rounds: done,
      terminated,
      expected: g.expected,
      missing: g.missing,
      duplicates: g.duplicates,
      partialRosters: g.partialRosters,
      owedBatches,
      workerAlive,
      settleMs,
    };
    const ok =
      done === rounds &&
      terminated > 0 &&
      g.missing === 0 &&
      g.duplicates === 0 &&
      g.partialRosters === 0 &&
      owedBatches === 0 &&
      workerAlive;
    return {
      name: 'pg-terminate-drill',
      tried: `${rounds} rounds of pg_terminate_backend on the worker's connections mid-generation`,
      ok,
      figures,
    };
  } finally {
    if (w) await killHard(w);
    await fx.dispose();
  }
}
