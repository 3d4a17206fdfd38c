import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, withDatabase, type Database } from '@supervise/db';
import { createTestDatabase, rawQuery, type TestDatabase } from '@supervise/db/testing';
import { createProducer, createQueueFactory } from '@supervise/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoleName, appUrlForStart, migrateQueueAsOwner } from './app-role.js';
import { parseEnv } from './env.js';

// Issue 15 §1, `npm start`: the owner migrates (BullMQ's schema too, on the PostgreSQL backend) and
// creates `<database>_app`; the web app and the worker get that role's URL, which works with the
// queue (no DDL needed at start) and cannot run DDL.
let t: TestDatabase;
let app: Database | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'sv-start-role-'));

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await app?.destroy();
  const role = appRoleName(t.url);
  await rawQuery(t.db, `drop owned by ${role}`).catch(() => undefined);
  await t?.drop();
  const server = createDb({ url: withDatabase(t.url, 'postgres'), max: 1 });
  await rawQuery(server, `drop role if exists ${role}`);
  await server.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('supervise start: the apps’ database role', () => {
  it('creates <database>_app with a stored password; its URL runs the queue and refuses DDL', async () => {
    const env = parseEnv({ DATABASE_URL: t.url, SUPERVISE_DATA_DIR: dataDir });
    const lines: string[] = [];
    await migrateQueueAsOwner(env, t.url);
    const url = await appUrlForStart(t.db, env, t.url, (l) => lines.push(l));
    expect(lines).toEqual([]);
    expect(decodeURIComponent(new URL(url).username)).toBe(`${t.name}_app`);
    const password = readFileSync(join(dataDir, 'app-db-password'), 'utf8').trim();
    expect(decodeURIComponent(new URL(url).password)).toBe(password);
    expect(statSync(join(dataDir, 'app-db-password')).mode & 0o777).toBe(0o600);
    // Again (the next start): the same role and password.
    expect(await appUrlForStart(t.db, env, t.url, (l) => lines.push(l))).toBe(url);

    app = createDb({ url, max: 1 });
    const [who] = await rawQuery<{ u: string; s: boolean }>(
      app,
      'select current_user as u, usesuper as s from pg_user where usename = current_user',
    );
    expect(who).toEqual({ u: `${t.name}_app`, s: false });
    await expect(rawQuery(app, 'create table intruder (id int)')).rejects.toMatchObject({ code: '42501' });
    await expect(rawQuery(app, 'alter table audit_log disable trigger all')).rejects.toMatchObject({ code: '42501' });
    await expect(rawQuery(app, 'create table bullmq.intruder (id int)')).rejects.toMatchObject({ code: '42501' });

    // The apps' queue (migrate: false) works on the schema the owner created.
    const factory = createQueueFactory({ kind: 'postgres', url });
    try {
      const added = await createProducer(factory).add('worker-heartbeat', { workerId: 'role-test', everyMs: 30_000 });
      expect(added.jobId).toBe('worker-heartbeat.role-test');
    } finally {
      await factory.close();
    }
  });
});
