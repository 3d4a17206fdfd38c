import {
  endSession,
  endUserSessions,
  findAccountByUsername,
  findActiveAccountById,
  findSessionWithUser,
  replaceUserSessions,
  touchSession,
} from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionToken, newSessionToken, sessionExpiry, sessionState } from '../src/lib/server/session.js';

// Against the real PostgreSQL, on a database of its own cloned from the migrated template.
let t: TestDatabase;
let userId: number;
const policy = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insertInto('brigade').values({ id: 'zhian', name_zh: '治安管理大队', name_en: 'Public Order Brigade' }).execute();
  const u = await t.db
    .insertInto('app_user')
    .values({ username: 'wang', display_name: '王警官', password_hash: '$argon2id$dummy' })
    .returning('id')
    .executeTakeFirstOrThrow();
  userId = u.id;
  await t.db
    .insertInto('user_role')
    .values([
      { user_id: userId, role: 'scheduler', brigade_id: 'zhian' },
      { user_id: userId, role: 'leader' },
    ])
    .execute();
});

afterAll(async () => {
  await t?.drop();
});

describe('account repository', () => {
  it('finds a user by username with role grants, and nothing for an unknown name', async () => {
    const a = await findAccountByUsername(t.db, 'wang');
    expect(a).toMatchObject({ id: userId, displayName: '王警官', passwordHash: '$argon2id$dummy', disabledAt: null });
    expect(a?.roles).toEqual([
      { role: 'leader', brigadeId: null, stationId: null },
      { role: 'scheduler', brigadeId: 'zhian', stationId: null },
    ]);
    expect(await findAccountByUsername(t.db, 'nobody')).toBeUndefined();
    expect((await findActiveAccountById(t.db, userId))?.username).toBe('wang');
  });
});

describe('session repository', () => {
  it('stores only the token hash and resolves it to the user and roles', async () => {
    const token = newSessionToken();
    const idHash = hashSessionToken(token);
    const now = new Date('2026-11-27T01:00:00Z');
    await replaceUserSessions(t.db, {
      idHash,
      userId,
      now,
      expiresAt: sessionExpiry(now, policy),
      ip: '127.0.0.1',
      userAgent: 'test',
    });

    const stored = await t.db.selectFrom('user_session').selectAll().execute();
    expect(stored.map((s) => s.id_hash)).toContain(idHash);
    expect(JSON.stringify(stored)).not.toContain(token);

    const s = await findSessionWithUser(t.db, idHash);
    expect(s?.user).toMatchObject({ id: userId, username: 'wang', disabled: false });
    expect(s?.user.roles.map((r) => r.role)).toEqual(['leader', 'scheduler']);
    expect(s && sessionState(s, new Date('2026-11-27T01:10:00Z'), policy)).toBe('active');
    expect(await findSessionWithUser(t.db, hashSessionToken(newSessionToken()))).toBeUndefined();
  });

  it('touch moves last_seen_at forward only, which the idle timeout reads', async () => {
    const idHash = hashSessionToken(newSessionToken());
    const now = new Date('2026-11-27T02:00:00Z');
    await replaceUserSessions(t.db, { idHash, userId, now, expiresAt: sessionExpiry(now, policy) });
    await touchSession(t.db, idHash, new Date('2026-11-27T02:20:00Z'));
    await touchSession(t.db, idHash, new Date('2026-11-27T02:05:00Z'));
    const s = await findSessionWithUser(t.db, idHash);
    expect(s?.lastSeenAt.toISOString()).toBe('2026-11-27T02:20:00.000Z');
    expect(s && sessionState(s, new Date('2026-11-27T02:45:00Z'), policy)).toBe('active');
    expect(s && sessionState(s, new Date('2026-11-27T02:50:00Z'), policy)).toBe('idle_timeout');
  });

  it('ending is idempotent and an ended session is never revived', async () => {
    const idHash = hashSessionToken(newSessionToken());
    const now = new Date('2026-11-27T03:00:00Z');
    await replaceUserSessions(t.db, { idHash, userId, now, expiresAt: sessionExpiry(now, policy) });
    expect(await endSession(t.db, idHash, new Date('2026-11-27T03:01:00Z'))).toBe(true);
    expect(await endSession(t.db, idHash, new Date('2026-11-27T03:02:00Z'))).toBe(false);
    await touchSession(t.db, idHash, new Date('2026-11-27T03:03:00Z'));
    const s = await findSessionWithUser(t.db, idHash);
    expect(s?.endedAt?.toISOString()).toBe('2026-11-27T03:01:00.000Z');
    expect(s?.lastSeenAt.toISOString()).toBe('2026-11-27T03:00:00.000Z');
    expect(s && sessionState(s, new Date('2026-11-27T03:04:00Z'), policy)).toBe('ended');
  });

  it('ends all live sessions of a user', async () => {
    const now = new Date('2026-11-27T03:50:00Z');
    await replaceUserSessions(t.db, {
      idHash: hashSessionToken(newSessionToken()),
      userId,
      now,
      expiresAt: sessionExpiry(now, policy),
    });
    const n = await endUserSessions(t.db, userId, new Date('2026-11-27T04:00:00Z'));
    expect(n).toBe(1);
    const live = await t.db.selectFrom('user_session').select('id_hash').where('ended_at', 'is', null).execute();
    expect(live).toHaveLength(0);
  });
});
