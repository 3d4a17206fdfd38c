/**
 * A worker process for the benchmark: `startWorker` (apps/worker) with the real processor list, or
 * with every job a no-op (`BENCH_PROCESSORS=noop`, the baseline of the queue figures). The queue
 * backend comes as JSON in BENCH_QUEUE; SUPERVISE_TODAY pins the processors' clock. Prints `ready`
 * once it takes jobs; SIGTERM stops it in order.
 */
import { createDb } from '@supervise/db';
import type { QueueBackendConfig } from '@supervise/queue';
import {
  boundHeapGrowth,
  processors,
  silentLogger,
  startWorker,
  workerPoolSize,
  type ProcessorRegistration,
} from '@supervise/worker';

// As apps/worker's main.ts does first: the worker's heap growth bounded (its peak memory is a figure).
boundHeapGrowth();
const queueConfig = JSON.parse(process.env.BENCH_QUEUE!) as QueueBackendConfig;
const today = process.env.SUPERVISE_TODAY;
const noop = process.env.BENCH_PROCESSORS === 'noop';
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 4);
const db = createDb({
  url: process.env.DATABASE_URL!,
  max: workerPoolSize(concurrency),
  applicationName: 'supervise-bench-worker',
});
const list: readonly ProcessorRegistration[] = noop
  ? processors.map((p) => ({ job: p.job, process: async () => null }) as ProcessorRegistration)
  : processors;
const worker = await startWorker({
  db,
  queueConfig,
  workerId: process.env.WORKER_ID ?? `bench-${process.pid}`,
  concurrency,
  log: silentLogger,
  ownsDb: true,
  catchUpOnStart: false,
  processors: list,
  ...(today ? { now: () => new Date(`${today}T02:00:00Z`) } : {}),
});
process.once('SIGTERM', () => {
  void worker.stop().then(() => process.exit(0));
});
process.stdout.write('ready\n');
