/**
 * Runs the worker in-process: `main.ts` calls it, so can the `npm start` orchestrator and the tests.
 */
import type { Database } from '@supervise/db';
import {
  addJob,
  createQueueFactory,
  jobDefinition,
  declareSchedulers,
  missingSchedulers,
  QUEUE_NAMES,
  schedulerQueues,
  type AnyQueue,
  type AnyWorker,
  type QueueBackendConfig,
  type QueueBackendKind,
  type QueueName,
} from '@supervise/queue';
import { defaultDeliveryConfig, type DeliveryConfig } from './delivery/delivery-config.js';
import { closeMailTransports } from './delivery/mailer.js';
import { silentLogger, type Logger } from './logger.js';
import type { ProcessorContext, ProcessorRegistration } from './processor-context.js';
import { processors as defaultProcessors } from './processors/index.js';
import { addOwedBatches } from './processors/reconcile-obligations.processor.js';
import { buildRegistry } from './registry.js';
import { shutdownInOrder, type ShutdownStep } from './shutdown.js';

/**
 * The worker's PostgreSQL pool: a connection for each job one queue may run at once, and one more
 * for each of the other queues, so the dashboard refresh (every 5 s) or an alert scan never waits
 * for a reconcile batch's connection, nor delays it (issue 14: with 2 connections for 5 queues the
 * refresh held one of the two during half of a province's reconcile).
 */
export function workerPoolSize(concurrency: number): number {
  return concurrency + QUEUE_NAMES.length - 1;
}

export interface StartWorkerOptions {
  db: Database;
  queueConfig: QueueBackendConfig;
  workerId: string;
  /** Jobs in hand at once per queue. Default 4. */
  concurrency?: number;
  log?: Logger;
  now?: () => Date;
  /** Destroy `db` as the last shutdown step (main.ts: yes; an orchestrator sharing its pool: no). */
  ownsDb?: boolean;
  /** Replaces the processor list (tests); the registry checks it against the catalogue all the same. */
  processors?: readonly ProcessorRegistration[];
  /** Lock and stalled-check intervals (ms) passed to BullMQ workers; tests shorten them. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** SMTP and group-robot delivery (default: no e-mail, global fetch). */
  delivery?: DeliveryConfig;
  /**
   * How long the jobs in hand may run on after a stop is asked for (default SHUTDOWN_GRACE_MS). Past it
   * the workers close without them: their locks lapse and BullMQ's stalled check gives them to the next
   * worker (every processor is idempotent), so a container stopped with a 10 s limit exits in time.
   */
  shutdownGraceMs?: number;
  /** Called as each shutdown step begins (tests, orchestrators). */
  onShutdownStep?: (step: ShutdownStep) => void;
  /**
   * Run the reconcile and the alert scan once at start instead of waiting for their next tick, so
   * what fell due while no worker ran is raised at once (main.ts: yes). Both are idempotent.
   */
  catchUpOnStart?: boolean;
  /** How often the worker beats (default HEARTBEAT_EVERY_MS); /healthz is 503 after three missed beats. */
  heartbeatEveryMs?: number;
  /**
   * How often the running worker checks that its job schedulers still exist (default
   * SCHEDULER_CHECK_EVERY_MS). Gone (Redis emptied): re-declared, and the reconcile and the scan run
   * at once, so the work resumes without a restart and the ledger's owed batches are re-added.
   */
  schedulerCheckEveryMs?: number;
}

export interface RunningWorker {
  workerId: string;
  queueBackend: QueueBackendKind;
  /** Schedulers this process declared. */
  schedulerIds: string[];
  /** Shuts down in the written order (see shutdown.ts); idempotent. */
  stop(): Promise<void>;
}

/** Issue 15 §2: compose stops a container 10 s after SIGTERM; the rest of the shutdown needs the remainder. */
export const SHUTDOWN_GRACE_MS = 7_000;
/** Issue 14 §3: how often a running worker looks for vanished schedulers. */
export const SCHEDULER_CHECK_EVERY_MS = 60_000;

/**
 * Stop taking jobs and let those in hand finish within `graceMs`; past it, close without waiting
 * (BullMQ's `close(true)`): a job left unfinished is not lost, its lock lapses and the stalled check
 * returns it to the queue for the next worker.
 */
