/**
 * Matches processors to the job catalogue (immich habit): the worker refuses to start if a job in
 * the catalogue has no processor, has two, or if a processor names a job the catalogue lacks.
 */
import {
  InvalidJobPayloadError,
  JOB_NAMES,
  isJobName,
  jobDefinition,
  parseJobPayload,
  type Job,
  type JobName,
  type JobProcessorFn,
  type QueueName,
  WaitingError,
} from '@supervise/queue';
import { JobStoppedError, type ProcessorContext, type ProcessorRegistration } from './processor-context.js';

export class ProcessorRegistryError extends Error {
  constructor(readonly problems: string[]) {
    super(`processor registry refused to start: ${problems.join('; ')}`);
    this.name = 'ProcessorRegistryError';
  }
}

export interface ProcessorRegistry {
  /** Queues that have at least one job, in catalogue order. */
  queues(): QueueName[];
  /** One BullMQ processor per queue: validates the payload first, then calls the job's processor. */
  dispatcher(queue: QueueName, context: Omit<ProcessorContext, 'job' | 'signal'>): JobProcessorFn;
}

export function buildRegistry(registrations: readonly ProcessorRegistration[]): ProcessorRegistry {
  const byJob = new Map<JobName, ProcessorRegistration>();
  const problems: string[] = [];
  for (const r of registrations) {
    if (!isJobName(r.job)) problems.push(`processor for unknown job "${String(r.job)}"`);
    else if (byJob.has(r.job)) problems.push(`two processors for job "${r.job}"`);
    else byJob.set(r.job, r);
  }
  for (const name of JOB_NAMES) if (!byJob.has(name)) problems.push(`no processor for job "${name}"`);
  if (problems.length) throw new ProcessorRegistryError(problems);

  return {
    queues: () => [...new Set(JOB_NAMES.map((n) => jobDefinition(n).queue))],
    dispatcher(queue, context) {
      // Three parameters: BullMQ then passes the abort signal that `cancelAllJobs` (shutdown) fires.
      return async (job: Job, token?: string, signal?: AbortSignal) => {
        // First thing: the payload, validated against the catalogue. An unknown job name or a bad
        // payload throws an UnrecoverableError, so BullMQ fails the job without retrying it.
        const payload = parseJobPayload(job.name, job.data);
        const name = job.name as JobName;
        if (jobDefinition(name).queue !== queue) {
          throw new InvalidJobPayloadError(name, [`belongs on queue "${jobDefinition(name).queue}", arrived on "${queue}"`]);
        }
        const registration = byJob.get(name)!;
        try {
          return await registration.process(payload as never, {
            ...context,
            job,
            signal: signal ?? new AbortController().signal,
          });
        } catch (e) {
          if (!(e instanceof JobStoppedError) || !token) throw e;
          // Back to the queue now, without spending an attempt: the next worker resumes from the
          // checkpoint instead of waiting out the lock and the stalled check.
          await job.moveToWait(token);
          context.log.info('job returned to the queue on shutdown', { queue, job: name, jobId: job.id, at: e.at });
          throw new WaitingError();
        }
      };
    },
  };
}
