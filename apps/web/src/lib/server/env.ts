import { resolveQueueBackend, type QueueBackendConfig } from '@supervise/queue';
import { isIsoDate } from '@supervise/core';
import { z } from 'zod';

/**
 * The web process's environment, parsed once with zod. Parsed lazily on first use, at run time: never
 * during `vite build` (which imports server modules to analyse them), so a build needs no database.
 */
const schema = z.object({
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url().optional(),
  // The worker's QUEUE_PREFIX / QUEUE_SCHEMA: the web app must add its jobs (registry imports) where
  // the worker reads them, so both take the same two settings (defaults 'supervise' and 'bullmq').
  QUEUE_PREFIX: z
    .string()
    .max(60)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only')
    .optional(),
  QUEUE_SCHEMA: z
    .string()
    .max(60)
    .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
    .optional(),
  // Idle timeout: a session unused this long ends (等保 2.0 level 3: session timeout).
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  // Absolute timeout: a session ends this long after login whatever the activity.
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  // FOR TESTS ONLY: the server's "today" (YYYY-MM-DD) instead of the clock's date in Asia/Shanghai,
  // so a browser test can see the November next-year warning. Never set it in production.
  SUPERVISE_TODAY: z.string().refine(isIsoDate, 'expected a valid date YYYY-MM-DD').optional(),
});

export interface WebEnv {
  databaseUrl: string;
  queue: QueueBackendConfig;
  session: { idleMs: number; maxMs: number };
  /** Test override of today's date (SUPERVISE_TODAY); undefined in normal operation. */
  today?: string;
}

let cached: WebEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): WebEnv {
  // An empty variable counts as unset (as in `.env` files and compose files).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const keys = [...new Set(result.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new Error(`Invalid environment for the web app: ${keys}`);
  }
  const e = result.data;
  const resolved = resolveQueueBackend({ databaseUrl: e.DATABASE_URL, redisUrl: e.REDIS_URL });
  const queue: QueueBackendConfig =
    resolved.kind === 'redis'
      ? { ...resolved, ...(e.QUEUE_PREFIX ? { prefix: e.QUEUE_PREFIX } : {}) }
      : { ...resolved, ...(e.QUEUE_SCHEMA ? { schema: e.QUEUE_SCHEMA } : {}) };
  return {
    databaseUrl: e.DATABASE_URL,
    queue,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, maxMs: e.SESSION_MAX_HOURS * 3_600_000 },
    ...(e.SUPERVISE_TODAY ? { today: e.SUPERVISE_TODAY } : {}),
  };
}

export function env(): WebEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
