import { QUEUE_NAMES, createQueueFactory, type AnyQueue, type QueueFactory, type QueueName } from '@supervise/queue';
import { env } from './env.js';

/**
 * Queue visibility for the system administrator (issue 4 §6), with BullMQ's Queue API through
 * `@supervise/queue`. Only ids, names, counts, times and error texts are read: job data (ids only
 * anyway) is never shown.
 */
let factory: QueueFactory | undefined;
const queues = new Map<QueueName, AnyQueue>();

function queueOf(name: QueueName): AnyQueue {
  factory ??= createQueueFactory(env().queue);
  let q = queues.get(name);
  if (!q) queues.set(name, (q = factory.createQueue(name)));
  return q;
}

export const COUNT_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export interface QueueOverview {
  name: QueueName;
  counts: Record<(typeof COUNT_STATES)[number], number>;
  schedulers: { id: string; pattern: string | null; every: number | null; tz: string | null; next: number | null }[];
  failed: { id: string; name: string; attemptsMade: number; failedReason: string; finishedOn: number | null }[];
}

export async function queueOverview(failedLimit = 10): Promise<QueueOverview[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const q = queueOf(name);
      const counts = (await q.getJobCounts(...COUNT_STATES)) as QueueOverview['counts'];
      const schedulers = (await q.getJobSchedulers(0, 99, true)).map((s) => ({
        id: String(s.key ?? s.id ?? ''),
        pattern: s.pattern ?? null,
        every: s.every ? Number(s.every) : null,
        tz: s.tz ?? null,
        next: s.next ?? null,
      }));
      const failed = (await q.getFailed(0, failedLimit - 1)).filter(Boolean).map((j) => ({
        id: String(j.id),
        name: j.name,
        attemptsMade: j.attemptsMade,
        failedReason: (j.failedReason ?? '').slice(0, 300),
        finishedOn: j.finishedOn ?? null,
      }));
      return {
        name,
        counts: { ...Object.fromEntries(COUNT_STATES.map((s) => [s, 0])), ...counts } as QueueOverview['counts'],
        schedulers,
        failed,
      };
    }),
  );
}

export function isQueueName(v: string): v is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(v);
}

/** Retries one failed job; false when it is not (or no longer) failed. */
export async function retryFailedJob(queue: QueueName, jobId: string): Promise<boolean> {
  const job = await queueOf(queue).getJob(jobId);
  if (!job || (await job.getState()) !== 'failed') return false;
  await job.retry('failed');
  return true;
}
