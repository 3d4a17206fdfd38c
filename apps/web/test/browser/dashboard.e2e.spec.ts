import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, seedDemo } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Browser test: the BUILT server (`node build`) on its own database seeded with the demo district,
 * driven by Debian's Chromium. Build first: `pnpm exec turbo run build --filter=@supervise/web...`.
 */
const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = process.env.DASHBOARD_SCREENSHOT ?? '/tmp/dashboard.png';

let t: TestDatabase;
let server: ChildProcess;
let serverLog = '';
let browser: Browser;
let base: string;

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

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${serverLog}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      if (r.status === 200) return;
      last = `${r.status} ${await r.text()}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no healthy /healthz within ${timeoutMs} ms: ${last}\n${serverLog}`);
}

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}

/** Non-transparent pixels of the chart canvas, counted in the page. */
function paintedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="inspections-chart"] canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    // adapter-node otherwise assumes https (and would refuse our plain-http form posts as cross-site).
    ORIGIN: base,
    DATABASE_URL: t.url,
  };
  // Without REDIS_URL the queue check uses BullMQ's PostgreSQL backend in the same database.
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  server = spawn(process.execPath, ['build'], { cwd: WEB_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  await waitForHealth(`${base}/healthz`, 60_000);

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
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([once(server, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  await t?.drop();
});

describe('dashboard in the browser', () => {
  it('/healthz reports the database and the queue backend', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      status: 'ok',
      database: { reachable: true },
      queue: { backend: process.env.REDIS_URL ? 'redis' : 'postgres', reachable: true },
      worker: { lastBeatAt: null },
    });
  });

  it('sends a visitor without a session to the login page', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/dashboard`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await ctx.close();
  });

  it('answers a wrong password and an unknown account with the same generic error', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, 'leader', 'wrong-password');
    const wrong = page.getByTestId('login-error');
    await wrong.waitFor();
    expect(await wrong.textContent()).toBe('用户名或密码错误。');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await ctx.cookies()).find((c) => c.name === 'sid')).toBeUndefined();

    await login(page, 'no-such-user', 'wrong-password');
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toBe('用户名或密码错误。');
    await ctx.close();
  });

  it('logs the leader in and draws the chart from the database', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'leader', DEMO_PASSWORD);
    await page.waitForURL(`${base}/dashboard`);

    const sid = (await ctx.cookies()).find((c) => c.name === 'sid');
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });

    await expect.poll(() => paintedPixels(page), { timeout: 15_000 }).toBeGreaterThan(5_000);
    // One row per regime R01–R14 and the totals, with numbers from the seeded database.
    expect(await page.locator('[data-testid="regime-table"] tbody tr').count()).toBe(14);
    expect(Number((await page.getByTestId('kpi-entities').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('领导驾驶舱');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await ctx.close();
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, 'leader', DEMO_PASSWORD);
    await page.waitForURL(`${base}/dashboard`);
    const sid = (await ctx.cookies()).find((c) => c.name === 'sid');
    expect(sid).toBeDefined();

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    expect((await ctx.cookies()).find((c) => c.name === 'sid')).toBeUndefined();

    // Replay the old cookie: the server must refuse it.
    const replay = await fetch(`${base}/dashboard`, { headers: { cookie: `sid=${sid!.value}` }, redirect: 'manual' });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/login/);
    await ctx.close();
  });

  it('switches the interface to English and back', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, 'leader', DEMO_PASSWORD);
    await page.waitForURL(`${base}/dashboard`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Leadership dashboard');
    await page.getByRole('button', { name: '中文' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await ctx.close();
  });
});
