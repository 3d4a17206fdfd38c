/**
 * Test isolation for the queue backends (conventions §10): each test file gets its own Redis key
 * prefix or its own PostgreSQL schema, and removes it afterwards. Test-only; reads the env like
 * `@supervise/db/testing` does.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { QueueBackendConfig, QueueBackendKind } from './queue-config.js';

export const QUEUE_BACKEND_KINDS: readonly QueueBackendKind[] = ['redis', 'postgres'];

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export interface TestQueueBackend {
  config: QueueBackendConfig;
  /** Deletes the prefix's keys or drops the schema. */
  cleanup(): Promise<void>;
}

/** `databaseUrl` is the test file's own database (from createTestDatabase), used by the PG backend. */
export function createTestQueueBackend(kind: QueueBackendKind, databaseUrl: string): TestQueueBackend {
  const tag = `sv_test_${randomBytes(5).toString('hex')}`;
  if (kind === 'redis') {
    const url = testRedisUrl();
    return { config: { kind, url, prefix: tag }, cleanup: () => deleteRedisPrefix(url, tag) };
  }
  return {
    // The test owns its schema and creates it (as the owner) on first use.
    config: { kind, url: databaseUrl, schema: tag, poolMax: 2, migrate: true },
    cleanup: () => dropSchema(databaseUrl, tag),
  };
}

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
  } catch (e) {
    // The database itself may already be dropped by the test's own cleanup.
    if ((e as { code?: string }).code !== '3D000') throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Polls `probe` until it returns a value other than undefined; for reading outcomes from tables. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 120_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Drops every Redis connection of one prefix (ours: `supervise.<prefix>`, BullMQ's blocking ones:
 * `<prefix>:…`), as a Redis restart would, without touching another prefix's on the shared server.
 * Returns how many were killed.
 */
export async function killRedisClientsOfPrefix(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const list = (await client.call('CLIENT', 'LIST')) as string;
    const ids = list
      .split('\n')
      .map((line) =>
        Object.fromEntries(line.split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
      )
      .filter((c) => c.name === `supervise.${prefix}` || (c.name ?? '').startsWith(`${prefix}:`))
      .map((c) => c.id as string);
    for (const id of ids) await client.call('CLIENT', 'KILL', 'ID', id).catch(() => {});
    return ids.length;
  } finally {
    client.disconnect();
  }
}

/** The job ids in a queue's wait list, read straight from Redis (tests: which jobs a loss will hit). */
export async function waitingJobIds(url: string, prefix: string, queue: string): Promise<string[]> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await client.lrange(`${prefix}:${queue}:wait`, 0, -1);
  } finally {
    client.disconnect();
  }
}

/**
 * Deletes the hashes of jobs and leaves their ids in the wait list: a partial loss of the queue's
 * keys (issue 14 §3), after which BullMQ hands the worker jobs without a name.
 */
export async function deleteJobHashes(url: string, prefix: string, queue: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await client.del(...ids.map((id) => `${prefix}:${queue}:${id}`));
  } finally {
    client.disconnect();
  }
}
