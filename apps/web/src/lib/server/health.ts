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

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean };
  queue: { backend: 'redis' | 'postgres'; reachable: boolean };
  worker: { lastBeatAt: string | null };
}

export function healthReport(input: {
  database: boolean;
  queueBackend: 'redis' | 'postgres';
  queue: boolean;
  lastBeatAt: Date | null;
}): { httpStatus: 200 | 503; body: HealthReport } {
  const ok = input.database && input.queue;
  return {
    httpStatus: ok ? 200 : 503,
    body: {
      status: ok ? 'ok' : 'unavailable',
      database: { reachable: input.database },
      queue: { backend: input.queueBackend, reachable: input.queue },
      // The worker's pulse is reported, not judged: the web app serves pages without a worker.
      worker: { lastBeatAt: input.lastBeatAt ? input.lastBeatAt.toISOString() : null },
    },
  };
}
