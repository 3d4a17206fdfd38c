/**
 * The one catalogue of every queue and every job (langfuse habit: queue names and zod payloads in one
 * file; immich habit: one typed list of jobs that the worker checks its processors against).
 *
 * Payloads carry ids only — never names, ID numbers or case text: this is police data (conventions §5).
 * Producers validate before `add` (see producer.ts); processors validate first thing (`parseJobPayload`).
 */
import { UnrecoverableError, type JobsOptions } from 'bullmq';
import { z } from 'zod';

/** Every queue, kebab-case. A queue groups jobs that share workers and concurrency. */
export const QUEUE_NAMES = ['maintenance', 'obligations', 'alerts', 'imports', 'dashboard'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** An id that is safe in a BullMQ job id (no ':'), a Redis key and a log line. */
const idString = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');

/** Default retention: keep enough to debug, never grow without bound. */
const keepCompleted = { age: 24 * 3600, count: 1000 } as const;
/** How often the worker beats by default (issue 8 §3: /healthz is 503 after three missed beats). */
export const HEARTBEAT_EVERY_MS = 30_000;

const keepFailed = { age: 14 * 24 * 3600, count: 5000 } as const;

/** A planning period kind (core's cadences). */
export const PERIOD_KINDS = ['month', 'two_months', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const entityCursor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/**
 * The reconcile and the alert scan are removed when they complete, and when they fail for good (the
 * worker logs the failure): their ids are deterministic, so a failed job kept for an hour would make
 * every add of the same id within that hour a no-op (issue 14 §3: a lost run nobody could restart).
 * They work out from Postgres what is owed, so the next add simply does the work.
 */
const triggerRetention = { removeOnComplete: true, removeOnFail: true } as const;
/**
 * A reconcile batch is removed when it completes; a failed one is kept an hour for inspection. That
 * never blocks the work: the reconcile's ledger (`reconcile_ledger`) re-adds an owed batch whose job
 * is failed or gone under a fresh id (`ledgerSeq`).
 */
const batchRetention = { removeOnComplete: true, removeOnFail: { age: 3600, count: 1000 } } as const;

interface JobDefinition<Q extends QueueName, S extends z.ZodType> {
  queue: Q;
  payload: S;
  /** Default BullMQ options for every add of this job (producers may not override the safety ones). */
  options: Readonly<Pick<JobsOptions, 'attempts' | 'backoff' | 'removeOnComplete' | 'removeOnFail' | 'priority'>>;
  /**
   * Deterministic job id from the payload's domain keys (conventions §6): adding the same work twice
   * yields one job while the first is waiting, active or retained. BullMQ refuses ':' in custom ids.
   */
  jobId: (payload: z.output<S>) => string;
}

function defineJob<Q extends QueueName, S extends z.ZodType>(def: JobDefinition<Q, S>): JobDefinition<Q, S> {
  return def;
}

export const jobCatalogue = {
  /** Proves end to end that a worker takes jobs from the queue backend and can write to Postgres. */
  'worker-heartbeat': defineJob({
    queue: 'maintenance',
    // `everyMs`: the interval the worker beats at; /healthz calls a beat older than three of them stale.
    payload: z.strictObject({
      workerId: idString,
      everyMs: z.number().int().min(1_000).max(3_600_000).default(HEARTBEAT_EVERY_MS),
    }),
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 3600, count: 100 },
      removeOnFail: keepFailed,
    },
    jobId: (p) => `worker-heartbeat.${p.workerId}`,
  }),
  /**
   * Works out which periods to reconcile ('current': the month, two-month block, quarter and year
   * containing today in Asia/Shanghai; or one named period) and fans out `reconcile-batch` jobs over
   * entity-id ranges. Triggered by the schedulers; safe to add at any time.
   */
  'reconcile-obligations': defineJob({
    queue: 'obligations',
    payload: z
      .strictObject({
        periodKind: z.enum(['current', ...PERIOD_KINDS]),
        /** First day of the period; null with 'current'. */
        periodStart: isoDate.nullable().default(null),
      })
      .refine((p) => (p.periodKind === 'current') === (p.periodStart === null), {
        message: "periodStart is required for a named period and must be null for 'current'",
      }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...triggerRetention },
    jobId: (p) => `reconcile-obligations.${p.periodKind}.${p.periodStart ?? 'now'}`,
  }),
  /**
   * Plans one period for the entities with ids in (afterId, upToId]: 'census' inserts the missing
   * census obligations and rosters them; 'quotas' plans campaigns and spot checks (one row per
   * campaign, from the whole population of their kinds).
   */
  'reconcile-batch': defineJob({
    queue: 'obligations',
    payload: z
      .strictObject({
        periodKind: z.enum(PERIOD_KINDS),
        periodStart: isoDate,
        part: z.enum(['census', 'quotas']),
        afterId: entityCursor,
        upToId: entityCursor,
        /**
         * Which add of this batch by the ledger (its `enqueues` count): a batch whose job was lost is
         * re-added under a fresh id, never blocked by the old one. 0: added outside the ledger.
         */
        ledgerSeq: z.number().int().min(0).max(1_000_000).default(0),
      })
      .refine((p) => p.afterId < p.upToId, { message: 'afterId must be below upToId' }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...batchRetention },
    jobId: (p) =>
      `reconcile-batch.${p.periodKind}.${p.periodStart}.${p.part}.${p.afterId}-${p.upToId}${p.ledgerSeq ? `.e${p.ledgerSeq}` : ''}`,
  }),
  /**
   * Issue 4 §4: works out from Postgres which alerts are due on today's date (Asia/Shanghai), raises
   * them once (on conflict do nothing) and (re-)enqueues the delivery of every pending reminder.
   * Triggered by its scheduler; the empty payload makes every tick the same job id, so ticks that
   * overlap a running scan collapse into it.
   */
  'scan-alerts': defineJob({
    queue: 'alerts',
    payload: z.strictObject({}),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...triggerRetention },
    jobId: () => 'scan-alerts',
  }),
  /**
   * Issue 4 §5: delivers one e-mail or webhook reminder, rendered at send time from ids. The reminder
   * row is claimed (pending → sending) before sending, so a retry never sends twice. Removed when
   * complete, so a reminder put back to pending can be enqueued again by the next scan.
   */
  'deliver-reminder': defineJob({
    queue: 'alerts',
    payload: z.strictObject({ reminderId: z.number().int().positive() }),
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: true,
      removeOnFail: keepFailed,
    },
    jobId: (p) => `deliver-reminder.${p.reminderId}`,
  }),
  /**
   * Issue 5 §3: runs one registry import batch (a previewed file without errors): validates the
   * stored file again and upserts every row in one transaction, reporting progress on the job and on
   * `import_batch.processed`. The payload is the batch id only (the file is in Postgres). A batch that
   * is not `importing` is skipped, so a doubled job changes nothing; no retries: a failure is reported
   * on the batch and the user starts again.
   */
  'import-registry': defineJob({
    queue: 'imports',
    payload: z.strictObject({ batchId: z.number().int().positive() }),
    // A run is one transaction (rolled back on failure) and a done batch is skipped, so a retry after
    // a transient error (connection lost, worker killed) is safe; the batch is marked failed only
    // when the last attempt fails.
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: keepCompleted,
      removeOnFail: keepFailed,
    },
    jobId: (p) => `import-registry.${p.batchId}`,
  }),
  /**
   * Issue 12 §5: recounts the dashboard's rollup cells whose source rows changed (the triggers'
   * marks in Postgres), in bounded batches; a tick finding nothing marked does one empty query. The
   * empty payload makes every tick the same job id, so ticks that overlap a running refresh collapse
   * into it; a lost tick leaves the marks for the next one.
   */
  'refresh-dashboard-rollups': defineJob({
    // A queue of its own: a long refresh (after a bulk import) never holds up the heartbeat.
    queue: 'dashboard',
    payload: z.strictObject({}),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, ...triggerRetention },
    jobId: () => 'refresh-dashboard-rollups',
  }),
  /**
   * Issue 15 §1: the parse of an uploaded registry file (an `uploaded` import_batch naming its file in
   * the upload directory), off the web app: read within the upload limits, every row validated, the
   * preview and problems stored, the file removed (`parseRegistryUpload`). A batch no longer
   * `uploaded` is skipped; the last failed attempt marks it failed and removes the file.
   */
  'parse-registry-upload': defineJob({
    queue: 'imports',
    payload: z.strictObject({ batchId: z.number().int().positive() }),
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: keepCompleted,
      removeOnFail: keepFailed,
    },
    jobId: (p) => `parse-registry-upload.${p.batchId}`,
  }),
  /**
   * Issue 14 §2: the inspection tasks a large draw owes after its execution (`draw.tasks_pending_from`),
   * created a bounded batch per transaction (`createPendingDrawTasks`). The payload is empty: the job
   * creates whatever any draw owes, so the executor's add right after its commit and the scheduler's
   * tick are the same job id and collapse; a lost job leaves the debt in Postgres for the next tick.
   */
  'create-draw-tasks': defineJob({
    queue: 'imports',
    payload: z.strictObject({}),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, ...triggerRetention },
    jobId: () => 'create-draw-tasks',
  }),
} as const;

