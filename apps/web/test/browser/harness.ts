import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refreshDashboardRollups } from '@supervise/db';
import { createTestAppRole, createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { migrateQueueBackend } from '@supervise/queue';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The browser tests' harness: a database of its own (cloned from the migrated template), the BUILT
 * server (`node build`) on a free port, and Debian's Chromium. Build first:
 * `pnpm exec turbo run build --filter=@supervise/web...`.
 */
const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WebHarness {
  t: TestDatabase;
  base: string;
  /** The test database as the apps' least-privilege role: start a worker with it. */
  appUrl: string;
  browser: Browser;
  log: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Waits until the server answers /healthz with its database and queue backend reachable. The worker's
 * part is not awaited: browser tests run the web app alone, so /healthz stays 503 for the worker.
 */
async function waitForHealth(server: ChildProcess, url: string, timeoutMs: number, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${log()}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      last = `${r.status} ${await r.text()}`;
      const failing = (JSON.parse(last.slice(4)) as { failing?: string[] }).failing ?? [];
      if (failing.every((part) => part === 'worker')) return;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no database and queue on /healthz within ${timeoutMs} ms: ${last}\n${log()}`);
}

export interface WebServer {
  base: string;
  /** The database URL the server runs with: the apps' least-privilege role (issue 15). */
  appUrl: string;
  log: () => string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop: () => Promise<void>;
}

/**
 * The BUILT web app (`node build`) on a free port, on the given database; resolves once it serves.
 * As in production (issue 15), `databaseUrl` is the owner's: BullMQ's schema is created with it
 * (when there is no Redis), and the server connects as a least-privilege role of its own (DML only,
 * dropped on stop).
 */
export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<WebServer> {
  if (!process.env.REDIS_URL) {
    await migrateQueueBackend({
      kind: 'postgres',
      url: databaseUrl,
      ...(extraEnv.QUEUE_SCHEMA ? { schema: extraEnv.QUEUE_SCHEMA } : {}),
    });
  }
  const role = await createTestAppRole(databaseUrl, extraEnv.QUEUE_SCHEMA ? { queueSchema: extraEnv.QUEUE_SCHEMA } : {});
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    // adapter-node otherwise assumes https (and would refuse our plain-http form posts as cross-site).
    ORIGIN: base,
    DATABASE_URL: role.url,
    // Required (issue 15: no fallback key outside NODE_ENV=test): a fresh one per server.
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...extraEnv,
  };
  // Without REDIS_URL the queue check uses BullMQ's PostgreSQL backend in the same database.
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  let serverLog = '';
  const server = spawn(process.execPath, ['build'], { cwd: WEB_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await Promise.race([once(server, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await role.drop();
  };
  try {
    await waitForHealth(server, `${base}/healthz`, 180_000, () => serverLog);
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, appUrl: role.url, log: () => serverLog, stop };
}

/** `seed` fills the fresh database before the server starts; `env` adds variables (e.g. SUPERVISE_TODAY). */
export async function startWeb(options: {
  seed: (t: TestDatabase) => Promise<unknown>;
  env?: Record<string, string>;
}): Promise<WebHarness> {
  const t = await createTestDatabase();
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await server?.stop();
    await t.drop();
  };
  try {
    await options.seed(t);
    // The browser tests run no worker: its cycle, once, brings the dashboard's rollups current with
    // whatever the seed wrote (issue 12 §5), through the use-case the worker's job calls.
    await refreshDashboardRollups(t.db);
    server = await startServer(t.url, options.env);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    patientContexts(browser);
    return { t, base: server.base, appUrl: server.appUrl, browser, log: server.log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The BUILT worker (`apps/worker/dist/main.js`), as `npm start` starts it. */
export const WORKER_MAIN = join(WEB_DIR, '../worker/dist/main.js');

export interface BuiltWorker {
  log: () => string;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop: () => Promise<void>;
}

/**
 * Starts the built worker on `databaseUrl` (the harness's `appUrl`). With Redis (REDIS_URL), jobs are
 * under `queuePrefix`, which the web server must be given as QUEUE_PREFIX too (else the web's jobs wait
 * where no worker of this run reads); without it both use the database's queue.
 */
export function startBuiltWorker(databaseUrl: string, queuePrefix: string, extraEnv: Record<string, string> = {}): BuiltWorker {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    WORKER_ID: queuePrefix.replace(/_/g, '-'),
    WORKER_CONCURRENCY: '2',
    ...extraEnv,
  };
  if (process.env.REDIS_URL) {
    env.REDIS_URL = process.env.REDIS_URL;
    env.QUEUE_PREFIX = queuePrefix;
  }
  const worker: ChildProcess = spawn(process.execPath, [WORKER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  worker.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  worker.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  return {
    log: () => log,
    stop: async () => {
      if (worker.exitCode !== null) return;
      worker.kill('SIGTERM');
      await Promise.race([once(worker, 'exit'), new Promise((r) => setTimeout(r, 15_000))]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    },
  };
}

/**
 * Playwright waits 30 s for an action or a navigation by default: a loaded 2-core machine (CI, three
 * suites at once) can take longer to render a page. Every context the tests open waits longer; a
 * timeout only bites when something is wrong.
 */
function patientContexts(browser: Browser): void {
  const open = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await open(options);
    ctx.setDefaultTimeout(120_000);
    ctx.setDefaultNavigationTimeout(180_000);
    return ctx;
  };
}

export async function login(page: Page, base: string, username: string, password: string): Promise<void> {
  // Wait for the scripts too: filled before hydration, the inputs can be reset to the server's values
  // (then the `required` fields stop the submit and nothing happens) on a busy machine.
  await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}

/**
 * A live session for a seeded account, written straight into the database, for an administrator
 * whose login would otherwise stop at the second factor (tested in test/matrix and the login tests):
 * marks TOTP enrolled and returns the `sid` cookie's value.
 */
export async function sessionTokenFor(t: TestDatabase, username: string): Promise<string> {
  const user = await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const now = new Date();
  await t.db
    .updateTable('app_user')
    .set({ totp_enabled_at: now, totp_secret_enc: 'v1:unused' })
    .where('id', '=', user.id)
    .execute();
  await t.db
    .updateTable('user_session')
    .set({ ended_at: now })
    .where('user_id', '=', user.id)
    .where('ended_at', 'is', null)
    .execute();
  const token = randomBytes(32).toString('base64url');
  await t.db
    .insertInto('user_session')
    .values({
      id_hash: createHash('sha256').update(token).digest('hex'),
      user_id: user.id,
      expires_at: new Date(now.getTime() + 3_600_000),
    })
    .execute();
  return token;
}

/** The TOTP secrets the browser tests enrolled, by server and username, and the last step each used. */
const enrolled = new Map<string, { secret: string; lastStep: number }>();

const PERIOD_MS = 30_000;

/**
 * A code for `secret` computed with `otpauth` (SHA-1, 6 digits, 30 s, as the server), at a time step
 * later than `lastStep`: the server refuses a step already used, so this waits for the next one.
 */
async function freshCode(secret: string, lastStep: number): Promise<{ code: string; step: number }> {
  let step = Math.floor(Date.now() / PERIOD_MS);
  if (step <= lastStep) {
    await new Promise((r) => setTimeout(r, (lastStep + 1) * PERIOD_MS - Date.now() + 200));
    step = Math.floor(Date.now() / PERIOD_MS);
  }
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return { code: totp.generate({ timestamp: step * PERIOD_MS }), step };
}

/**
 * On the TOTP enrolment page (`/account/totp`): reads the secret shown, computes the code with
 * `otpauth`, submits it and waits to leave the page. Remembers the secret for later logins.
 */
export async function enrolTotp(page: Page, base: string, username: string): Promise<string> {
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  if (!/^[A-Z2-7]{16,}$/.test(secret)) throw new Error(`no TOTP secret on ${page.url()}: ${secret}`);
  const { code, step } = await freshCode(secret, -1);
  await page.fill('input[name="code"]', code);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/account/totp'), page.click('form[action="?/enrol"] button')]);
  enrolled.set(`${base} ${username}`, { secret, lastStep: step });
  return secret;
}

/**
 * Logs in through the real login page and whatever step follows it: TOTP enrolment (the administrators'
 * first login), or the TOTP code of an account this harness enrolled. Returns the page's final path.
 */
export async function loginWithTotp(page: Page, base: string, username: string, password: string): Promise<string> {
  await login(page, base, username, password);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 180_000 });
  let path = new URL(page.url()).pathname;
  if (path === '/account/totp') {
    await enrolTotp(page, base, username);
  } else if (path === '/login/totp') {
    const known = enrolled.get(`${base} ${username}`);
    if (!known) throw new Error(`${username} has a second factor this harness did not enrol`);
    const { code, step } = await freshCode(known.secret, known.lastStep);
    known.lastStep = step;
    await page.fill('input[name="code"]', code);
    await Promise.all([
      page.waitForURL((u) => u.pathname !== '/login/totp'),
      page.click('main form:not([action="/logout"]) button[type="submit"]'),
    ]);
  }
  path = new URL(page.url()).pathname;
  return path;
}

/**
 * A regime's rectification figures as the leader's dashboard gives them (GET /api/v1/dashboard, the
 * page's own use-case) for a custom period: `due` = notices whose deadline in force falls in it and
 * has come (or that are completed), `completed` = those completed on time. The dashboard reads the
 * rollups, which the worker brings current within a cycle; with no worker here, that cycle runs
 * first, once, through the worker's own use-case.
 */
export async function rectificationFigures(
  page: Page,
  h: Pick<WebHarness, 'base' | 't'>,
  regime: string,
  period: { from: string; to: string },
): Promise<{ completed: number; due: number }> {
  await refreshDashboardRollups(h.t.db);
  const r = await page.request.get(`${h.base}/api/v1/dashboard?from=${period.from}&to=${period.to}`);
  if (r.status() !== 200) throw new Error(`GET /api/v1/dashboard: ${r.status()}`);
  const body = (await r.json()) as { regimes: { regime: string; rectification: { done: number; of: number } }[] };
  const row = body.regimes.find((x) => x.regime === regime);
  if (!row) throw new Error(`${regime} is not on the dashboard`);
  return { completed: row.rectification.done, due: row.rectification.of };
}
