import { DEMO_PASSWORD, refreshDashboardRollups, seedDemo } from '@supervise/db';
import { rawQuery, type TestDatabase } from '@supervise/db/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login as loginAt, startWeb, type WebHarness } from './harness.js';

/**
 * Browser test: the BUILT server (`node build`) on its own database seeded with the demo district,
 * driven by Debian's Chromium. Build first: `pnpm exec turbo run build --filter=@supervise/web...`.
 */
const SCREENSHOT = process.env.DASHBOARD_SCREENSHOT ?? '/tmp/dashboard.png';

let h: WebHarness;
let browser: Browser;
let base: string;

const login = (page: Page, username: string, password: string) => loginAt(page, base, username, password);

/** Polls `check` until it is true; fails after `ms`. */
async function until(ms: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
  h = await startWeb({ seed: (t: TestDatabase) => seedDemo(t.db, { today: '2026-11-27' }) });
  ({ browser, base } = h);
});

afterAll(async () => {
  await h?.stop();
});

describe('dashboard in the browser', () => {
  it('/healthz reports the database and the queue backend, and 503 while no worker has beaten', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({
      status: 'unavailable',
      failing: ['worker'],
      database: { reachable: true },
      queue: { backend: process.env.REDIS_URL ? 'redis' : 'postgres', reachable: true },
      worker: { alive: false, lastBeatAt: null, problem: 'never_beaten' },
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

    await expect.poll(() => paintedPixels(page), { timeout: 120_000 }).toBeGreaterThan(5_000);
    // One row per regime R01–R14 and the totals, with numbers from the seeded database.
    expect(await page.locator('[data-testid="regime-table"] tbody tr').count()).toBe(14);
    expect(await page.getByTestId('kpi-coverage').textContent()).toMatch(/%|—/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('领导驾驶舱');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await ctx.close();
  });

  it('the station filter suggests stations as the leader types, and takes an id or a full name', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await login(page, 'leader', DEMO_PASSWORD);
    await page.waitForURL(`${base}/dashboard`);
    // The page carries no station list (a province has hundreds); the field asks for matches.
    expect(await page.locator('#dashboard-stations option').count()).toBe(0);
    await page.getByTestId('dashboard-station').pressSequentially('铜冶');
    await expect.poll(() => page.locator('#dashboard-stations option').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('#dashboard-stations option').getAttribute('value')).toBe('PS-TY');
    expect(await page.locator('#dashboard-stations option').textContent()).toBe('铜冶派出所');

    // Picking the suggestion puts its id in the field; the page then names the station it shows.
    await page.getByTestId('dashboard-station').fill('PS-TY');
    await Promise.all([
      page.waitForURL(/station=PS-TY/),
      page.getByTestId('dashboard-filters').locator('button[type=submit]').click(),
    ]);
    expect(await page.getByTestId('dashboard-station-name').textContent()).toBe('铜冶派出所');
    const xlsx = await page.getByTestId('dashboard-xlsx').getAttribute('href');
    expect(xlsx).toContain('station=PS-TY');

    // A full name typed without picking is the same filter; a name no station has is refused, naming it.
    const byName = await page.request.get(`${base}/api/v1/dashboard?period=2026-11&station=${encodeURIComponent('铜冶派出所')}`);
    const byId = await page.request.get(`${base}/api/v1/dashboard?period=2026-11&station=PS-TY`);
    expect(byName.status()).toBe(200);
    expect(await byName.json()).toEqual(await byId.json());
    const unknown = await page.request.get(`${base}/dashboard?station=${encodeURIComponent('无此派出所')}`);
    expect(unknown.status()).toBe(400);
    expect(await unknown.text()).toContain('station=无此派出所');
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

  it('an inspection recorded since the worker’s last cycle: said so, then counted once the cycle ran (issue 12 §5)', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await login(page, 'leader', DEMO_PASSWORD);
    await page.waitForURL(`${base}/dashboard`);
    const done = async () => {
      const r = await page.request.get(`${base}/api/v1/dashboard?period=2026-11`);
      return ((await r.json()) as { totals: { inspectionsDone: number } }).totals.inspectionsDone;
    };
    const before = await done();
    expect(await page.getByTestId('dashboard-rollups-waiting').count()).toBe(0);

    // One of November's planned inspections done (the record itself is the field-work test's).
    const [changed] = await rawQuery<{ id: number }>(
      h.t.db,
      `update inspection set status = 'done', inspected_on = planned_on
        where id = (select min(id) from inspection where status = 'planned' and planned_on between '2026-11-01' and '2026-11-26')
        returning id`,
    );
    expect(changed).toBeDefined();
    // The note is read at most every 5 s (apps/web dashboard-page.ts): it shows within that window.
    const note = page.getByTestId('dashboard-rollups-waiting');
    await until(10_000, async () => (await page.reload(), (await note.count()) > 0));
    expect(await note.textContent()).toContain('部分最新变更尚未计入统计');
    expect(await done()).toBe(before);

    // The worker's cycle (no worker runs here), through the use-case its job calls. The server learns
    // of the new generation by NOTIFY (milliseconds): figures and note follow together.
    await refreshDashboardRollups(h.t.db);
    await until(2_000, async () => (await done()) === before + 1);
    await page.reload();
    expect(await note.count()).toBe(0);
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
