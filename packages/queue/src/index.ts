export {
  DEFAULT_RETENTION,
  InvalidJobPayloadError,
  JOB_NAMES,
  PERIOD_KINDS,
  QUEUE_NAMES,
  isJobName,
  jobCatalogue,
  jobDefinition,
  jobIdFor,
  jobsOfQueue,
  parseJobPayload,
  type JobCatalogue,
  type JobInput,
  type JobName,
  type JobPayload,
  type JobsOfQueue,
  type PeriodKind,
  type QueueName,
} from './catalogue.js';
export {
  DEFAULT_PG_SCHEMA,
  DEFAULT_REDIS_PREFIX,
  createQueueFactory,
  pingQueueBackend,
  resolveQueueBackend,
  type AnyQueue,
  type AnyWorker,
  type CreateWorkerOptions,
  type JobProcessorFn,
  type QueueBackendConfig,
  type QueueBackendKind,
  type QueueFactory,
} from './queue-config.js';
export { addJob, createProducer, type AddJobOptions, type AddedJob, type Producer } from './producer.js';
export {
  SCHEDULER_TIME_ZONE,
  declareSchedulers,
  schedulerDeclarations,
  schedulerQueues,
  type SchedulerContext,
  type SchedulerDeclaration,
} from './schedulers.js';
export type { Job } from 'bullmq';