async function closeWorkersWithin(workers: readonly AnyWorker[], graceMs: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const finished = Promise.all(workers.map((w) => w.pause())).then(() => true);
  // Long jobs (the alert scan, a large reconcile batch) watch this signal between pages: they save a
  // checkpoint and go back to the queue at once. Short jobs ignore it and finish.
  for (const w of workers) w.cancelAllJobs('shutdown');
  const inTime = await Promise.race([finished, new Promise<boolean>((r) => (timer = setTimeout(() => r(false), graceMs)))]);
  clearTimeout(timer);
  if (!inTime) log.error('jobs still in hand after the shutdown grace: returned to the queue', { graceMs });
  await Promise.all(workers.map((w) => w.close(!inTime)));
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { db, queueConfig, workerId, concurrency = 4, log = silentLogger, now = () => new Date() } = options;
  // Before any connection: refuse to run with a job that has no processor, or two.
  const registry = buildRegistry(options.processors ?? defaultProcessors);
  const delivery = options.delivery ?? defaultDeliveryConfig();
  const factory = createQueueFactory(queueConfig);
  const queues = new Map<QueueName, AnyQueue>();
  const workers: AnyWorker[] = [];
  let schedulersStopped = false;

  const queueOf = (name: QueueName): AnyQueue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = factory.createQueue(name)));
    return q;
  };
  const queueFor = (name: QueueName): AnyQueue => {
    if (schedulersStopped) throw new Error('schedulers stopped');
    return queueOf(name);
  };
  // Processors fan out through the same queues; they are closed after the workers.
  const enqueue: ProcessorContext['enqueue'] = (name, input) => addJob(queueOf(jobDefinition(name).queue), name, input);

  const jobState: ProcessorContext['jobState'] = (name, jobId) => queueOf(jobDefinition(name).queue).getJobState(jobId);

  let watchdog: NodeJS.Timeout | undefined;
  let checking = false;
  /**
   * Re-adds the reconcile batches the ledger owes whose job is lost or failed for good, then
   * re-declares vanished schedulers and runs the catch-up. A failed check (backend down) waits for
   * the next.
   */
  const watchdogTick = async () => {
    if (checking || schedulersStopped) return;
    checking = true;
    try {
      await addOwedBatches({ db, enqueue, jobState, log });
      const missing = await missingSchedulers(queueFor);
      if (missing.length === 0) return;
      log.error('job schedulers vanished from the queue backend: declared again', { missing });
      await declareSchedulers(queueFor, { workerId, heartbeatEveryMs: options.heartbeatEveryMs });
      // What the lost keys held is rebuilt from Postgres: the reconcile re-adds owed batches, the
      // scan re-enqueues pending reminders.
      await enqueue('reconcile-obligations', { periodKind: 'current', periodStart: null });
      await enqueue('scan-alerts', {});
    } catch (e) {
      log.error('scheduler check failed', { error: (e as Error).message });
    } finally {
      checking = false;
    }
  };

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= shutdownInOrder(
      {
        'stop-schedulers': async () => {
          schedulersStopped = true;
          clearInterval(watchdog);
        },
        'close-workers': async () => {
          await closeWorkersWithin(workers, options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS, log);
        },
        'close-queues': async () => {
          await Promise.all([...queues.values()].map((q) => q.close()));
        },
        'quit-connections': async () => {
          closeMailTransports();
          await factory.close();
        },
        'destroy-db-pool': async () => {
          if (options.ownsDb) await db.destroy();
        },
      },
      log,
      options.onShutdownStep,
    ));

  try {
    // Declared at every start: after a restart or a Redis FLUSHALL the schedulers are back, and
    // upserting under stable ids never doubles them.
    for (const q of schedulerQueues()) queueFor(q);
    const schedulerIds = await declareSchedulers(queueFor, { workerId, heartbeatEveryMs: options.heartbeatEveryMs });
    const queueBackend = factory.kind;
    for (const queue of registry.queues()) {
      const worker = factory.createWorker(
        queue,
        registry.dispatcher(queue, { db, workerId, queueBackend, now, log, enqueue, delivery, jobState }),
        {
          concurrency,
          ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
          ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
        },
      );
      // Ids only in logs: job data may not be printed.
      worker.on('failed', (job, err) =>
        log.error('job failed', { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: err.message }),
      );
      worker.on('error', (err) => log.error('worker error', { queue, error: err.message }));
      workers.push(worker);
    }
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    if (options.catchUpOnStart) {
      await enqueue('reconcile-obligations', { periodKind: 'current', periodStart: null });
      await enqueue('scan-alerts', {});
    }
    watchdog = setInterval(() => void watchdogTick(), options.schedulerCheckEveryMs ?? SCHEDULER_CHECK_EVERY_MS);
    watchdog.unref();
    return { workerId, queueBackend, schedulerIds, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
