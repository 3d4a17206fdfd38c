/**
 * Issue 15 §2: `kill -9` of the real worker process at random points of a generation (the obligation
 * reconcile), restarted each time as an orchestrator would; then the figures: no obligation missing,
 * none doubled, no half-written roster.
 */
import { countOwedReconcileBatches } from '@supervise/db';
import {
  DRILL_MONTH,
  createDrillFixture,
  generationFigures,
  generationSettled,
  rosteredCount,
  seededRandom,
  waitFor,
} from './drill-fixture.js';
import type { DrillResult } from './drill-result.js';
import { killHard, spawnWorkerProcess, type WorkerProcess } from './worker-process.js';

export interface KillDrillOptions {
  /** SIGKILLs during the generation. Default 20. */
  kills?: number;
  /** Synthetic entities (one census obligation each for the month). Default 20,000. */
  entities?: number;
  /** Random wait between a (re)start and its kill, ms. Default [300, 2500]. */
  killAfterMs?: readonly [number, number];
  /** Seed of the kill points (reproducible). Default 15. */
  seed?: number;
  /** Time allowed for the last, uninterrupted worker to finish. Default 240 s. */
  settleTimeoutMs?: number;
}

export interface KillDrillFigures {
  kills: number;
  /** Kills that landed while the generation was unfinished (work owed or census not all rostered). */
  killsMidGeneration: number;
  entities: number;
  expected: number;
  missing: number;
  duplicates: number;
  partialRosters: number;
  /** Ledger batches still owed when the drill ended (0: the reconcile completed). */
  owedBatches: number;
  settleMs: number;
}

export async function runKillDrill(options: KillDrillOptions = {}): Promise<DrillResult<KillDrillFigures>> {
  const kills = options.kills ?? 20;
  const entities = options.entities ?? 20_000;
  const [minWait, maxWait] = options.killAfterMs ?? [300, 2_500];
  const random = seededRandom(options.seed ?? 15);
  const fx = await createDrillFixture({ entities });
  let w: WorkerProcess | undefined;
  const tried = `${kills} SIGKILLs of the worker during a ${entities}-entity month reconcile`;
  try {
    const tick = () => fx.producer.add('reconcile-obligations', { periodKind: DRILL_MONTH.kind, periodStart: DRILL_MONTH.start });
    let done = 0;
    let mid = 0;
    for (let i = 0; i < kills; i++) {
      w = spawnWorkerProcess({ databaseUrl: fx.t.url, config: fx.config, workerId: `kill-drill-${i}` });
      await w.started;
      // The tick an orchestrator's restart would bring (catch-up); a doubled add is one job.
      await tick();
      await new Promise((r) => setTimeout(r, minWait + random() * (maxWait - minWait)));
      const unfinished = (await countOwedReconcileBatches(fx.t.db)) > 0 || (await rosteredCount(fx.t.db, DRILL_MONTH)) < entities;
      await killHard(w);
      done++;
      if (unfinished) mid++;
    }
    w = spawnWorkerProcess({ databaseUrl: fx.t.url, config: fx.config, workerId: 'kill-drill-last' });
    await w.started;
    await tick();
    const t0 = Date.now();
    const expected = entities;
    await waitFor(() => generationSettled(fx, DRILL_MONTH, expected), options.settleTimeoutMs ?? 240_000, 250);
    const settleMs = Date.now() - t0;
    w.child.kill('SIGTERM');
    await w.exited;
    const g = await generationFigures(fx.t.db, DRILL_MONTH);
    const owedBatches = await countOwedReconcileBatches(fx.t.db);
    const figures: KillDrillFigures = {
      kills: done,
      killsMidGeneration: mid,
      entities,
      expected: g.expected,
      missing: g.missing,
      duplicates: g.duplicates,
      partialRosters: g.partialRosters,
      owedBatches,
      settleMs,
    };
    const ok = done === kills && mid > 0 && g.missing === 0 && g.duplicates === 0 && g.partialRosters === 0 && owedBatches === 0;
    return { name: 'kill-drill', tried, ok, figures };
  } finally {
    if (w) await killHard(w);
    await fx.dispose();
  }
}
