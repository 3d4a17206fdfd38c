import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../client.js';
import { createTestDatabase, statementRecorder, type TestDatabase } from '../testing/index.js';
import { createAccount } from './account.repository.js';
import { listenForChanges, type ChangeListener } from './change-listener.js';
import { findSessionCached, noteSessionTouched, SESSION_CACHE_MS } from './session-cache.js';
import { endSession, replaceUserSessions } from './session.repository.js';

// Issue 12/14 (migration 0032): the session check of every request is cached in the web process only
// while the database pushes revocations. A session ended, an account disabled, a role revoked — by any
// process — stops working as soon as the notification arrives, well before SESSION_CACHE_MS; with the
// listener down nothing is cached.
let t: TestDatabase;
let db: Database;
let listener: ChangeListener;
let userId: number;
const now = new Date('2026-11-27T02:00:00Z');

const { plugin: recorder, statements } = statementRecorder();

/** `check()` true within `ms` (polled); the time it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function newSession(hash: string): Promise<void> {
  await replaceUserSessions(t.db, { idHash: hash, userId, expiresAt: new Date(now.getTime() + 3_600_000), now });
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = createDb({ url: t.url, max: 2 }).withPlugin(recorder);
  userId = await createAccount(t.db, {
    username: 'cache-leader',
    displayName: '缓存测试',
    passwordHash: 'x',
    mustChangePassword: false,
    roles: [{ role: 'leader', brigadeId: null, stationId: null }],
    now,
  });
  // Reconnects after 3 s: the last test reads while it is down.
  listener = await listenForChanges(db, t.url, { pollMs: 60_000, retryMs: 3_000 });
});
afterAll(async () => {
  await listener?.stop();
  await db?.destroy();
  await t?.drop();
});

describe('the session cache', () => {
  it('a second lookup makes no round trip; an ended session is seen ended at once (another process ended it)', async () => {
    expect(listener.live).toBe(true);
    await newSession('a'.repeat(64));
    const first = await findSessionCached(db, 'a'.repeat(64));
    expect(first?.endedAt).toBeNull();
    statements.length = 0;
    expect((await findSessionCached(db, 'a'.repeat(64)))?.user.id).toBe(userId);
    expect(statements).toHaveLength(0);

    await endSession(t.db, 'a'.repeat(64), now);
    const took = await within(
      SESSION_CACHE_MS - 1_000,
      async () => (await findSessionCached(db, 'a'.repeat(64)))?.endedAt != null,
    );
    expect(took).toBeLessThan(SESSION_CACHE_MS);
  });

  it('a disabled account and a revoked role are seen at once; a touch keeps the cached last-seen in step', async () => {
    const hash = 'b'.repeat(64);
    await newSession(hash);
    expect((await findSessionCached(db, hash))?.user.roles.map((r) => r.role)).toEqual(['leader']);
    const later = new Date(now.getTime() + 120_000);
    noteSessionTouched(db, hash, later);
    expect((await findSessionCached(db, hash))?.lastSeenAt).toEqual(later);

    await sql`delete from user_role where user_id = ${userId}`.execute(t.db);
    await within(SESSION_CACHE_MS - 1_000, async () => (await findSessionCached(db, hash))?.user.roles.length === 0);

    await sql`update app_user set disabled_at = now() where id = ${userId}`.execute(t.db);
    await within(SESSION_CACHE_MS - 1_000, async () => (await findSessionCached(db, hash))?.user.disabled === true);
    await sql`update app_user set disabled_at = null where id = ${userId}`.execute(t.db);
  });

  it('a last activity moved back (the idle timeout reads it) is seen at once', async () => {
    const hash = 'd'.repeat(64);
    await newSession(hash);
    expect((await findSessionCached(db, hash))?.lastSeenAt).toEqual(now);
    const idle = new Date(now.getTime() - 3_600_000);
    await sql`update user_session set last_seen_at = ${idle} where id_hash = ${hash}`.execute(t.db);
    await within(
      SESSION_CACHE_MS - 1_000,
      async () => (await findSessionCached(db, hash))?.lastSeenAt.getTime() === idle.getTime(),
    );
  });

  it('with the listener down, nothing is cached: every lookup asks the database', async () => {
    const hash = 'c'.repeat(64);
    await newSession(hash);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'supervise-listen'`.execute(t.db);
    await within(10_000, async () => !listener.live);
    statements.length = 0;
    await findSessionCached(db, hash);
    await findSessionCached(db, hash);
    expect(statements.filter((s) => s.includes('user_session')).length).toBe(2);
    // Ended while the listener was down: seen at once, and still after it is back.
    await endSession(t.db, hash, now);
    expect((await findSessionCached(db, hash))?.endedAt).not.toBeNull();
    await within(10_000, async () => listener.live);
    expect((await findSessionCached(db, hash))?.endedAt).not.toBeNull();
  });
});
