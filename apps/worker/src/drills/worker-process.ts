/**
 * The real worker process (apps/worker/dist/main.js) for the drills: spawned with the drill's
 * database and Redis prefix, killed with SIGKILL or stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QueueBackendConfig } from '@supervise/queue';
import { DRILL_TODAY } from './drill-fixture.js';

/** dist/main.js, from src/drills (tests) and dist/drills (the built drills) alike. */
export const WORKER_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

export interface WorkerProcessOptions {
  databaseUrl: string;
  config: QueueBackendConfig & { kind: 'redis' };
  workerId?: string;
  /** Extra env (e.g. WORKER_SCHEDULER_CHECK_MS). */
  env?: Record<string, string>;
  /** Pass the worker's stderr through (default: ignored). */
  inheritStderr?: boolean;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the worker logged "worker started". */
  started: Promise<void>;
}

export function spawnWorkerProcess(o: WorkerProcessOptions): WorkerProcess {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: o.databaseUrl,
      REDIS_URL: o.config.url,
      QUEUE_PREFIX: o.config.prefix,
      WORKER_ID: o.workerId ?? 'drill',
      WORKER_CONCURRENCY: '2',
      // A SIGKILLed worker's active job is re-delivered after about lock + stalled interval.
      WORKER_LOCK_DURATION_MS: '4000',
      WORKER_STALLED_INTERVAL_MS: '2000',
      WORKER_CATCH_UP: 'false',
      SUPERVISE_TODAY: DRILL_TODAY,
      // The watchdog re-adds owed batches and vanished schedulers every second (default: a minute).
      WORKER_SCHEDULER_CHECK_MS: '1000',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', o.inheritStderr ? 'inherit' : 'ignore'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => {
    if (child.exitCode !== null || child.signalCode !== null) r({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => r({ code, signal }));
  });
  const started = new Promise<void>((resolveStarted, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('"worker started"')) resolveStarted();
      if (buffered.length > 100_000) buffered = buffered.slice(-1000);
    });
    void exited.then(() => reject(new Error('worker exited before it started')));
  });
  started.catch(() => {});
  return { child, exited, started };
}

/** SIGKILLs the process if it still runs and waits for its end. */
export async function killHard(w: WorkerProcess): Promise<void> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await w.exited;
}
