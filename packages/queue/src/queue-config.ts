/**
 * The only place that knows which datastore BullMQ runs on. Everything else asks the factory for a
 * `Queue` or a `Worker` and is the same code on Redis and on PostgreSQL.
 */
import {
  createPostgresBackend,
  Queue,
  Worker,
  withBackend,
  type IQueueBackend,
  type PostgresConnectionOptions,
  type Processor,
  type WorkerOptions,
} from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import pg from 'pg';
import type { QueueName } from './catalogue.js';

export type QueueBackendConfig =
  | {
      kind: 'redis';
      url: string;
      /** Key prefix; one per deployment, one per test file. Default 'supervise'. */
      prefix?: string;
    }
  | {
      kind: 'postgres';
      /** Our own database: BullMQ keeps its tables in a separate schema beside ours. */
      url: string;
      /** Default 'bullmq'; one per test file. */
      schema?: string;
      /** Pool size of each Queue / Worker (each also holds one LISTEN connection). Default 2. */
      poolMax?: number;
      /**
       * Whether the first Queue / Worker creates or upgrades BullMQ's schema (DDL). Default false: the
       * apps connect as the least-privilege role, which cannot; `migrateQueueBackend` does it as the
       * owner at `supervise migrate` time (issue 15). Tests that own their schema pass true.
       */
      migrate?: boolean;
    };

export type QueueBackendKind = QueueBackendConfig['kind'];

export const DEFAULT_REDIS_PREFIX = 'supervise';
export const DEFAULT_PG_SCHEMA = 'bullmq';

/** REDIS_URL set: Redis. Otherwise BullMQ's PostgreSQL backend in our own database. */
export function resolveQueueBackend(input: { databaseUrl: string; redisUrl?: string | undefined }): QueueBackendConfig {
  return input.redisUrl ? { kind: 'redis', url: input.redisUrl } : { kind: 'postgres', url: input.databaseUrl };
}

/** A queue or worker on either backend; the backend type parameter is deliberately erased. */
export type AnyQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;
export type AnyWorker = Worker<unknown, unknown, string, IQueueBackend>;
export type JobProcessorFn = Processor<unknown, unknown, string>;

export interface CreateWorkerOptions {
  concurrency?: number;
  /** Passed through for tests and tuning; never a connection. */
  lockDuration?: number;
  stalledInterval?: number;
  autorun?: boolean;
}

export interface QueueFactory {
  readonly kind: QueueBackendKind;
  /** Human-readable target without credentials, for the start-up log line. */
  readonly describe: string;
  createQueue(name: QueueName): AnyQueue;
  createWorker(name: QueueName, processor: JobProcessorFn, opts?: CreateWorkerOptions): AnyWorker;
  ping(): Promise<boolean>;
  /**
   * Closes whatever queues and workers are still open (a safety net: callers close them first, in
   * the shutdown order), then quits the shared Redis connections. Idempotent.
   */
  close(): Promise<void>;
}

// BullMQ "going to production": reconnect forever with a capped backoff rather than give up.
const retryStrategy = (times: number): number => Math.max(Math.min(Math.exp(times), 20_000), 1_000);

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = u.password ? '***' : '';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}

export function createQueueFactory(config: QueueBackendConfig): QueueFactory {
  return config.kind === 'redis' ? createRedisFactory(config) : createPostgresFactory(config);
}

type Closable = { close(): Promise<void> };

/** Remembers what the factory created; BullMQ's close() is idempotent, so closing twice is safe. */
function tracker() {
  const open = new Set<Closable>();
  return {
    track<T extends Closable>(c: T): T {
      open.add(c);
      return c;
    },
    async closeAll(): Promise<void> {
      // Workers first (they finish the job in hand), then queues.
      const all = [...open];
      open.clear();
      await Promise.allSettled(all.filter((c) => c instanceof Worker).map((w) => w.close()));
      await Promise.allSettled(all.filter((c) => !(c instanceof Worker)).map((q) => q.close()));
    },
  };
}

