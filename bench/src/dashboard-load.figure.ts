import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROVINCE_LEADER_USERNAME } from '@supervise/db';
import { rawQuery, type TestDatabase } from '@supervise/db/testing';
import { rssMiB, startChild } from './child.js';
import { figure, type Figure } from './measure.js';
import { BENCH_TODAY } from './province.js';
import { DIST } from './reconcile-year.figure.js';

/** apps/web's production build (`node build`), as the browser tests start it. */
const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../apps/web');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A leader's session, made as the browser tests' harness makes one (second factor marked enrolled). */
async function leaderSession(t: TestDatabase): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const [user] = await rawQuery<{ id: string }>(
    t.db,
    `update app_user set totp_enabled_at = now(), totp_secret_enc = 'v1:unused', must_change_password = false
     where username = $1 returning id`,
    [PROVINCE_LEADER_USERNAME],
  );
  await rawQuery(t.db, `insert into user_session (id_hash, user_id, expires_at) values ($1, $2, now() + interval '2 hours')`, [
    createHash('sha256').update(token).digest('hex'),
    user!.id,
  ]);
  return token;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * Up to `requests` GETs of `url` by `clients` concurrent clients (each one after another), none begun
 * after `maxMs` (those under way finish); latencies sorted.
 */
async function load(url: string, cookie: string, clients: number, requests: number, maxMs: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const stopAt = performance.now() + maxMs;
  const client = async () => {
    while (next < requests && performance.now() < stopAt) {
      next++;
      const start = performance.now();
      const r = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      await r.arrayBuffer();
      times.push(performance.now() - start);
      if (r.status !== 200 && r.status !== 503) throw new Error(`bench: ${url} answered ${r.status}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return times.sort((a, b) => a - b);
}

/**
 * Issue 14 §2: the leader's dashboard (GET /api/v1/dashboard and the /dashboard page) on the province,
 * p50/p95/p99 at `clients` concurrent clients, against /healthz of the same server at the same
 * concurrency; and the web server's peak resident set under that load against its own idle one.
 */
export async function dashboardLoadFigures(
  t: TestDatabase,
  opts: { clients: number; requests: number; maxMs: number },
  log: (line: string) => void,
): Promise<Figure[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // startChild waits for `ready`: a tiny wrapper prints it once /healthz answers.
  const server = await startChild(join(DIST, 'web-child.js'), {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    ORIGIN: base,
    DATABASE_URL: t.url,
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SUPERVISE_TODAY: BENCH_TODAY,
    BENCH_WEB_DIR: WEB_DIR,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  try {
    const pid = Number(/pid (\d+)/.exec(server.log())![1]);
    const idle = rssMiB(pid);
    const cookie = `sid=${await leaderSession(t)}`;
    const warm = Math.min(20, opts.requests);
    const out: Figure[] = [];
    const healthz = await (async () => {
      await load(`${base}/healthz`, cookie, opts.clients, warm, opts.maxMs);
      return load(`${base}/healthz`, cookie, opts.clients, opts.requests, opts.maxMs);
    })();
    for (const [name, path] of [
      ['GET /api/v1/dashboard', '/api/v1/dashboard'],
      ['/dashboard page', '/dashboard'],
    ] as const) {
      log(`dashboard load: ${name} …`);
      await load(`${base}${path}`, cookie, opts.clients, opts.clients, opts.maxMs);
      const times = await load(`${base}${path}`, cookie, opts.clients, opts.requests, opts.maxMs);
      for (const p of [50, 95, 99])
        out.push(
          figure({
            name: `${name} p${p}`,
            what: `leader, ${opts.clients} concurrent clients, ${times.length} requests`,
            baseline: `/healthz p${p}, same server and load`,
            runs: times.length,
            medianMs: percentile(times, p),
            baselineMs: percentile(healthz, p),
            ...(p === 95 ? { goal: 'p95 ≤ 50 ms' } : {}),
          }),
        );
    }
    out.push(
      figure({
        name: 'web server peak RSS',
        what: `under the dashboard load (${opts.clients} clients)`,
        baseline: 'the same server idle after start',
        runs: 1,
        medianMs: rssMiB(pid).peak,
        baselineMs: idle.now,
        unit: 'MiB',
      }),
    );
    return out;
  } finally {
    await server.stop();
  }
}
