import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.js';

describe('worker env', () => {
  it('needs only DATABASE_URL and fills the defaults', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://u@h:5432/d', REDIS_URL: '' });
    expect(env.redisUrl).toBeUndefined();
    expect(env.concurrency).toBe(4);
    expect(env.workerId).toMatch(/^[A-Za-z0-9._-]+-\d+$/);
  });

  it('reads every key', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgresql://h/d',
      REDIS_URL: 'redis://h:6379',
      WORKER_ID: 'w-1',
      WORKER_CONCURRENCY: '8',
      QUEUE_PREFIX: 'sv_run_1',
      QUEUE_SCHEMA: 'bullmq_run_1',
      WORKER_LOCK_DURATION_MS: '5000',
      WORKER_STALLED_INTERVAL_MS: '2000',
      WORKER_CATCH_UP: 'false',
      WORKER_SCHEDULER_CHECK_MS: '1500',
      SMTP_URL: 'smtp://mail.example:2525',
      MAIL_FROM: 'noreply@example.gov.cn',
    });
    expect(env).toEqual({
      databaseUrl: 'postgresql://h/d',
      redisUrl: 'redis://h:6379',
      workerId: 'w-1',
      concurrency: 8,
      queuePrefix: 'sv_run_1',
      queueSchema: 'bullmq_run_1',
      lockDurationMs: 5000,
      stalledIntervalMs: 2000,
      catchUpOnStart: false,
      schedulerCheckEveryMs: 1500,
      mail: { url: 'smtp://mail.example:2525', from: 'noreply@example.gov.cn' },
    });
  });

  it('pins the date only when SUPERVISE_TODAY is set, and refuses a bad one', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://h/d', SUPERVISE_TODAY: '2026-11-27' }).today).toBe('2026-11-27');
    expect(parseEnv({ DATABASE_URL: 'postgres://h/d' }).today).toBeUndefined();
    expect(() => parseEnv({ DATABASE_URL: 'postgres://h/d', SUPERVISE_TODAY: '27.11.2026' })).toThrow(/SUPERVISE_TODAY/);
  });

  it('catches up at start unless told not to', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://h/d' }).catchUpOnStart).toBe(true);
    expect(parseEnv({ DATABASE_URL: 'postgres://h/d', WORKER_CATCH_UP: '0' }).catchUpOnStart).toBe(false);
  });

  it('without SMTP_URL creates no e-mail reminders; refuses a non-SMTP URL', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://h/d' }).mail).toBeNull();
    expect(() => parseEnv({ DATABASE_URL: 'postgres://h/d', SMTP_URL: 'http://h' })).toThrow(EnvError);
  });

  it('fails listing every bad key and no value', () => {
    try {
      parseEnv({ REDIS_URL: 'http://secret@h', WORKER_ID: 'a b', WORKER_CONCURRENCY: '0' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      expect((e as EnvError).problems.map((p) => p.key).sort()).toEqual([
        'DATABASE_URL',
        'REDIS_URL',
        'WORKER_CONCURRENCY',
        'WORKER_ID',
      ]);
      expect((e as Error).message).not.toContain('secret');
    }
  });
});
