import type { JobsOptions } from 'bullmq';
import { jobDefinition, jobIdFor, parseJobPayload, type JobInput, type JobName, type QueueName } from './catalogue.js';
import type { AnyQueue, QueueFactory } from './queue-config.js';

/** What a producer may choose per add; attempts, retention and the job id come from the catalogue. */
export type AddJobOptions = Pick<JobsOptions, 'delay' | 'priority'>;

export interface AddedJob {
  jobId: string;
}

/**
 * Validates the payload against the catalogue, then adds the job under its deterministic id: adding
 * the same domain work twice yields one job (conventions §5, §6). Throws InvalidJobPayloadError.
 */
export async function addJob<N extends JobName>(
  queue: AnyQueue,
  name: N,
  input: JobInput<N>,
  opts: AddJobOptions = {},
): Promise<AddedJob> {
  const def = jobDefinition(name);
  if (queue.name !== def.queue) throw new Error(`job "${name}" belongs on queue "${def.queue}", not "${queue.name}"`);
  const payload = parseJobPayload(name, input);
  const jobId = jobIdFor(name, payload);
  await queue.add(name, payload, { ...def.options, ...opts, jobId });
  return { jobId };
}

export interface Producer {
  add<N extends JobName>(name: N, input: JobInput<N>, opts?: AddJobOptions): Promise<AddedJob>;
  /** The queue a job goes to, created on first use. */
  queue(name: QueueName): AnyQueue;
  close(): Promise<void>;
}

/** A producer for the web app or the CLI: one Queue per queue name, created lazily. */
export function createProducer(factory: QueueFactory): Producer {
  const queues = new Map<QueueName, AnyQueue>();
  const queue = (name: QueueName): AnyQueue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = factory.createQueue(name)));
    return q;
  };
  return {
    add: (name, input, opts) => addJob(queue(jobDefinition(name).queue), name, input, opts),
    queue,
    async close() {
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}
