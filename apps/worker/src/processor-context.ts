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
