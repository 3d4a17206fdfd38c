/**
 * The worker's resilience (issue 14 §3, issue 15 §2–3): the reconcile's ledger, and the short
 * versions of the drills in src/drills (the real worker process, killed, stopped, its Redis keys and
 * connections dropped, its PostgreSQL backends terminated). Outcomes are read from Postgres.
 */
import {
  countOwedReconcileBatches,
  markBatchDone,
  owedReconcileBatches,
  readJobCheckpoint,
  saveJobCheckpoint,
} from '@supervise/db';
import type { Job } from '@supervise/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProducer, createQueueFactory } from '@supervise/queue';
import { createTestQueueBackend, deleteJobHashes, eventually, waitingJobIds } from '@supervise/queue/testing';
import {
  createDrillFixture,
  DRILL_MONTH,
  DRILL_NOW,
  generationFigures,
  generationSettled,
  rosteredCount,
  type DrillFixture,
} from './drills/drill-fixture.js';
import { startWorker } from './start-worker.js';
import { runDrawKillDrill } from './drills/draw-kill-drill.js';
import { runKillDrill } from './drills/kill-drill.js';
import { runPgTerminateDrill } from './drills/pg-terminate-drill.js';
import { runRedisWipeDrill } from './drills/redis-wipe-drill.js';
import { runSigtermDrill } from './drills/sigterm-drill.js';
import { silentLogger } from './logger.js';
import { JobStoppedError, type ProcessorContext } from './processor-context.js';
import { reconcileBatchProcessor } from './processors/reconcile-batch.processor.js';
import { reconcileObligationsProcessor } from './processors/reconcile-obligations.processor.js';
import { RECONCILE_ID_SPAN } from './processors/reconcile-spans.js';
import { SCAN_CHECKPOINT_KEY, scanAlertsProcessor } from './processors/scan-alerts.processor.js';

