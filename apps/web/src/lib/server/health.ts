/** Resolves to `fallback` when `work` takes longer than `ms` (or fails). */
export async function withinTime<T>(work: () => Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work().catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A beat older than this many of the worker's own intervals means no worker is taking jobs. */
export const MISSED_BEATS = 3;

export type HealthPart = 'database' | 'queue' | 'worker';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  /** What is not working, in the order of the checks; empty when the status is ok. */
  failing: HealthPart[];
  database: { reachable: boolean };
  queue: { backend: 'redis' | 'postgres'; reachable: boolean };
  worker: { alive: boolean; lastBeatAt: string | null; intervalMs: number | null; problem: 'never_beaten' | 'stale' | null };
}

/**
 * Issue 8 §3: 200 only when the database, the queue backend and a worker are all up. The worker is up
 * when its last heartbeat is younger than MISSED_BEATS of the interval it said it beats at; before the
 * first beat, and after three missed ones, the report is 503 and names the worker.
 */
export function healthReport(input: {
  database: boolean;
  queueBackend: 'redis' | 'postgres';
  queue: boolean;
  beat: { at: Date; intervalMs: number } | null;
  now: Date;
}): { httpStatus: 200 | 503; body: HealthReport } {
  const { beat } = input;
  const problem = !beat
    ? 'never_beaten'
    : input.now.getTime() - beat.at.getTime() > MISSED_BEATS * beat.intervalMs
      ? 'stale'
      : null;
  const failing: HealthPart[] = [];
  if (!input.database) failing.push('database');
  if (!input.queue) failing.push('queue');
  if (problem) failing.push('worker');
  const ok = failing.length === 0;
  return {
    httpStatus: ok ? 200 : 503,
    body: {
      status: ok ? 'ok' : 'unavailable',
      failing,
      database: { reachable: input.database },
      queue: { backend: input.queueBackend, reachable: input.queue },
      worker: {
        alive: problem === null,
        lastBeatAt: beat ? beat.at.toISOString() : null,
        intervalMs: beat ? beat.intervalMs : null,
        problem,
      },
    },
  };
}
