import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, DEMO_PASSWORD, seedDemo, type Database } from '@supervise/db';
import { rawQuery } from '@supervise/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 15 (least privilege everywhere): the running web app and worker — started as `npm start` and
 * the compose file start them — connect as the apps' role, which cannot switch off the audit log's or
 * the 三权分立 triggers, cannot set `session_replication_role`, cannot create a table (in our schema
 * or in BullMQ's); and the system still works end to end under it (a login, a page, the worker's
 * heartbeat reaching /healthz).
 */
const WORKER_MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../../worker/dist/main.js');
const TODAY = '2026-11-27';

let h: WebHarness;
let worker: ChildProcess | undefined;
let workerLog = '';
let asApp: Database;

beforeAll(async () => {
  expect(existsSync(WORKER_MAIN), `build the worker first (${WORKER_MAIN})`).toBe(true);
  const prefix = `e2e_role_${process.pid}`;
  h = await startWeb({
    seed: (t) => seedDemo(t.db, { today: TODAY }),
    env: { SUPERVISE_TODAY: TODAY, ...(process.env.REDIS_URL ? { QUEUE_PREFIX: prefix } : {}) },
  });
  worker = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: h.appUrl,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: prefix } : {}),
      WORKER_ID: prefix.replace(/_/g, '-'),
      WORKER_HEARTBEAT_MS: '1000',
      WORKER_CATCH_UP: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout?.on('data', (d: Buffer) => (workerLog += d.toString()));
  worker.stderr?.on('data', (d: Buffer) => (workerLog += d.toString()));
  asApp = createDb({ url: h.appUrl, max: 1, applicationName: 'supervise-role-probe' });
});

afterAll(async () => {
  await asApp?.destroy();
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await Promise.race([once(worker, 'exit'), new Promise((r) => setTimeout(r, 15_000))]);
    if (worker.exitCode === null) worker.kill('SIGKILL');
  }
  await h?.stop();
});

const refusal = async (q: Promise<unknown>) => {
  const e = await q.then(
    () => null,
    (err: unknown) => err as { code?: string },
  );
  expect(e, 'the statement was allowed').not.toBeNull();
  return e!.code;
};

describe('the running apps’ database role', () => {
  it('works end to end: the worker beats (/healthz 200), a scheduler logs in and opens the registry', async () => {
    const until = Date.now() + 150_000;
    let status = 0;
    let body = '';
    while (Date.now() < until && status !== 200) {
      const r = await fetch(`${h.base}/healthz`);
      [status, body] = [r.status, await r.text()];
      if (status !== 200) await new Promise((r) => setTimeout(r, 300));
    }
    expect(status, `${body}\nworker log:\n${workerLog}`).toBe(200);
    const page = await (await h.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await login(page, h.base, 'scheduler', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.goto(`${h.base}/registry`);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('is the one role of both apps’ connections: not the owner, not a superuser, owning nothing', async () => {
    const rows = await rawQuery<{ application_name: string; usename: string }>(
      h.t.db,
      `select distinct application_name, usename from pg_stat_activity
       where datname = current_database() and application_name in ('supervise-web', 'supervise-worker')
       order by application_name`,
    );
    const role = decodeURIComponent(new URL(h.appUrl).username);
    expect(rows).toEqual([
      { application_name: 'supervise-web', usename: role },
      { application_name: 'supervise-worker', usename: role },
    ]);
    const [owner] = await rawQuery<{ u: string }>(h.t.db, 'select current_user as u');
    expect(role).not.toBe(owner!.u);
    const attrs = await rawQuery<{ rolsuper: boolean; rolcreaterole: boolean; owned: number }>(
      h.t.db,
      `select rolsuper, rolcreaterole, (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
       from pg_roles r where rolname = $1`,
      [role],
    );
    expect(attrs[0]).toEqual({ rolsuper: false, rolcreaterole: false, owned: 0 });
  });

  it('cannot disable a trigger, set session_replication_role, or create a table', async () => {
    // 42501 insufficient_privilege ("must be owner of table", "permission denied").
    const run = (text: string) => rawQuery(asApp, text);
    expect(await refusal(run('alter table audit_log disable trigger all'))).toBe('42501');
    expect(await refusal(run('alter table user_role disable trigger all'))).toBe('42501');
    expect(await refusal(run('set session_replication_role = replica'))).toBe('42501');
    expect(await refusal(run('create table intruder (id int)'))).toBe('42501');
    if (!process.env.REDIS_URL) expect(await refusal(run('create table bullmq.intruder (id int)'))).toBe('42501');
    expect(await refusal(run('delete from audit_log'))).toBe('42501');
  });
});