describe('the reconcile ledger (issue 14 §3: a lost job never leaves a hole)', () => {
  let fx: DrillFixture;
  const added: { jobId: string; ledgerSeq: number }[] = [];
  let states = new Map<string, string>();
  const ctx = (): ProcessorContext => ({
    db: fx.t.db,
    workerId: 'ledger-test',
    queueBackend: 'redis',
    now: DRILL_NOW,
    log: silentLogger,
    job: { opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job,
    enqueue: async (name, input) => {
      const b = input as { afterId: number; ledgerSeq: number };
      const jobId = `${name}.${b.afterId}.e${b.ledgerSeq}`;
      added.push({ jobId, ledgerSeq: b.ledgerSeq });
      return { jobId };
    },
    signal: new AbortController().signal,
    jobState: async (_name, jobId) => states.get(jobId) ?? 'unknown',
  });
  const reconcile = () =>
    reconcileObligationsProcessor.process({ periodKind: DRILL_MONTH.kind, periodStart: DRILL_MONTH.start }, ctx()) as Promise<{
      batches: number;
      live: number;
      readded: number;
    }>;

  beforeAll(async () => {
    // Three census batches: two whole id spans and half of a third.
    fx = await createDrillFixture({ entities: 2.5 * RECONCILE_ID_SPAN, officers: 0 });
  });
  afterAll(async () => {
    await fx?.dispose();
  });

  it('records every batch of a run in Postgres, adds each once while its job is queued, and re-adds under a fresh id the ones whose job is gone', async () => {
    const first = await reconcile();
    expect(first).toMatchObject({ batches: 3, live: 0, readded: 0 });
    expect(await countOwedReconcileBatches(fx.t.db)).toBe(3);
    expect(added.map((a) => a.ledgerSeq)).toEqual([1, 1, 1]);

    // A doubled tick while the jobs wait: nothing added.
    states = new Map(added.map((a) => [a.jobId, 'waiting']));
    added.length = 0;
    expect(await reconcile()).toMatchObject({ batches: 0, live: 3 });

    // The queue's keys are lost: the next reconcile adds the owed batches again, under fresh ids.
    states = new Map();
    expect(await reconcile()).toMatchObject({ batches: 3, readded: 3 });
    expect(added.map((a) => a.ledgerSeq)).toEqual([2, 2, 2]);
    expect(new Set(added.map((a) => a.jobId)).size).toBe(3);

    // Batches done for the run they started under are owed no more; a batch done under an older run is.
    const owed = await owedReconcileBatches(fx.t.db);
    for (const b of owed.slice(0, 2)) await markBatchDone(fx.t.db, b, b.wantedRun);
    await markBatchDone(fx.t.db, owed[2]!, owed[2]!.wantedRun - 1);
    expect((await owedReconcileBatches(fx.t.db)).map((b) => b.afterId)).toEqual([owed[2]!.afterId]);

    // A job that failed for good is not waited for: the next run adds its batch again, fresh id.
    states = new Map(added.map((a) => [a.jobId, 'failed']));
    added.length = 0;
    expect(await reconcile()).toMatchObject({ batches: 3, live: 0 });
    expect(added.map((a) => a.ledgerSeq)).toEqual([3, 3, 3]);
  });
});

describe('the alert scan stopped on SIGTERM resumes from its checkpoint (issue 14 §3)', () => {
  let fx: DrillFixture;
  const ctx = (signal: AbortSignal): ProcessorContext => ({
    db: fx.t.db,
    workerId: 'scan-checkpoint-test',
    queueBackend: 'redis',
    now: DRILL_NOW,
    log: silentLogger,
    job: { opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job,
    enqueue: async (name) => ({ jobId: `${name}.not-queued` }),
    signal,
    jobState: async () => 'unknown',
  });
  const scan = (signal = new AbortController().signal) =>
    scanAlertsProcessor.process({}, ctx(signal)) as Promise<{ raised: number }>;

  beforeAll(async () => {
    // 1,200 obligations due soon (no officers: the scheduler's level), generated by the batch processor.
    fx = await createDrillFixture({ entities: 1_200, officers: 0 });
    for (const afterId of [0, 1000])
      await reconcileBatchProcessor.process(
        { periodKind: 'month', periodStart: DRILL_MONTH.start, part: 'census', afterId, upToId: afterId + 1000, ledgerSeq: 0 },
        ctx(new AbortController().signal),
      );
  });
  afterAll(async () => {
    await fx?.dispose();
  });

  it('stops after the item in hand with its position saved, resumes there, and a full rescan then raises nothing', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(scan(stop.signal)).rejects.toBeInstanceOf(JobStoppedError);
    const saved = await readJobCheckpoint<{ phase: string; after: number; today: string }>(fx.t.db, SCAN_CHECKPOINT_KEY);
    expect(saved).toMatchObject({ today: '2026-11-27', phase: 'obligations' });
    expect(saved!.after).toBeGreaterThan(0);
    const raisedBefore = await fx.t.db.selectFrom('alert').select('id').execute();
    expect(raisedBefore.length).toBeGreaterThan(0);

    const resumed = await scan();
    expect(resumed.raised).toBeGreaterThan(0);
    expect(await readJobCheckpoint(fx.t.db, SCAN_CHECKPOINT_KEY)).toBeNull();
    expect((await scan()).raised).toBe(0);
  });

  it('a checkpoint past the last phase runs no phase again; one of another day is ignored', async () => {
    await fx.t.db.deleteFrom('reminder').execute();
    await fx.t.db.deleteFrom('alert').execute();
    await saveJobCheckpoint(fx.t.db, SCAN_CHECKPOINT_KEY, { today: '2026-11-27', phase: 'reminders', after: 0 });
    expect((await scan()).raised).toBe(0);
    await saveJobCheckpoint(fx.t.db, SCAN_CHECKPOINT_KEY, { today: '2026-11-26', phase: 'reminders', after: 0 });
    expect((await scan()).raised).toBeGreaterThan(0);
  });
});

describe('the ledger on the PostgreSQL backend', () => {
  it('a generation completes through the ledger and a doubled reconcile leaves nothing owed or doubled', async () => {
    const fx = await createDrillFixture({ entities: 1_500 });
    const pgBackend = createTestQueueBackend('postgres', fx.t.url);
    const producer = createProducer(createQueueFactory(pgBackend.config));
    const w = await startWorker({
      db: fx.t.db,
      queueConfig: pgBackend.config,
      workerId: 'ledger-pg',
      concurrency: 2,
      now: DRILL_NOW,
    });
    try {
      const month = { periodKind: DRILL_MONTH.kind, periodStart: DRILL_MONTH.start } as const;
      await producer.add('reconcile-obligations', month);
      await producer.add('reconcile-obligations', month);
      await eventually(
        async () =>
          (await countOwedReconcileBatches(fx.t.db)) === 0 && (await rosteredCount(fx.t.db, DRILL_MONTH)) >= 1_500
            ? true
            : undefined,
        {
          timeoutMs: 120_000,
          intervalMs: 250,
        },
      );
      expect(await generationFigures(fx.t.db, DRILL_MONTH)).toMatchObject({
        expected: 1_500,
        missing: 0,
        duplicates: 0,
        partialRosters: 0,
      });
    } finally {
      await w.stop();
      await producer.close();
      await pgBackend.cleanup();
      await fx.dispose();
    }
  }, 180_000);
});

describe('job hashes lost under waiting batches (issue 14 §3: "unknown job name", 390 obligations missing)', () => {
  it('the batches fail as unknown, the running worker adds them again from the ledger: nothing missing', async () => {
    // Four census batches (three whole id spans and a fifth of one), so three can wait behind the one in hand.
    const entities = 3 * RECONCILE_ID_SPAN + RECONCILE_ID_SPAN / 5;
    const fx = await createDrillFixture({ entities });
    const w = await startWorker({
      db: fx.t.db,
      queueConfig: fx.config,
      workerId: 'lost-hashes',
      concurrency: 1,
      now: DRILL_NOW,
      schedulerCheckEveryMs: 500,
    });
    try {
      await fx.producer.add('reconcile-obligations', { periodKind: DRILL_MONTH.kind, periodStart: DRILL_MONTH.start });
      // Batches waiting behind the one in hand: delete their hashes, leave their ids in the wait list.
      const waiting = await eventually(
        async () => {
          const ids = await waitingJobIds(fx.config.url, fx.config.prefix!, 'obligations');
          return ids.filter((id) => id.startsWith('reconcile-batch.')).length >= 3 ? ids : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 20 },
      );
      const lost = waiting.filter((id) => id.startsWith('reconcile-batch.'));
      await deleteJobHashes(fx.config.url, fx.config.prefix!, 'obligations', lost);
      await eventually(async () => ((await generationSettled(fx, DRILL_MONTH, entities)) ? true : undefined), {
        timeoutMs: 120_000,
        intervalMs: 250,
      });
      expect(await generationFigures(fx.t.db, DRILL_MONTH)).toMatchObject({
        expected: entities,
        missing: 0,
        duplicates: 0,
        partialRosters: 0,
      });
      // The re-added batches ran under fresh ids.
      const readded = await fx.t.db.selectFrom('reconcile_ledger').select('job_id').where('enqueues', '>', 1).execute();
      expect(readded.length).toBeGreaterThanOrEqual(1);
      expect(readded.every((r) => /\.e\d+$/.test(r.job_id ?? ''))).toBe(true);
    } finally {
      await w.stop();
      await fx.dispose();
    }
  }, 180_000);
});

// Short versions of the drills, each on its own database and Redis prefix, spawning dist/main.js.
describe('drills, short versions (issue 15 §2–3)', () => {
  it('kill -9 of the worker 3 times during a generation: nothing missing, nothing doubled, no half roster', async () => {
    const r = await runKillDrill({ kills: 3, entities: 8_000, killAfterMs: [300, 1_000], settleTimeoutMs: 60_000 });
    expect(r.figures.killsMidGeneration).toBeGreaterThan(0);
    expect(r.figures).toMatchObject({ kills: 3, missing: 0, duplicates: 0, partialRosters: 0, owedBatches: 0 });
    expect(r.ok).toBe(true);
  }, 120_000);

  it('Redis keys and connections of the prefix dropped mid-generation: the running worker re-declares its schedulers and the ledger rebuilds, no restart', async () => {
    // The drill's default size: four census batches, so with two in hand (concurrency 2) some wait.
    const r = await runRedisWipeDrill({ schedulerCheckMs: 500, settleTimeoutMs: 60_000 });
    expect(r.figures.lostQueuedJobs).toBeGreaterThan(0);
    expect(r.figures).toMatchObject({
      wipes: 1,
      missing: 0,
      duplicates: 0,
      owedBatches: 0,
      workerRestarts: 0,
      schedulersBack: true,
    });
    expect(r.ok).toBe(true);
  }, 120_000);

  it("the worker's PostgreSQL backends terminated mid-batch: it lives on, no partial batch, each done once", async () => {
    const r = await runPgTerminateDrill({ entities: 2_000, rounds: 2, settleTimeoutMs: 60_000 });
    expect(r.figures.terminated).toBeGreaterThan(0);
    expect(r.figures).toMatchObject({ missing: 0, duplicates: 0, partialRosters: 0, owedBatches: 0, workerAlive: true });
    expect(r.ok).toBe(true);
  }, 120_000);

  it('SIGTERM with the alert scan in hand: exit within 10 s, checkpoint saved, job back in the queue, resumed without a miss', async () => {
    const r = await runSigtermDrill({ entities: 3_000 });
    expect(r.figures.exitMs).toBeLessThan(10_000);
    expect(r.figures).toMatchObject({ exitCode: 0, checkpointSaved: true, jobStateAfterExit: 'waiting', missedByResume: 0 });
    expect(r.figures.alertsAfterResume).toBeGreaterThan(r.figures.alertsAtStop);
    expect(r.ok).toBe(true);
  }, 120_000);

  it('kill -9 of a process executing a draw, 3 times, then to completion: the draw an uninterrupted execution gives, executed once', async () => {
    const r = await runDrawKillDrill({ kills: 3, killAfterMs: [100, 700] });
    expect(r.figures.killsBeforeExecuted).toBeGreaterThan(0);
    expect(r.figures).toMatchObject({ kills: 3, drawIdentical: true, executions: 1, duplicateTasks: 0 });
    expect(r.ok).toBe(true);
  }, 120_000);
});
