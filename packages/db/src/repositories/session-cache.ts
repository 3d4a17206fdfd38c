import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { changeListenerOf, type ChangeListener } from './change-listener.js';
import { findSessionWithUser, type SessionWithUser } from './session.repository.js';

/**
 * The session lookup of every signed-in request (two round trips: the session with its account, then
 * the role grants), cached in the process for at most SESSION_CACHE_MS, and ONLY while the handle's
 * change listener is live (listenForChanges, migration 0032). The database pushes every change that
 * must stop a cached session at once: any change of the session row it read (ended, cut short,
 * another stage, its last activity moved); its account disabled, its password, second factor, name or
 * officer changed; a role granted, changed or revoked. Each drops the entries concerned the moment the notification arrives (milliseconds after
 * the commit), whichever process wrote it. If the listener's connection drops, nothing is cached and
 * every lookup asks the database again; when it reconnects the cache starts empty.
 *
 * What the cache cannot see is only time: the caller still applies the idle and absolute timeouts to
 * the cached times at every request, and `noteSessionTouched` keeps the cached `lastSeenAt` in step
 * with its own writes. A lookup that raced a notification is not stored.
 */
export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 5_000;

interface Entry {
  session: SessionWithUser;
  at: number;
}

interface Cache {
  entries: Map<string, Entry>;
  /** Incremented by every invalidation: a lookup begun before one is not stored. */
  version: number;
}

const caches = new WeakMap<ChangeListener, Cache>();
/** Every cache of the process, for this process's own revocations (dropped before the NOTIFY comes back). */
const everyCache = new Set<Cache>();

function forget(cache: Cache, what: { idHash?: string; userId?: number }): void {
  cache.version++;
  if (what.idHash !== undefined) cache.entries.delete(what.idHash);
  if (what.userId !== undefined)
    for (const [k, e] of cache.entries) if (e.session.user.id === what.userId) cache.entries.delete(k);
}

/** Called by this process's writers that end sessions (session.repository.ts): no wait for the notification. */
export function forgetCachedSessions(what: { idHash?: string; userId?: number }): void {
  for (const c of everyCache) forget(c, what);
}

function cacheOf(l: ChangeListener): Cache {
  let c = caches.get(l);
  if (c) return c;
  const cache: Cache = { entries: new Map(), version: 0 };
  c = cache;
  caches.set(l, cache);
  everyCache.add(cache);
  const clear = () => {
    cache.version++;
    cache.entries.clear();
  };
  l.onReset(clear);
  l.onSession((payload) => {
    if (payload.startsWith('session:')) forget(cache, { idHash: payload.slice('session:'.length) });
    else if (payload.startsWith('user:')) forget(cache, { userId: Number(payload.slice('user:'.length)) });
    else clear();
  });
  return cache;
}

/** `findSessionWithUser`, from the cache when the listener is live and the entry is young enough. */
export async function findSessionCached(db: Kysely<DB>, idHash: string): Promise<SessionWithUser | undefined> {
  const l = changeListenerOf(db);
  if (!l?.live) return findSessionWithUser(db, idHash);
  const cache = cacheOf(l);
  const hit = cache.entries.get(idHash);
  const now = performance.now();
  if (hit && now - hit.at <= SESSION_CACHE_MS) return structuredClone(hit.session);
  const version = cache.version;
  const session = await findSessionWithUser(db, idHash);
  // Stored only if nothing was invalidated meanwhile and the listener is still live.
  if (session && l.live && cache.version === version) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(idHash, { session: structuredClone(session), at: now });
  }
  return session;
}

/** The caller wrote `last_seen_at = now` (touchSession): the cached copy follows. */
export function noteSessionTouched(db: Kysely<DB>, idHash: string, now: Date): void {
  const l = changeListenerOf(db);
  const e = l ? caches.get(l)?.entries.get(idHash) : undefined;
  if (e && e.session.lastSeenAt < now) e.session.lastSeenAt = now;
}
