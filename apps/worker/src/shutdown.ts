/**
 * The worker's shutdown order, written down once (langfuse's worker/src/utils/shutdown.ts habit):
 *
 *   1. stop schedulers   — produce no more scheduler declarations from this process. The schedulers
 *                          themselves stay in the backend (never removed): the next process re-upserts
 *                          them under the same ids, and BullMQ only advances a scheduler when a worker
 *                          takes its current job, so nothing is produced once our workers stop.
 *   2. close workers     — stop taking jobs; the jobs in hand finish and are marked complete.
 *   3. close queues      — producers (the schedulers' queues).
 *   4. quit connections  — the shared Redis clients, or the PG backend's pools and LISTEN clients.
 *   5. destroy the pool  — our Kysely / pg pool, last, because steps 2–4 may still write through it.
 *
 * A failing step is logged and the next step still runs: a half shutdown leaves processes behind.
 */
import type { Logger } from './logger.js';

export const SHUTDOWN_STEPS = [
  'stop-schedulers',
  'close-workers',
  'close-queues',
  'quit-connections',
  'destroy-db-pool',
] as const;
export type ShutdownStep = (typeof SHUTDOWN_STEPS)[number];

export type ShutdownPlan = Record<ShutdownStep, () => Promise<void>>;

export async function shutdownInOrder(plan: ShutdownPlan, log: Logger, onStep?: (step: ShutdownStep) => void): Promise<void> {
  for (const step of SHUTDOWN_STEPS) {
    const t0 = Date.now();
    onStep?.(step);
    try {
      await plan[step]();
      log.info('shutdown step done', { step, ms: Date.now() - t0 });
    } catch (e) {
      log.error('shutdown step failed', { step, error: (e as Error).message });
    }
  }
}

export interface SignalOptions {
  log: Logger;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * SIGINT and SIGTERM start the shutdown once; a second signal forces the exit (exit code 130) for an
 * operator who will not wait for a long job. Returns a function that removes the handlers.
 */
export function handleShutdownSignals(stop: () => Promise<void>, options: SignalOptions): () => void {
  const { log, exit = (code) => process.exit(code), signals = ['SIGINT', 'SIGTERM'] } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.error('second signal: forcing exit', { signal });
      exit(130);
      return;
    }
    stopping = true;
    log.info('shutting down', { signal });
    stop().then(
      () => exit(0),
      (e: unknown) => {
        log.error('shutdown failed', { error: (e as Error).message });
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}
