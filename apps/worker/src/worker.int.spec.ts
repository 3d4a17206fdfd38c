/**
 * The worker on both queue backends, against the real services. Outcomes come from Postgres (or the
 * job's stored state), never from QueueEvents.
 */
import { heartbeatOf, recordHeartbeat } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { createProducer, createQueueFactory, HEARTBEAT_EVERY_MS, type QueueFactory } from '@supervise/queue';
import { createTestQueueBackend, eventually, QUEUE_BACKEND_KINDS, type TestQueueBackend } from '@supervise/queue/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerProcessor, type ProcessorRegistration } from './processor-context.js';
import { processors as realProcessors } from './processors/index.js';
import { SHUTDOWN_STEPS, type ShutdownStep } from './shutdown.js';
import { startWorker, type RunningWorker } from './start-worker.js';

/** A test's heartbeat processor in place of the real one; every other job keeps its real processor. */
const withReal = (p: ProcessorRegistration<'worker-heartbeat'>): ProcessorRegistration[] => [
  p as ProcessorRegistration,
  ...realProcessors.filter((r) => r.job !== 'worker-heartbeat'),
];

describe.each(QUEUE_BACKEND_KINDS)('worker on %s', (kind) => {
  let tdb: TestDatabase;
  let backend: TestQueueBackend;
  let factory: QueueFactory; // the test's own producer side
  const running: RunningWorker[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    // pg-pool's end() resolves before its clients' Terminate reaches the server; the harness's
    // `drop database … with (force)` can then kill a closing client, whose FATAL surfaces as an
    // uncaught error. Close our pool first and give the server a moment (reported to packages/db).
    await tdb?.db.destroy();
    await new Promise((r) => setTimeout(r, 200));
    await tdb?.drop();
  });
  beforeEach(() => {
    // A fresh Redis prefix / PG schema per test: schedulers and jobs never leak between tests.
    backend = createTestQueueBackend(kind, tdb.url);
    factory = createQueueFactory(backend.config);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((w) => w.stop()));
    await factory.close();
    await backend.cleanup();
  });

  const start = async (workerId: string, extra: Partial<Parameters<typeof startWorker>[0]> = {}) => {
    const w = await startWorker({ db: tdb.db, queueConfig: backend.config, workerId, concurrency: 2, ...extra });
    running.push(w);
    return w;
  };

  it('declares the heartbeat scheduler at start and its first tick writes the row', async () => {
    const w = await start(`sched-${kind}`);
    expect(w.queueBackend).toBe(kind);
    expect(w.schedulerIds).toContain('worker-heartbeat');
    const row = await eventually(() => heartbeatOf(tdb.db, `sched-${kind}`));
    expect(row.queue_backend).toBe(kind);
  });

  it('re-declaring at every start keeps one scheduler', async () => {
    await (await start(`first-${kind}`)).stop();
    await start(`second-${kind}`);
    const q = factory.createQueue('maintenance');
    expect(await q.getJobSchedulersCount()).toBe(1);
    expect((await q.getJobScheduler('worker-heartbeat'))?.template?.data).toEqual({
      workerId: `second-${kind}`,
      everyMs: HEARTBEAT_EVERY_MS,
    });
  });

  it('processes a produced heartbeat job: the row appears in Postgres', async () => {
    await start(`proc-${kind}`);
    const producer = createProducer(factory);
    await producer.add('worker-heartbeat', { workerId: `produced-${kind}` });
    const row = await eventually(() => heartbeatOf(tdb.db, `produced-${kind}`));
    expect(row.queue_backend).toBe(kind);
    await producer.close();
  });

  it('rejects an invalid payload before the processor runs, without retries', async () => {
    let called = 0;
    const spy = registerProcessor('worker-heartbeat', async (p, ctx) => {
      called++;
      await recordHeartbeat(ctx.db, {
        workerId: p.workerId,
        queueBackend: ctx.queueBackend,
        at: ctx.now(),
        intervalMs: p.everyMs,
      });
    });
    await start(`inv-${kind}`, { processors: withReal(spy) });
    const q = factory.createQueue('maintenance');
    await eventually(() => heartbeatOf(tdb.db, `inv-${kind}`)); // the scheduler's tick went through
    const before = called;
    const job = await q.add(
      'worker-heartbeat',
      { workerId: 'x', officerName: '张三' },
      { attempts: 5, jobId: `invalid-${kind}` },
    );
    await eventually(async () => ((await q.getJobState(job.id!)) === 'failed' ? true : undefined));
    const failed = await q.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/invalid payload/);
    expect(failed?.failedReason).not.toContain('张三');
    expect(called).toBe(before);
  });

  it('shuts down in the written order while a job is in hand, and the job completes', async () => {
    let inHand: () => void = () => {};
    const taken = new Promise<void>((r) => (inHand = r));
    const slow = registerProcessor('worker-heartbeat', async (p, ctx) => {
      if (p.workerId !== `slow-${kind}`) return; // the scheduler's own tick
      inHand();
      await new Promise((r) => setTimeout(r, 1_500));
      await recordHeartbeat(ctx.db, {
        workerId: p.workerId,
        queueBackend: ctx.queueBackend,
        at: ctx.now(),
        intervalMs: p.everyMs,
      });
    });
    const steps: ShutdownStep[] = [];
    const w = await start(`shut-${kind}`, { processors: withReal(slow), onShutdownStep: (s) => steps.push(s) });
    const producer = createProducer(factory);
    const { jobId } = await producer.add('worker-heartbeat', { workerId: `slow-${kind}` });
    await taken;
    expect(await heartbeatOf(tdb.db, `slow-${kind}`)).toBeUndefined();
    await w.stop();
    expect(steps).toEqual([...SHUTDOWN_STEPS]);
    // Finished before stop() returned, and marked complete in the backend.
    expect(await heartbeatOf(tdb.db, `slow-${kind}`)).toBeDefined();
    expect(await producer.queue('maintenance').getJobState(jobId)).toBe('completed');
    await producer.close();
    // The pool was not ours to destroy (ownsDb unset): the test database still answers.
    expect(await tdb.db.selectFrom('worker_heartbeat').select('worker_id').execute()).not.toHaveLength(0);
  });

  it('a job still in hand after the shutdown grace is not waited for: it goes back to the queue and the next worker does it', async () => {
    let inHand: () => void = () => {};
    const taken = new Promise<void>((r) => (inHand = r));
    const held = new Promise<void>(() => {}); // a job longer than any grace: never released
    const stuck = registerProcessor('worker-heartbeat', async (p) => {
      if (p.workerId !== `stuck-${kind}`) return;
      inHand();
      await held;
    });
    const intervals = { lockDurationMs: 1_000, stalledIntervalMs: 500 };
    const w = await start(`grace-${kind}`, { processors: withReal(stuck), shutdownGraceMs: 200, ...intervals });
    const producer = createProducer(factory);
    const { jobId } = await producer.add('worker-heartbeat', { workerId: `stuck-${kind}` });
    await taken;
    // stop() returns although the job never finished.
    let jobFinished = false;
    void held.then(() => (jobFinished = true));
    await w.stop();
    expect(jobFinished).toBe(false);
    expect(await producer.queue('maintenance').getJobState(jobId)).not.toBe('completed');
    // The next worker's stalled check takes the job back, and it is done once.
    await start(`next-${kind}`, intervals);
    await eventually(() => heartbeatOf(tdb.db, `stuck-${kind}`), { timeoutMs: 60_000 });
    expect(
      await eventually(async () => ((await producer.queue('maintenance').getJobState(jobId)) === 'completed' ? true : undefined)),
    ).toBe(true);
    await producer.close();
  });
});
