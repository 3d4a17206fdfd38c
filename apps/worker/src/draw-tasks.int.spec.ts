/**
 * Issue 14 §2 against the real services: a draw recorded without its tasks (more than `inlineTasks`
 * targets) gets them from the running worker once the job is added as the web app adds it, on both
 * queue backends; a worker stopping (SIGTERM) leaves the owed tasks in Postgres for the next run.
 * Outcomes are read from Postgres.
 */
import { createHash } from 'node:crypto';
import { createCampaignDraw, executeDraw, findDrawSummary, seedDemo, type Actor, type Database } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { createProducer, createQueueFactory, type Job } from '@supervise/queue';
import { createTestQueueBackend, eventually, QUEUE_BACKEND_KINDS, type TestQueueBackend } from '@supervise/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';
import { JobStoppedError, type ProcessorContext } from './processor-context.js';
import { createDrawTasksProcessor } from './processors/create-draw-tasks.processor.js';
import { startWorker } from './start-worker.js';

const TODAY = '2026-11-27';
const operator: Actor = { id: null, username: 'cli:test', principal: null, via: 'cli' };

let t: TestDatabase;
let db: Database;

/** A draw executed with its tasks left to the worker; returns its id and k. */
async function deferredDraw(label: string): Promise<{ id: string; k: number }> {
  const created = await createCampaignDraw(db, operator, {
    regime: 'R09',
    campaign: label,
    today: TODAY,
    seedHex: createHash('sha256').update(label).digest('hex'),
  });
  const executed = await executeDraw(db, operator, created.id, { inlineTasks: 0 });
  expect(executed.tasks.pending).toBe(executed.k);
  return { id: created.id, k: executed.k };
}

async function taskCount(drawId: string): Promise<number> {
  const r = await db
    .selectFrom('inspection')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('draw_id', '=', drawId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  await seedDemo(db, { today: TODAY });
});
afterAll(async () => {
  await t?.db.destroy();
  await new Promise((r) => setTimeout(r, 200));
  await t?.drop();
});

describe('create-draw-tasks', () => {
  it('a worker stopping before the first batch creates nothing and goes back to the queue; the debt stays', async () => {
    const { id, k } = await deferredDraw('stopping');
    const stop = new AbortController();
    stop.abort();
    const ctx = {
      db,
      workerId: 'test',
      queueBackend: 'redis',
      now: () => new Date(),
      log: silentLogger,
      job: { opts: { attempts: 3 }, attemptsMade: 0 } as unknown as Job,
      signal: stop.signal,
      jobState: async () => 'unknown',
      enqueue: async () => {
        throw new Error('creates tasks, adds no job');
      },
    } satisfies ProcessorContext;
    await expect(createDrawTasksProcessor.process({}, ctx)).rejects.toBeInstanceOf(JobStoppedError);
    expect(await taskCount(id)).toBe(0);
    expect((await findDrawSummary(db, id))!.tasksPending).toBe(k);
    // The same processor, not stopping: every owed task (this draw's and any other's).
    await createDrawTasksProcessor.process({}, { ...ctx, signal: new AbortController().signal });
    expect(await taskCount(id)).toBe(k);
    expect((await findDrawSummary(db, id))!.tasksPending).toBe(0);
  });

  describe.each(QUEUE_BACKEND_KINDS)('the running worker on %s', (kind) => {
    let backend: TestQueueBackend;
    beforeAll(() => {
      backend = createTestQueueBackend(kind, t.url);
    });
    afterAll(async () => {
      await backend?.cleanup();
    });

    it('creates a large draw’s tasks when the job is added, as the web app adds it after the execution', async () => {
      const { id, k } = await deferredDraw(`worker-${kind}`);
      const worker = await startWorker({ db, queueConfig: backend.config, workerId: `draw-tasks-${kind}`, concurrency: 1 });
      const producer = createProducer(createQueueFactory(backend.config));
      try {
        expect(worker.schedulerIds).toContain('create-draw-tasks.every-30s');
        await producer.add('create-draw-tasks', {});
        await eventually(async () => ((await findDrawSummary(db, id))!.tasksPending === 0 ? true : undefined), {
          timeoutMs: 60_000,
          intervalMs: 250,
        });
        expect(await taskCount(id)).toBe(k);
      } finally {
        await producer.close();
        await worker.stop();
      }
    });
  });
});
