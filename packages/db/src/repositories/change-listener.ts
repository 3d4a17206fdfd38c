import pg from 'pg';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * One LISTEN connection per process (issue 12/14): the rollups' generation and the sessions that must
 * stop working are pushed by the database (migration 0032's triggers NOTIFY at commit) instead of being
 * asked on every request. Registered per database handle: `cachedOnRollups` and the web's session
 * cache consult `changeListenerOf(db)` and fall back to asking the database whenever it is not `live`.
 *
 * Safety: `live` is true only between a successful LISTEN + read of the generation and the first sign
 * of trouble (a connection error or end, a check that failed or took longer than `checkMs`). Every
 * `pollMs` the connection itself reads the generation again, which both proves the connection alive
 * and bounds the damage of a notification lost in any way; while not live, it reconnects every
 * `retryMs`. Going live again emits `reset` (whatever was missed meanwhile is dropped by the caches).
 */
export const ROLLUP_CHANNEL = 'supervise_rollup_generation';
export const SESSION_CHANNEL = 'supervise_session';

export interface ListenedGeneration {
  /** As `rollupGeneration` gives it: the state table's oid and epoch. */
  table: string;
  generation: string;
}

export interface ChangeListener {
  /** True while notifications are known to arrive. */
  readonly live: boolean;
  /** The rollups' generation as last notified or read; null until the first read. */
  readonly generation: ListenedGeneration | null;
  /** `session:<id hash>` or `user:<id>` per NOTIFY on the session channel; `reset` after (re)connecting. */
  onSession(fn: (payload: string) => void): void;
  onReset(fn: () => void): void;
  stop(): Promise<void>;
}

const listeners = new WeakMap<object, ChangeListener>();

/** The listener started for this handle, if any. */
export function changeListenerOf(db: object): ChangeListener | undefined {
  return listeners.get(db);
}

const GENERATION_SQL = `select 'dashboard_rollup_state'::regclass::oid::text as oid, epoch::text as epoch, generation::text as generation
  from dashboard_rollup_state`;

/** Starts the listener of `db` (connected to `url`, the same database) and resolves once it is live or failed once. */
export async function listenForChanges(
  db: Kysely<DB>,
  url: string,
  options: { pollMs?: number; retryMs?: number; checkMs?: number; applicationName?: string } = {},
): Promise<ChangeListener> {
  const existing = listeners.get(db);
  if (existing) return existing;
  const pollMs = options.pollMs ?? 5_000;
  const retryMs = options.retryMs ?? 1_000;
  const checkMs = options.checkMs ?? 2_000;
  const sessionFns: ((p: string) => void)[] = [];
  const resetFns: (() => void)[] = [];
  let client: pg.Client | null = null;
  let live = false;
  let stopped = false;
  let oid = '';
  let generation: ListenedGeneration | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setGeneration = (epoch: string, gen: string) => {
    const table = `${oid}:${epoch}`;
    // Notifications arrive in commit order; a poll may race one: never go back within an epoch.
    if (generation && generation.table === table && BigInt(gen) <= BigInt(generation.generation)) return;
    generation = { table, generation: gen };
  };

  const drop = (c: pg.Client) => {
    if (client !== c) return;
    live = false;
    client = null;
    c.removeAllListeners('notification');
    void c.end().catch(() => {});
    schedule(retryMs, connect);
  };

  const readGeneration = async (c: pg.Client) => {
    const r = await c.query<{ oid: string; epoch: string; generation: string }>({ text: GENERATION_SQL });
    const row = r.rows[0];
    if (!row) throw new Error('dashboard_rollup_state has no row (migration 0029)');
    oid = row.oid;
    setGeneration(row.epoch, row.generation);
  };

  function schedule(ms: number, fn: () => Promise<void>) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void fn(), ms);
    timer.unref?.();
  }

  async function poll(): Promise<void> {
    const c = client;
    if (!c || stopped) return;
    try {
      await withTimeout(readGeneration(c), checkMs);
      schedule(pollMs, poll);
    } catch {
      drop(c);
    }
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: options.applicationName ?? 'supervise-listen' });
    client = c;
    c.on('error', () => drop(c));
    c.on('end', () => drop(c));
    c.on('notification', (n) => {
      if (client !== c) return;
      if (n.channel === ROLLUP_CHANNEL && n.payload) {
        const [epoch, gen] = n.payload.split(':');
        if (epoch && gen && /^\d+$/.test(gen)) setGeneration(epoch, gen);
      } else if (n.channel === SESSION_CHANNEL && n.payload) for (const fn of sessionFns) fn(n.payload);
    });
    try {
      await withTimeout(
        (async () => {
          await c.connect();
          await c.query(`listen ${ROLLUP_CHANNEL}; listen ${SESSION_CHANNEL}`);
          // Read after LISTEN: a change committed before is in this read, one after it is notified.
          await readGeneration(c);
        })(),
        checkMs * 2,
      );
      if (client !== c || stopped) return;
      for (const fn of resetFns) fn();
      live = true;
      schedule(pollMs, poll);
    } catch {
      drop(c);
    }
  }

  const listener: ChangeListener = {
    get live() {
      return live && !stopped;
    },
    get generation() {
      return generation;
    },
    onSession: (fn) => void sessionFns.push(fn),
    onReset: (fn) => void resetFns.push(fn),
    async stop() {
      stopped = true;
      live = false;
      clearTimeout(timer);
      const c = client;
      client = null;
      listeners.delete(db);
      await c?.end().catch(() => {});
    },
  };
  listeners.set(db, listener);
  await connect();
  return listener;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}
