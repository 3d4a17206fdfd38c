/**
 * The queue package on both backends, against the real services. Outcomes are read from Postgres
 * (or from the job's own state), never from QueueEvents: they lose events on the PG backend.
 */
import { createServer } from 'node:net';
import { heartbeatOf, recordHeartbeat } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseJobPayload } from './catalogue.js';
import { addJob } from './producer.js';
import { createQueueFactory, pingQueueBackend, type QueueFactory } from './queue-config.js';
import { declareSchedulers, schedulerDeclarations } from './schedulers.js';
import { createTestQueueBackend, eventually, QUEUE_BACKEND_KINDS, type TestQueueBackend } from './testing.js';

/** A port nothing listens on: bind an ephemeral one, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe.each(QUEUE_BACKEND_KINDS)('queue on %s', (kind) => {
  let tdb: TestDatabase;
  let backend: TestQueueBackend;
  let factory: QueueFactory;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    backend = createTestQueueBackend(kind, tdb.url);
    factory = createQueueFactory(backend.config);
  });

  afterEach(async () => {
    // Each test leaves an empty queue behind.
    const q = factory.createQueue('maintenance');
    await q.obliterate({ force: true });
    await q.close();
  });

  afterAll(async () => {
    await factory?.close();
    await backend?.cleanup();
    // pg-pool's end() resolves before its clients' Terminate reaches the server; the harness's
    // `drop database … with (force)` can then kill a closing client, whose FATAL surfaces as an
    // uncaught error. Close our pool first and give the server a moment (reported to packages/db).
    await tdb?.db.destroy();
    await new Promise((r) => setTimeout(r, 200));
    await tdb?.drop();
  });

  it('adds a job with the same deterministic id twice and keeps one', async () => {
    const q = factory.createQueue('maintenance');
    const a = await addJob(q, 'worker-heartbeat', { workerId: 'dup-1' });
    const b = await addJob(q, 'worker-heartbeat', { workerId: 'dup-1' });
    expect(a.jobId).toBe(b.jobId);
    const counts = await q.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(1);
    await q.close();
  });

  it('refuses an invalid payload before it reaches the queue', async () => {
    const q = factory.createQueue('maintenance');
    await expect(addJob(q, 'worker-heartbeat', { workerId: '' })).rejects.toThrow(/invalid payload/);
    expect(await q.count()).toBe(0);
    await q.close();
  });

  it('processes the heartbeat job: the row appears in Postgres', async () => {
    const q = factory.createQueue('maintenance');
    const worker = factory.createWorker('maintenance', async (job) => {
      const p = parseJobPayload('worker-heartbeat', job.data);
      await recordHeartbeat(tdb.db, { workerId: p.workerId, queueBackend: kind, at: new Date(), intervalMs: p.everyMs });
    });
    await addJob(q, 'worker-heartbeat', { workerId: 'beat-1' });
    const row = await eventually(() => heartbeatOf(tdb.db, 'beat-1'));
    expect(row.queue_backend).toBe(kind);
    await worker.close();
    await q.close();
  });

  it('fails a job whose payload the processor rejects, at once and without retries', async () => {
    const q = factory.createQueue('maintenance');
    let calls = 0;
    const worker = factory.createWorker('maintenance', async (job) => {
      calls++;
      const p = parseJobPayload('worker-heartbeat', job.data); // throws: UnrecoverableError
      await recordHeartbeat(tdb.db, { workerId: p.workerId, queueBackend: kind, at: new Date(), intervalMs: p.everyMs });
    });
    // Bypass the producer's validation to simulate a bad producer.
    const job = await q.add('worker-heartbeat', { workerId: 42, fullName: 'x' }, { attempts: 3, jobId: 'bad-1' });
    const state = await eventually(async () => {
      const s = await q.getJobState(job.id!);
      return s === 'failed' ? s : undefined;
    });
    expect(state).toBe('failed');
    const failed = await q.getJob(job.id!);
    expect(failed?.failedReason).toMatch(/invalid payload for job "worker-heartbeat"/);
    expect(failed?.attemptsMade).toBe(1);
    expect(calls).toBe(1);
    await worker.close();
    await q.close();
  });

  it('upserting the schedulers twice keeps one scheduler per id', async () => {
    const q = factory.createQueue('maintenance');
    await declareSchedulers(() => q, { workerId: 'w-a' });
    await declareSchedulers(() => q, { workerId: 'w-b' });
    // (All declarations land on this one queue here: one per id, never doubled.)
    expect(await q.getJobSchedulersCount()).toBe(schedulerDeclarations.length);
    const s = await q.getJobScheduler('worker-heartbeat');
    expect(s?.every).toBe(30_000);
    expect(s?.tz).toBe('Asia/Shanghai');
    expect(s?.template?.data).toEqual({ workerId: 'w-b', everyMs: 30_000 });
    for (const d of schedulerDeclarations) await q.removeJobScheduler(d.id);
    await q.close();
  });

  it('two workers declaring the schedulers at the same moment both start, one scheduler per id', async () => {
    // Each worker has its own Queue objects, as two processes would; ten rounds, a race in each.
    for (let round = 0; round < 10; round++) {
      const a = factory.createQueue('maintenance');
      const b = factory.createQueue('maintenance');
      await Promise.all([declareSchedulers(() => a, { workerId: 'w-a' }), declareSchedulers(() => b, { workerId: 'w-b' })]);
      expect(await a.getJobSchedulersCount()).toBe(schedulerDeclarations.length);
      for (const d of schedulerDeclarations) await a.removeJobScheduler(d.id);
      await a.close();
      await b.close();
    }
  });

  // Behaviour, not the clock: a dead or silent backend answers false instead of hanging. How long the
  // answer takes is measured by the benchmark (`pnpm bench`), against a live ping in the same run.
  it('pings the live backend true, and a closed port false', async () => {
    expect(await factory.ping()).toBe(true);
    expect(await pingQueueBackend(backend.config)).toBe(true);
    const port = await closedPort();
    const dead =
      kind === 'redis'
        ? ({ kind, url: `redis://127.0.0.1:${port}` } as const)
        : ({ kind, url: `postgres://postgres@127.0.0.1:${port}/postgres` } as const);
    expect(await pingQueueBackend(dead)).toBe(false);
  });

  it('answers false, not never, for a backend that accepts and then says nothing', async () => {
    // A listener that accepts and then says nothing: the worst case for /healthz.
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((s) => void sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const url = kind === 'redis' ? `redis://127.0.0.1:${port}` : `postgres://postgres@127.0.0.1:${port}/postgres`;
    expect(await pingQueueBackend({ kind, url } as never, 500)).toBe(false);
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