function createRedisFactory(config: Extract<QueueBackendConfig, { kind: 'redis' }>): QueueFactory {
  const prefix = config.prefix ?? DEFAULT_REDIS_PREFIX;
  // Named after the prefix: an operator (or a drill) can find this deployment's connections in
  // CLIENT LIST without touching another's on a shared Redis.
  const base: RedisOptions = { retryStrategy, connectionName: `supervise.${prefix}` };
  let producer: Redis | undefined;
  let consumer: Redis | undefined;
  const open = tracker();
  let closed = false;
  // Producers fail fast when Redis is down (an HTTP request must not hang on an offline queue).
  const producerConnection = () => (producer ??= new Redis(config.url, { ...base, enableOfflineQueue: false }));
  // Workers must wait out outages: BullMQ requires maxRetriesPerRequest null on their connections.
  const consumerConnection = () => (consumer ??= new Redis(config.url, { ...base, maxRetriesPerRequest: null }));

  return {
    kind: 'redis',
    describe: `redis ${redactUrl(config.url)} prefix=${prefix}`,
    createQueue(name) {
      if (closed) throw new Error('queue factory is closed');
      return open.track(new Queue(name, { connection: producerConnection(), prefix }) as unknown as AnyQueue);
    },
    createWorker(name, processor, opts = {}) {
      if (closed) throw new Error('queue factory is closed');
      const options: WorkerOptions = { ...opts, connection: consumerConnection(), prefix };
      return open.track(new Worker(name, processor, options) as unknown as AnyWorker);
    },
    ping: () => pingQueueBackend(config),
    async close() {
      closed = true;
      await open.closeAll();
      // Shared connections are ours, not BullMQ's: it never closes a client it was given.
      await Promise.allSettled([producer, consumer].filter((c): c is Redis => !!c).map(quitRedis));
      producer = consumer = undefined;
    },
  };
}

async function quitRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

function createPostgresFactory(config: Extract<QueueBackendConfig, { kind: 'postgres' }>): QueueFactory {
  const schema = config.schema ?? DEFAULT_PG_SCHEMA;
  // Each Queue / Worker owns a small pool built from this config and ends it on close(): closing
  // them is what "quit the PG backend connections" means. Without `migrate` the schema must exist at
  // BullMQ's version (`migrateQueueBackend`, run by the owner): BullMQ then refuses to run with a
  // SchemaMigrationRequiredError naming what to do, instead of attempting DDL the apps' role lacks.
  const connection: PostgresConnectionOptions = {
    connectionString: config.url,
    schema,
    migrate: config.migrate ?? false,
    max: config.poolMax ?? 2,
    application_name: 'supervise-bullmq',
  };
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend);
  const open = tracker();
  let closed = false;
  return {
    kind: 'postgres',
    describe: `postgres ${redactUrl(config.url)} schema=${schema}`,
    createQueue(name) {
      if (closed) throw new Error('queue factory is closed');
      return open.track(new PgQueue(name, { connection }) as unknown as AnyQueue);
    },
    createWorker(name, processor, opts = {}) {
      if (closed) throw new Error('queue factory is closed');
      return open.track(new PgWorker(name, processor, { ...opts, connection }) as unknown as AnyWorker);
    },
    ping: () => pingQueueBackend(config),
    async close() {
      closed = true;
      await open.closeAll();
    },
  };
}

/**
 * Creates or upgrades BullMQ's schema on the PostgreSQL backend (DDL: run as the owner, at migrate
 * time, before `grantAppRole` grants the apps' role its rows). Nothing to do on Redis. Idempotent;
 * concurrent runs serialize on BullMQ's advisory lock.
 */
export async function migrateQueueBackend(config: QueueBackendConfig): Promise<void> {
  if (config.kind !== 'postgres') return;
  const factory = createPostgresFactory({ ...config, migrate: true, poolMax: 1 });
  try {
    await factory.createQueue('maintenance').waitUntilReady();
  } finally {
    await factory.close();
  }
}

/** True when the backend answers within `timeoutMs` (for /healthz); never throws, never hangs. */
export async function pingQueueBackend(config: QueueBackendConfig, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      config.kind === 'redis' ? pingRedis(config.url, timeoutMs) : pingPostgres(config.url, timeoutMs),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function pingRedis(url: string, timeoutMs: number): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: 'supervise-ping',
  });
  client.on('error', () => {}); // reported through the return value
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function pingPostgres(url: string, timeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    client.end().catch(() => {});
  }
}
