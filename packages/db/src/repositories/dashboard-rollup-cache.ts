import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { changeListenerOf } from './change-listener.js';

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
 *
 * With a live change listener on the handle (`listenForChanges`, migration 0032: a trigger NOTIFYs
 * every new generation at commit), the generation is the one last notified, and a cached read makes
 * no round trip at all; the process sees a committed generation within the notification's delivery
 * (milliseconds). Without one, or while its connection is down, every read asks the database.
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

/** The generation a reader keys on: the listener's while it is live, else asked of the database. */
export async function currentRollupGeneration(db: Db): Promise<RollupGeneration> {
  const l = changeListenerOf(db);
  const g = l?.live ? l.generation : null;
  return g ?? rollupGeneration(db);
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

interface Entry {
  value: Promise<unknown>;
  /** When the computation began (performance.now()), for `maxAgeMs`. */
  at: number;
  /** The computation has succeeded: the value may be served while a newer one is computed. */
  settled: boolean;
  /** A newer computation of this key has begun (its `maxAgeMs` has passed). */
  refreshing: boolean;
}

/** One cache per database handle (a handle is bound to one database; test databases share a template's epoch). */
const caches = new WeakMap<object, Lru<Entry>>();

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
 * readers of the same key share one computation; a failed computation is not kept. `maxAgeMs`: for
 * what is read beside the rollups (the supervision panel's live lists, the heartbeat), a result older
 * than this is computed again even within one generation — the freshness window the page shows. The
 * first reader past the window starts that computation and, like every reader until it is done, is
 * given the previous result (each carries the time it was read, which the page prints): no reader
 * waits on the refresh of a list that was already shown (issue 12/14: the panel's lists take most of
 * a second on a province, and every request arriving meanwhile waited for them).
 */
export async function cachedOnRollups<T>(
  db: Db,
  key: unknown,
  compute: () => Promise<T>,
  options: { maxAgeMs?: number } = {},
): Promise<T> {
  const g = await currentRollupGeneration(db);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Lru(DASHBOARD_CACHE_ENTRIES)));
  const k = JSON.stringify([g.table, g.generation, key]);
  const hit = cache.get(k);
  const now = performance.now();
  if (hit && (options.maxAgeMs === undefined || now - hit.at <= options.maxAgeMs || !hit.settled)) {
    return hit.value as Promise<T>;
  }
  // Past its window with a refresh under way: the previous result until the new one is in.
  if (hit?.refreshing) return hit.value as Promise<T>;
  const lru = cache;
  const entry: Entry = { value: compute().then(deepFreeze), at: now, settled: false, refreshing: false };
  if (!hit) {
    cache.set(k, entry);
    entry.value.then(
      () => (entry.settled = true),
      () => lru.forget(k, entry),
    );
    return entry.value as Promise<T>;
  }
  // Past its window: the previous result is served until the new one is in (a failure keeps it).
  hit.refreshing = true;
  entry.value.then(
    () => {
      entry.settled = true;
      lru.set(k, entry);
    },
    () => (hit.refreshing = false),
  );
  return hit.value as Promise<T>;
}

/**
 * The brigades and police stations the dashboard's filters name, read once a minute per process (the
 * registry's admin edits them rarely; a province has hundreds of stations, and every filtered request
 * checks its station against them).
 */
export const DASHBOARD_UNITS_MAX_AGE_MS = 60_000;

export function cachedBrigades(db: Db): Promise<readonly { id: string; name_zh: string; name_en: string }[]> {
  return cachedOnRollups(
    db,
    ['brigades'],
    () => db.selectFrom('brigade').select(['id', 'name_zh', 'name_en']).orderBy('id').execute(),
    {
      maxAgeMs: DASHBOARD_UNITS_MAX_AGE_MS,
    },
  );
}

export function cachedPoliceStations(db: Db): Promise<readonly { id: string; name_zh: string; name_en: string }[]> {
  return cachedOnRollups(
    db,
    ['stations'],
    () => db.selectFrom('police_station').select(['id', 'name_zh', 'name_en']).orderBy('id').execute(),
    { maxAgeMs: DASHBOARD_UNITS_MAX_AGE_MS },
  );
}
