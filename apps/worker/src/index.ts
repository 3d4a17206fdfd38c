export { EnvError, defaultWorkerId, parseEnv, type WorkerEnv } from './env.js';
export { HEAP_GROWING_PERCENT, boundHeapGrowth } from './heap.js';
export { consoleLogger, silentLogger, type Logger } from './logger.js';
export { registerProcessor, type JobProcessor, type ProcessorContext, type ProcessorRegistration } from './processor-context.js';
export { processors } from './processors/index.js';
export { QUOTA_ID_SPAN, RECONCILE_ID_SPAN, periodBatches } from './processors/reconcile-obligations.processor.js';
export { ProcessorRegistryError, buildRegistry, type ProcessorRegistry } from './registry.js';
export { SHUTDOWN_STEPS, handleShutdownSignals, shutdownInOrder, type ShutdownPlan, type ShutdownStep } from './shutdown.js';
export { startWorker, workerPoolSize, type RunningWorker, type StartWorkerOptions } from './start-worker.js';