/** Retention for jobs added next: copy into their `options` unless they have a reason to differ. */
export const DEFAULT_RETENTION = { removeOnComplete: keepCompleted, removeOnFail: keepFailed } as const;

export type JobCatalogue = typeof jobCatalogue;
export type JobName = keyof JobCatalogue;
export type JobPayload<N extends JobName> = z.output<JobCatalogue[N]['payload']>;
export type JobInput<N extends JobName> = z.input<JobCatalogue[N]['payload']>;
/** Job names that run on queue Q. */
export type JobsOfQueue<Q extends QueueName> = { [N in JobName]: JobCatalogue[N]['queue'] extends Q ? N : never }[JobName];

export const JOB_NAMES = Object.keys(jobCatalogue) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalogue, name);
}

export function jobsOfQueue(queue: QueueName): JobName[] {
  return JOB_NAMES.filter((n) => jobCatalogue[n].queue === queue);
}

export function jobDefinition<N extends JobName>(name: N): JobCatalogue[N] {
  return jobCatalogue[name];
}

/** Deterministic job id for a (validated) payload. */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayload<N>): string {
  return (jobCatalogue[name].jobId as (p: JobPayload<N>) => string)(payload);
}

export class InvalidJobPayloadError extends UnrecoverableError {
  constructor(
    readonly jobName: string,
    readonly issues: string[],
  ) {
    // The message lists paths and rules only, never the offending values (they may be personal data).
    super(`invalid payload for job "${jobName}": ${issues.join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

/**
 * Validates a payload against the catalogue. Throws `InvalidJobPayloadError`, an `UnrecoverableError`:
 * BullMQ fails such a job at once instead of retrying something that can never succeed.
 */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N>;
export function parseJobPayload(name: string, data: unknown): unknown;
export function parseJobPayload(name: string, data: unknown): unknown {
  if (!isJobName(name)) throw new InvalidJobPayloadError(name, ['unknown job name']);
  const result = jobCatalogue[name].payload.safeParse(data);
  if (!result.success) {
    throw new InvalidJobPayloadError(
      name,
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}
