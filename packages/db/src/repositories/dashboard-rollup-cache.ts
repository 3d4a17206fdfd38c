import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * The dashboard's figures cached in the process (issue 12/14: every request recomputed the same
 * figures from the rollups, and the server was CPU-bound). A figure is a function of the rollups, the
 * query (scope, regimes, units, period), today and the options; the rollups change only with their
 * generation (migration 0029: incremented in the same transaction as any change of cells, see
 * `bumpRollupGeneration`). So a reader reads the generation (one tiny query) and takes the figures
 * cached under (database, epoch, generation, key), or computes and stores them: never stale, since a
 * refresh or a rebuild that committed has moved the generation every later reader sees.
 *
 * A result is computed from a snapshot at least as new as the generation it is stored under, never
 * older. Results are deep-frozen: callers share them and must not mutate them (a mutation throws).
 */
type Db = Kysely<DB> | Transaction<DB>;

/** At most this many results per database handle; the least recently used goes first. */
export const DASHBOARD_CACHE_ENTRIES = 500;

/** The rollups' generation and what tells this database's state row apart from another's. */
export interface RollupGeneration {
  /** The state row's table (its oid) and epoch: a table made again never repeats a key. */
  table: string;
  generation: string;
}

export async function rollupGeneration(db: Db): Promise<RollupGeneration> {
  const r = await sql<{ table: string; generation: string }>`
    select 'dashboard_rollup_state'::regclass::oid::text || ':' || s.epoch::text as table, s.generation::text as generation
    from dashboard_rollup_state s`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('dashboard_rollup_state has no row (migration 0029)');
  return row;
}

/** Called by every writer of `dashboard_rollup`, inside its transaction (after taking the rollup lock). */
export async function bumpRollupGeneration(tx: Db): Promise<void> {
  await sql`update dashboard_rollup_state set generation = generation + 1`.execute(tx);
}

/** A small LRU on a Map (insertion order: the first key is the least recently used). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  /** Forgets `key` if it still holds `v`. */
  forget(key: string, v: V): void {
    if (this.map.get(key) === v) this.map.delete(key);
  }
}

/** One cache per database handle (a handle is bound to one database; test databases share a template's epoch). */
const caches = new WeakMap<object, Lru<Promise<unknown>>>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * `compute()` for `key` (a JSON-able description of everything the result depends on besides the
 * rollups: query, scope, today, options) at the rollups' current generation, cached. Concurrent
 * readers of the same key share one computation; a failed computation is not kept.
 */
export async function cachedOnRollups<T>(db: Db, key: unknown, compute: () => Promise<T>): Promise<T> {
  const g = await rollupGeneration(db);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Lru(DASHBOARD_CACHE_ENTRIES)));
  const k = JSON.stringify([g.table, g.generation, key]);
  const hit = cache.get(k);
  if (hit) return hit as Promise<T>;
  const p = compute().then(deepFreeze);
  cache.set(k, p);
  const lru = cache;
  p.catch(() => lru.forget(k, p));
  return p;
}
