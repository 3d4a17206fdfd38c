import type { Kysely, Selectable } from 'kysely';
import type { DB, WorkerHeartbeat } from '../generated/db.js';

export type WorkerHeartbeatRow = Selectable<WorkerHeartbeat>;

export interface HeartbeatInput {
  workerId: string;
  /** 'redis' or 'postgres': which BullMQ backend the worker runs on. */
  queueBackend: string;
  at: Date;
  /** How often this worker beats (ms); /healthz calls a beat older than three of them stale. */
  intervalMs: number;
}

/**
 * Upserts the worker's heartbeat row. Idempotent: a repeated or late tick never moves `beat_at`
 * backwards (a delayed retry of an older heartbeat job must not hide a newer one).
 */
export async function recordHeartbeat(db: Kysely<DB>, input: HeartbeatInput): Promise<void> {
  await db
    .insertInto('worker_heartbeat')
    .values({ worker_id: input.workerId, queue_backend: input.queueBackend, beat_at: input.at, interval_ms: input.intervalMs })
    .onConflict((oc) =>
      oc.column('worker_id').doUpdateSet((eb) => ({
        queue_backend: eb.ref('excluded.queue_backend'),
        interval_ms: eb.ref('excluded.interval_ms'),
        beat_at: eb.fn('greatest', [eb.ref('worker_heartbeat.beat_at'), eb.ref('excluded.beat_at')]),
      })),
    )
    .execute();
}

/** The most recent heartbeat of any worker, or undefined when no worker ever beat. */
export async function latestHeartbeat(db: Kysely<DB>): Promise<WorkerHeartbeatRow | undefined> {
  return db.selectFrom('worker_heartbeat').selectAll().orderBy('beat_at', 'desc').limit(1).executeTakeFirst();
}

/** One worker's heartbeat row. */
export async function heartbeatOf(db: Kysely<DB>, workerId: string): Promise<WorkerHeartbeatRow | undefined> {
  return db.selectFrom('worker_heartbeat').selectAll().where('worker_id', '=', workerId).executeTakeFirst();
}
