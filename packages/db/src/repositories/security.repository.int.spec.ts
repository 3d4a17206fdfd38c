import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { addRoleGrant, consumeTotpStep, createAccount, findAccountById, listAccounts } from './account.repository.js';
import { auditBatches, loginHistory, recordAudit, searchAudit } from './audit.repository.js';
import { claimThrottleAttempt, readThrottle } from './login-throttle.repository.js';
import { findSessionWithUser, replaceUserSessions } from './session.repository.js';

// Against the real PostgreSQL, on a database of its own cloned from the migrated template.
let t: TestDatabase;
let userId: number;
const now = new Date('2026-05-01T08:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insertInto('brigade').values({ id: 'B-JJ', name_zh: '交通警察大队', name_en: 'Traffic' }).execute();
  userId = await createAccount(t.db, {
    username: 'zhang',
    displayName: '张警官',
    passwordHash: '$argon2id$dummy',
    mustChangePassword: true,
    roles: [{ role: 'scheduler', brigadeId: 'B-JJ', stationId: null }],
    now,
  });
});
afterAll(async () => {
  await t?.drop();
});

describe('audit log', () => {
  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the trigger', async () => {
    const id = await recordAudit(t.db, {
      action: 'user.create',
      actorUsername: 'secadmin',
      entityType: 'app_user',
      entityId: userId,
      after: { a: 1 },
    });
    await expect(sql`update audit_log set action = 'x' where id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    const rows = await t.db.selectFrom('audit_log').selectAll().where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.create', entity_id: String(userId), after: { a: 1 } });
  });

  it('rolls back with the write it records (same transaction)', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { action: 'test.rollback' });
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    expect((await searchAudit(t.db, { action: 'test.rollback' }, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('searches by time range, actor and action prefix, and exports in batches', async () => {
    for (let i = 0; i < 5; i++) {
      await recordAudit(t.db, {
        action: 'auth.login',
        outcome: i < 3 ? 'failure' : 'success',
        actorUsername: 'Zhang',
        actorId: userId,
        at: new Date(now.getTime() + i * 60_000),
        ip: '10.0.0.' + i,
      });
    }
    const r = await searchAudit(
      t.db,
      { actor: 'zhang', action: 'auth.', from: now, to: new Date(now.getTime() + 3 * 60_000) },
      { limit: 2, offset: 0 },
    );
    expect(r.total).toBe(3);
    expect(r.rows.map((x) => x.ip)).toEqual(['10.0.0.2', '10.0.0.1']);
    const batches: number[] = [];
    for await (const b of auditBatches(t.db, { action: 'auth.login' }, 2)) batches.push(b.length);
    expect(batches).toEqual([2, 2, 1]);
  });

  it('tells a user the previous login and the failures since', async () => {
    await recordAudit(t.db, {
      action: 'auth.login',
      outcome: 'failure',
      actorId: userId,
      at: new Date(now.getTime() + 10 * 60_000),
    });
    const h = await loginHistory(t.db, userId, new Date(now.getTime() + 11 * 60_000));
    expect(h.previous?.ip).toBe('10.0.0.4');
    expect(h.failuresSince).toBe(1);
    expect((await listAccounts(t.db)).find((a) => a.id === userId)?.lastLoginAt).toEqual(new Date(now.getTime() + 4 * 60_000));
  });
});

describe('三权分立 in the database', () => {
  it('refuses a second administrative role on one account, even bypassing the app', async () => {
    const admin = await createAccount(t.db, {
      username: 'sec',
      displayName: 'S',
      passwordHash: 'x',
      mustChangePassword: false,
      roles: [{ role: 'security_admin', brigadeId: null, stationId: null }],
      now,
    });
    await expect(addRoleGrant(t.db, admin, { role: 'audit_admin', brigadeId: null, stationId: null })).rejects.toThrow(
      /separation of duties/,
    );
    await expect(addRoleGrant(t.db, admin, { role: 'system_admin', brigadeId: null, stationId: null })).rejects.toThrow(
      /separation of duties/,
    );
    // Issue 9 §6 (migration 0012): no business role on an administrator's account, and the other way round.
    await expect(addRoleGrant(t.db, admin, { role: 'leader', brigadeId: null, stationId: null })).rejects.toThrow(
      /business role and an administrative role/,
    );
    await expect(addRoleGrant(t.db, userId, { role: 'audit_admin', brigadeId: null, stationId: null })).rejects.toThrow(
      /business role and an administrative role/,
    );
    await addRoleGrant(t.db, userId, { role: 'leader', brigadeId: null, stationId: null });
    expect((await findAccountById(t.db, admin))?.roles.map((r) => r.role)).toEqual(['security_admin']);
    expect((await findAccountById(t.db, userId))?.roles.map((r) => r.role)).toEqual(['leader', 'scheduler']);
  });
});

describe('login throttle counters', () => {
  it('counts attempts atomically per key and restarts after the window', async () => {
    const W = 15 * 60_000;
    await Promise.all(Array.from({ length: 6 }, () => claimThrottleAttempt(t.db, ['account:zhang', 'address:10.0.0.9'], now, W)));
    let m = await readThrottle(t.db, ['account:zhang', 'address:10.0.0.9', 'account:none']);
    expect(m.get('account:zhang')).toEqual({ windowStart: now, failures: 6 });
    expect(m.has('account:none')).toBe(false);
    const later = new Date(now.getTime() + W);
    await claimThrottleAttempt(t.db, ['account:zhang'], later, W);
    m = await readThrottle(t.db, ['account:zhang']);
    expect(m.get('account:zhang')).toEqual({ windowStart: later, failures: 1 });
  });
});

describe('sessions and TOTP steps', () => {
  it('keeps one live session per account', async () => {
    const base = { userId, expiresAt: new Date(now.getTime() + 3_600_000), now };
    await replaceUserSessions(t.db, { ...base, idHash: 'a'.repeat(64) });
    expect(await replaceUserSessions(t.db, { ...base, idHash: 'b'.repeat(64), stage: 'totp' })).toBe(1);
    expect((await findSessionWithUser(t.db, 'a'.repeat(64)))?.endedAt).toEqual(now);
    const live = await findSessionWithUser(t.db, 'b'.repeat(64));
    expect(live).toMatchObject({ endedAt: null, stage: 'totp', user: { mustChangePassword: true, totpEnabled: false } });
    // The partial unique index refuses a second live row even without the repository.
    await expect(
      t.db
        .insertInto('user_session')
        .values({ id_hash: 'c'.repeat(64), user_id: userId, expires_at: base.expiresAt })
        .execute(),
    ).rejects.toThrow(/user_session_one_live/);
  });

  it('uses up a TOTP time step once', async () => {
    expect(await consumeTotpStep(t.db, userId, 100)).toBe(true);
    expect(await consumeTotpStep(t.db, userId, 100)).toBe(false);
    expect(await consumeTotpStep(t.db, userId, 99)).toBe(false);
    expect(await consumeTotpStep(t.db, userId, 101)).toBe(true);
  });
});
