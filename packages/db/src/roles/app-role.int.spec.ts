import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '../client.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { createEntity } from '../repositories/registry-admin.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { grantAppRole } from './app-role.js';

// Issue 15 (high, deployment): connected as the app role, the append-only audit log and the 三权分立
// trigger cannot be switched off, and the use-cases' writes still work.
let t: TestDatabase;
let app: Database;
const role = `supervise_app_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('base64url');

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  await grantAppRole(t.db, role, { password });
  const url = new URL(t.url);
  url.username = role;
  url.password = password;
  app = createDb({ url: url.toString(), max: 2 });
});
afterAll(async () => {
  await app?.destroy();
  if (!t) return;
  // Roles are cluster-wide: its grants go with the test's database, the role itself is dropped from
  // the server's maintenance database.
  await sql`drop owned by ${sql.id(role)}`.execute(t.db);
  const server = new URL(t.url);
  server.pathname = '/postgres';
  await t.drop();
  const admin = createDb({ url: server.toString(), max: 1 });
  try {
    await sql`drop role if exists ${sql.id(role)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
});

const refused = async (q: Promise<unknown>) => {
  const e = await q.then(
    () => null,
    (err: unknown) => err as { code?: string },
  );
  expect(e, 'the statement was allowed').not.toBeNull();
  return e!.code;
};

describe('the app role', () => {
  it('cannot disable the audit log’s triggers, nor the 三权分立 trigger', async () => {
    // 42501 insufficient_privilege: "must be owner of table".
    expect(await refused(sql`alter table audit_log disable trigger all`.execute(app))).toBe('42501');
    expect(await refused(sql`alter table user_role disable trigger all`.execute(app))).toBe('42501');
  });

  it('cannot set session_replication_role (which skips every trigger)', async () => {
    expect(await refused(sql`set session_replication_role = replica`.execute(app))).toBe('42501');
  });

  it('cannot run DDL, nor update or delete the audit log', async () => {
    expect(await refused(sql`create table intruder (id int)`.execute(app))).toBe('42501');
    expect(await refused(sql`drop table audit_log`.execute(app))).toBe('42501');
    expect(await refused(sql`delete from audit_log`.execute(app))).toBe('42501');
    expect(await refused(sql`truncate audit_log`.execute(app))).toBe('42501');
  });

  it('is not a superuser and owns nothing', async () => {
    const r = await sql<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; owned: number }>`
      select rolsuper, rolcreaterole, rolcreatedb,
             (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where rolname = ${role}`.execute(t.db);
    expect(r.rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, owned: 0 });
  });

  it('does the use-cases’ writes: an entity created (history by trigger), an audit entry appended', async () => {
    const station = await app.selectFrom('police_station').select('id').orderBy('id').executeTakeFirstOrThrow();
    const actor = { id: null, username: 'system', principal: null, via: 'cli' as const };
    await createEntity(
      app,
      {
        code: 'T-ROLE-0001',
        regime_code: 'R09',
        kind: 'hotel',
        name: '角色测试旅馆',
        licence_no: null,
        address: '鹿泉区测试路1号',
        brigade_id: 'B-ZA',
        station_id: station.id,
        contact_name: null,
        contact_phone: null,
        vehicle_counts: null,
        risk_grade: 'low',
        status: 'active',
        registered_on: '2021-03-04',
        closed_on: null,
      },
      actor,
    );
    const history = await app
      .selectFrom('entity_history')
      .innerJoin('entity', 'entity.id', 'entity_history.entity_id')
      .select('entity_history.op')
      .where('entity.code', '=', 'T-ROLE-0001')
      .execute();
    expect(history).toHaveLength(1);
    expect(await recordAudit(app, { actorId: null, actorUsername: 'system', action: 'test.app_role' })).toBeGreaterThan(0);
  });
});
