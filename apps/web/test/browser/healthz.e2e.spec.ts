import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { createTestQueueBackend, type TestQueueBackend } from '@supervise/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type WebServer } from './harness.js';

/**
 * Issue 8 §3, an honest /healthz: the built web app and the built worker as separate processes, as
 * `npm start` and the compose file run them. 503 naming the worker until it has beaten, 200 once it
 * has, 503 again when it is killed and three of its beats are missed. The worker beats every second
 * here (WORKER_HEARTBEAT_MS) so that "three intervals" passes quickly; the rule itself is unit-tested
 * in src/lib/server/dashboard.spec.ts.
 */
const WORKER_MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../../worker/dist/main.js');

interface Health {
  status: string;
  failing: string[];
  worker: { alive: boolean; problem: string | null; intervalMs: number | null };
}

let t: TestDatabase;
let web: WebServer;
let queue: TestQueueBackend;
let worker: ChildProcess | undefined;
let workerLog = '';

async function health(): Promise<{ status: number; body: Health }> {
  const r = await fetch(`${web.base}/healthz`);
  return { status: r.status, body: (await r.json()) as Health };
}

/** Polls /healthz until `want` holds; generous, since the machine may be loaded. */
async function healthUntil(want: (h: { status: number; body: Health }) => boolean, what: string) {
  const until = Date.now() + 150_000;
  let last: { status: number; body: Health } | undefined;
  while (Date.now() < until) {
    last = await health();
    if (want(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: /healthz still ${JSON.stringify(last)}\nworker log:\n${workerLog}`);
}

beforeAll(async () => {
  expect(existsSync(WORKER_MAIN), `build the worker first (${WORKER_MAIN})`).toBe(true);
  t = await createTestDatabase();
  queue = createTestQueueBackend(process.env.REDIS_URL ? 'redis' : 'postgres', t.url);
  // The web app and the worker share the queue's prefix or schema; both connect as the apps' role.
  const cfg = queue.config;
  web = await startServer(t.url, cfg.kind === 'redis' ? { QUEUE_PREFIX: cfg.prefix! } : { QUEUE_SCHEMA: cfg.schema! });
});

afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await web?.stop();
  await queue?.cleanup();
  await t?.drop();
});

describe('/healthz with a worker process', () => {
  it('is 503 naming the worker before it has beaten', async () => {
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body.failing).toEqual(['worker']);
    expect(h.body.worker.problem).toBe('never_beaten');
  });

  it('/healthz/live answers 200 while /healthz is 503: liveness asks nothing of the worker or the database', async () => {
    const r = await fetch(`${web.base}/healthz/live`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'live' });
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('is 200 once the worker beats, and 503 (stale) after it is killed', async () => {
    const cfg = queue.config;
    worker = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: web.appUrl,
        ...(cfg.kind === 'redis' ? { REDIS_URL: cfg.url, QUEUE_PREFIX: cfg.prefix! } : { QUEUE_SCHEMA: cfg.schema! }),
        WORKER_ID: 'healthz-test',
        WORKER_HEARTBEAT_MS: '1000',
        WORKER_CATCH_UP: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (d: Buffer) => (workerLog += d.toString()));
    worker.stderr?.on('data', (d: Buffer) => (workerLog += d.toString()));

    const up = await healthUntil((h) => h.status === 200, 'the worker never made /healthz 200');
    expect(up.body).toMatchObject({ status: 'ok', failing: [], worker: { alive: true, problem: null, intervalMs: 1000 } });

    worker.kill('SIGKILL');
    await once(worker, 'exit');
    const down = await healthUntil((h) => h.status === 503, 'a killed worker left /healthz at 200');
    expect(down.body.failing).toEqual(['worker']);
    expect(down.body.worker.problem).toBe('stale');
  });
});
