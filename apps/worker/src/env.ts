/**
 * The worker's environment, parsed once at start (conventions §4). A bad or missing key stops the
 * process with the list of offending keys; values are never echoed (URLs carry passwords).
 */
import { hostname } from 'node:os';
import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// URL is required' }),
  /** Set: BullMQ on Redis. Unset: BullMQ on its PostgreSQL backend in DATABASE_URL's database. */
  REDIS_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional()),
  WORKER_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(120)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only')
      .optional(),
  ),
  WORKER_CONCURRENCY: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(64).default(4)),
  /** Redis key prefix of the queues (default 'supervise'); tests give each run its own. */
  QUEUE_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(60)
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only')
      .optional(),
  ),
  /** PostgreSQL schema of the BullMQ PG backend (default 'bullmq'). */
  QUEUE_SCHEMA: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(60)
      .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
      .optional(),
  ),
  /** BullMQ lock duration and stalled-check interval (ms); defaults are BullMQ's (30 s each). */
  WORKER_LOCK_DURATION_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1000).max(600_000).optional()),
  WORKER_STALLED_INTERVAL_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1000).max(600_000).optional()),
  /** How often the worker beats (ms, default 30 s); /healthz is 503 after three missed beats. */
  WORKER_HEARTBEAT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1000).max(3_600_000).optional()),
  /** How often a running worker checks its job schedulers still exist (ms, default 60 s; issue 14 §3). */
  WORKER_SCHEDULER_CHECK_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(200).max(3_600_000).optional()),
  /** Run the reconcile and the alert scan once at start (default yes); tests that time one job turn it off. */
  WORKER_CATCH_UP: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0']).default('true')),
  /**
   * Test override of today's date in Asia/Shanghai (YYYY-MM-DD), as the web app's: the processors'
   * clock runs from that day at the real time of day. Unset in normal operation.
   */
  SUPERVISE_TODAY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00+08:00`)), 'expected a valid date')
      .optional(),
  ),
  /** SMTP server for e-mail reminders (nodemailer URL: smtp:// or smtps://). Unset: no e-mail reminders. */
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
  /** Sender of e-mail reminders. */
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().max(200).regex(/@/, 'an e-mail address').default('supervise@localhost')),
});

export interface WorkerEnv {
  databaseUrl: string;
  redisUrl: string | undefined;
  workerId: string;
  concurrency: number;
  queuePrefix: string | undefined;
  queueSchema: string | undefined;
  lockDurationMs: number | undefined;
  stalledIntervalMs: number | undefined;
  catchUpOnStart: boolean;
  heartbeatEveryMs: number | undefined;
  schedulerCheckEveryMs: number | undefined;
  /** SUPERVISE_TODAY: the date the processors' clock is pinned to (tests only). */
  today?: string;
  mail: { url: string; from: string } | null;
}

export class EnvError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(`invalid environment: ${problems.map((p) => `${p.key} (${p.message})`).join(', ')}`);
    this.name = 'EnvError';
  }
}

export function defaultWorkerId(): string {
  return `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 120);
}

export function parseEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => ({ key: String(i.path[0] ?? '(root)'), message: i.message })));
  }
  const e = result.data;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    workerId: e.WORKER_ID ?? defaultWorkerId(),
    concurrency: e.WORKER_CONCURRENCY,
    queuePrefix: e.QUEUE_PREFIX,
    queueSchema: e.QUEUE_SCHEMA,
    lockDurationMs: e.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    catchUpOnStart: e.WORKER_CATCH_UP === 'true' || e.WORKER_CATCH_UP === '1',
    heartbeatEveryMs: e.WORKER_HEARTBEAT_MS,
    schedulerCheckEveryMs: e.WORKER_SCHEDULER_CHECK_MS,
    ...(e.SUPERVISE_TODAY ? { today: e.SUPERVISE_TODAY } : {}),
    mail: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
  };
}
