/**
 * Entry point: `node apps/worker/dist/main.js`. Parses the env once, starts the worker and owns the
 * process signals. No HTTP here.
 */
import { bureauDate } from '@supervise/core';
import { createDb } from '@supervise/db';
import { resolveQueueBackend } from '@supervise/queue';
import { defaultDeliveryConfig } from './delivery/delivery-config.js';
import { EnvError, parseEnv } from './env.js';
import { boundHeapGrowth } from './heap.js';
import { consoleLogger as log } from './logger.js';
import { handleShutdownSignals } from './shutdown.js';
import { startWorker, workerPoolSize } from './start-worker.js';

/**
 * A clock on `today` (Asia/Shanghai) at the real time of day: SUPERVISE_TODAY, for tests that pin the
 * date (the web app reads the same variable), so the alert scan sees the day the demo was seeded for.
 */
function pinnedClock(today: string): () => Date {
  const realToday = bureauDate(new Date());
  const offset = Date.parse(`${today}T00:00:00+08:00`) - Date.parse(`${realToday}T00:00:00+08:00`);
  return () => new Date(Date.now() + offset);
}

async function main(): Promise<void> {
  boundHeapGrowth();
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      log.error('worker cannot start: bad environment', { keys: e.problems.map((p) => p.key), problems: e.problems });
      process.exit(2);
    }
    throw e;
  }
  const db = createDb({ url: env.databaseUrl, max: workerPoolSize(env.concurrency), applicationName: 'supervise-worker' });
  const resolved = resolveQueueBackend(env);
  const queueConfig =
    resolved.kind === 'redis'
      ? { ...resolved, ...(env.queuePrefix ? { prefix: env.queuePrefix } : {}) }
      : { ...resolved, ...(env.queueSchema ? { schema: env.queueSchema } : {}) };
  const worker = await startWorker({
    db,
    queueConfig,
    workerId: env.workerId,
    concurrency: env.concurrency,
    log,
    ownsDb: true,
    catchUpOnStart: env.catchUpOnStart,
    ...(env.today ? { now: pinnedClock(env.today) } : {}),
    delivery: defaultDeliveryConfig({ mail: env.mail }),
    ...(env.heartbeatEveryMs ? { heartbeatEveryMs: env.heartbeatEveryMs } : {}),
    ...(env.lockDurationMs ? { lockDurationMs: env.lockDurationMs } : {}),
    ...(env.stalledIntervalMs ? { stalledIntervalMs: env.stalledIntervalMs } : {}),
    ...(env.schedulerCheckEveryMs ? { schedulerCheckEveryMs: env.schedulerCheckEveryMs } : {}),
  });
  handleShutdownSignals(() => worker.stop(), { log });
  // Launched by `supervise start` with an IPC channel: if that parent dies, stop in order too
  // rather than live on as an orphan.
  if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  log.info('worker started', {
    workerId: worker.workerId,
    queueBackend: worker.queueBackend,
    concurrency: env.concurrency,
    schedulers: worker.schedulerIds,
  });
}

main().catch((e: unknown) => {
  log.error('worker failed to start', { error: (e as Error).message });
  process.exit(1);
});
