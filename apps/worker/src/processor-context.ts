import type { Database } from '@supervise/db';
import type { AddedJob, Job, JobInput, JobName, JobPayload, QueueBackendKind } from '@supervise/queue';
import type { DeliveryConfig } from './delivery/delivery-config.js';
import type { Logger } from './logger.js';

/** What a processor gets besides its validated payload. */
export interface ProcessorContext {
  db: Database;
  workerId: string;
  queueBackend: QueueBackendKind;
  /** The clock, injected so processors stay testable. */
  now: () => Date;
  log: Logger;
  job: Job;
  /** Adds a catalogue job (validated, under its deterministic id): how a job fans out work. */
  enqueue<N extends JobName>(name: N, input: JobInput<N>): Promise<AddedJob>;
  /** How reminders leave (SMTP, group robots); absent: no e-mail, global fetch. */
  delivery?: DeliveryConfig;
  /**
   * Aborted when the worker stops (SIGTERM). A long job checks it between pages, saves where it is
   * (`job_checkpoint`) and throws `JobStoppedError`: the job goes back to the queue at once, without
   * losing an attempt, and its next run resumes from the checkpoint (issue 14 §3, issue 15 §2).
   */
  signal: AbortSignal;
  /** The state of a job in the backend ('unknown' when its keys are gone): how the ledger sees a lost job. */
  jobState(name: JobName, jobId: string): Promise<string>;
}

/** Thrown by a processor that stopped early on `signal`: the dispatcher returns the job to the queue. */
export class JobStoppedError extends Error {
  constructor(readonly at: string) {
    super(`stopped on shutdown at ${at}; returned to the queue`);
    this.name = 'JobStoppedError';
  }
}

/** Throws JobStoppedError once the worker is stopping (after `save` has recorded where it was). */
export async function stopIfAsked(ctx: Pick<ProcessorContext, 'signal'>, at: string, save?: () => Promise<void>): Promise<void> {
  // Let timers run (BullMQ's lock renewal among them) between pages of a long job.
  await new Promise<void>((r) => setImmediate(r));
  if (!ctx.signal.aborted) return;
  await save?.();
  throw new JobStoppedError(at);
}

/** A processor receives the payload already validated against the catalogue. */
export type JobProcessor<N extends JobName> = (payload: JobPayload<N>, ctx: ProcessorContext) => Promise<unknown>;

export interface ProcessorRegistration<N extends JobName = JobName> {
  job: N;
  process: JobProcessor<N>;
}

export function registerProcessor<N extends JobName>(job: N, process: JobProcessor<N>): ProcessorRegistration<N> {
  return { job, process };
}
