import type { TestDatabase } from '@supervise/db/testing';
import { createProducer, createQueueFactory, jobDefinition, type QueueBackendKind } from '@supervise/queue';
import { createTestQueueBackend } from '@supervise/queue/testing';
import { startChild, until, type Child } from './child.js';
import { figure, type Figure } from './measure.js';
import { WORKER_CHILD } from './reconcile-year.figure.js';

/**
 * Issue 14 §2: jobs per second through the real processors against no-op jobs, on each backend,
 * with one worker process and with two. The job is `worker-heartbeat` (the real processor upserts
 * the worker's row in Postgres), each with its own worker id so none is deduplicated. Times are per
 * job: the ratio is real ÷ no-op; jobs/s = 1000 ÷ the median.
 */
export async function queueThroughputFigures(t: TestDatabase, jobs: number, log: (line: string) => void): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const kind of ['redis', 'postgres'] as const satisfies readonly QueueBackendKind[]) {
    for (const workers of [1, 2]) {
      log(`queue throughput (${kind}, ${workers} worker${workers > 1 ? 's' : ''}) …`);
      const real = await drain(t, kind, workers, jobs, 'real');
      const noop = await drain(t, kind, workers, jobs, 'noop');
      out.push(
        figure({
          name: `jobs/s (${kind}, ${workers} worker${workers > 1 ? 's' : ''})`,
          what: `${jobs} worker-heartbeat jobs through the real processor: ${(1000 / real).toFixed(0)} jobs/s`,
          baseline: `no-op jobs: ${(1000 / noop).toFixed(0)} jobs/s`,
          runs: 1,
          medianMs: real,
          baselineMs: noop,
          unit: 'ms/job',
        }),
      );
    }
  }
  return out;
}

/** Milliseconds per job: `jobs` added while `workers` processes (concurrency 4 each) take them, until none waits. */
async function drain(
  t: TestDatabase,
  kind: QueueBackendKind,
  workers: number,
  jobs: number,
  processors: 'real' | 'noop',
): Promise<number> {
  const backend = createTestQueueBackend(kind, t.url);
  const producer = createProducer(createQueueFactory(backend.config));
  const children: Child[] = [];
  try {
    const queue = producer.queue(jobDefinition('worker-heartbeat').queue);
    children.push(
      ...(await Promise.all(
        Array.from({ length: workers }, (_, i) =>
          startChild(WORKER_CHILD, {
            PATH: process.env.PATH,
            DATABASE_URL: t.url,
            BENCH_QUEUE: JSON.stringify(backend.config),
            BENCH_PROCESSORS: processors,
            WORKER_ID: `bench-${processors}-${i}`,
            WORKER_CONCURRENCY: '4',
          }),
        ),
      )),
    );
    // The workers have migrated the PostgreSQL backend's schema; the producer's first call is untimed.
    await queue.getJobCounts('wait');
    const start = performance.now();
    const names = Array.from({ length: jobs }, (_, i) => `bench-beat-${i}`);
    for (let i = 0; i < names.length; i += 50)
      await Promise.all(
        names.slice(i, i + 50).map((workerId) => producer.add('worker-heartbeat', { workerId, everyMs: 60_000 })),
      );
    await until(
      async () => {
        // Not 'delayed': the worker's own heartbeat scheduler keeps one there.
        const c = await queue.getJobCounts('wait', 'active', 'prioritized');
        return Object.values(c).every((n) => n === 0);
      },
      600_000,
      `${jobs} jobs drained`,
      20,
    );
    return (performance.now() - start) / jobs;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await producer.close();
    await backend.cleanup();
  }
}
