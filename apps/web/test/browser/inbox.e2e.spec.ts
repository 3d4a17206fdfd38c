import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 9 §5 in the browser, on the BUILT server: the demo district (pinned to SUPERVISE_TODAY), one
 * real alert scan by the BUILT worker (`apps/worker/dist/main.js`, started as `npm start` starts it,
 * catching up at start), then the scheduler's inbox: one entry per alert, no raw obligation key,
 * readable lines with links, filter, paging, and an audited bulk acknowledgement.
 */
const TODAY = '2026-11-27';
const WORKER_MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../../worker/dist/main.js');
/** What the issue saw: planner keys such as `campaign:R09-SPECIAL:seal_engraver:2026:3`. */
const RAW_KEY = /(census|campaign|spot_check):R\d\d-|(obligation|rectification|inspection)\.\d+/;
const PAGE_SIZE = 50;

let h: WebHarness;
let schedulerId = 0;
const contexts: BrowserContext[] = [];

/** Runs the worker until its catch-up alert scan has finished (its own log says so), then stops it. */
async function scanOnceAsTheWorker(url: string): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: url,
    WORKER_CATCH_UP: 'true',
    WORKER_CONCURRENCY: '2',
    SUPERVISE_TODAY: TODAY,
  };
  if (process.env.REDIS_URL) {
    env.REDIS_URL = process.env.REDIS_URL;
    env.QUEUE_PREFIX = `inbox_e2e_${process.pid}_${Date.now()}`;
  }
  const worker: ChildProcess = spawn(process.execPath, [WORKER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        log += d.toString();
        if (log.includes('"msg":"alerts scanned"')) resolve();
      };
      worker.stdout?.on('data', onData);
      worker.stderr?.on('data', onData);
      worker.once('exit', (code) => reject(new Error(`worker exited (${code}) before scanning:\n${log}`)));
    });
  } finally {
    if (worker.exitCode === null) {
      worker.kill('SIGTERM');
      await Promise.race([once(worker, 'exit'), new Promise((r) => setTimeout(r, 20_000))]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
  }
  return log;
}

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
  await scanOnceAsTheWorker(h.appUrl);
  schedulerId = (await h.t.db.selectFrom('app_user').select('id').where('username', '=', 'scheduler').executeTakeFirstOrThrow())
    .id;
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

async function schedulerPage(): Promise<Page> {
  const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, 'scheduler', DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 60_000 });
  return page;
}

const inboxRows = () =>
  h.t.db
    .selectFrom('reminder as m')
    .innerJoin('alert as a', 'a.id', 'm.alert_id')
    .select(['m.id', 'a.id as alert_id', 'a.kind', 'a.subject', 'a.regime_code'])
    .where('m.channel', '=', 'inbox')
    .where('m.recipient_user_id', '=', schedulerId)
    .execute();

const entryIds = (page: Page) =>
  page.$$eval('[data-testid="inbox-select"]', (els) => els.map((e) => Number((e as HTMLInputElement).value)));

describe("the scheduler's inbox after one alert scan (issue 9 §5)", () => {
  it('holds one entry per alert, each a readable line with a link and no raw key', async () => {
    const rows = await inboxRows();
    expect(rows.length).toBeGreaterThan(PAGE_SIZE);
    const items = new Set(rows.map((r) => `${r.kind} ${r.subject}`));
    expect(items.size).toBe(rows.length);

    const page = await schedulerPage();
    await page.goto(`${h.base}/inbox`);
    expect(await page.getByTestId('inbox-total').textContent()).toContain(String(rows.length));
    const entries = page.getByTestId('inbox-entry');
    expect(await entries.count()).toBe(PAGE_SIZE);
    const text = (await page.getByTestId('inbox').textContent()) ?? '';
    expect(text).not.toMatch(RAW_KEY);
    // Every line names something and links to it (an entity's registry page or the plan).
    const subjects = await page.$$eval('[data-testid="inbox-subject"]', (els) =>
      els.map((e) => ({ text: e.textContent?.trim() ?? '', href: e.querySelector('a')?.getAttribute('href') ?? '' })),
    );
    for (const s of subjects) {
      expect(s.text.length).toBeGreaterThan(4);
      expect(s.href).toMatch(/^\/(registry\/[^/]+|plan\?regime=R\d\d&period=\d{4}-\d{2})$/);
    }
    expect(await page.getByTestId('inbox-group').count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/inbox-scheduler-1366.png', fullPage: false });

    // Paging: the next page holds the rest, none repeated.
    const first = await entryIds(page);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('page') === '2'), page.getByTestId('inbox-next').click()]);
    const second = await entryIds(page);
    expect(second.length).toBe(Math.min(PAGE_SIZE, rows.length - PAGE_SIZE));
    expect(second.filter((id) => first.includes(id))).toEqual([]);

    // A link leads to the item.
    const entityLink = page.locator('[data-testid="inbox-subject"] a[href^="/registry/"]').first();
    if ((await entityLink.count()) > 0) {
      const href = (await entityLink.getAttribute('href'))!;
      const r = await page.goto(`${h.base}${href}`);
      expect(r?.status()).toBe(200);
    }
    await page.close();
  });

  it('filters by kind, state and regime', async () => {
    const rows = await inboxRows();
    const byKind = new Map<string, number>();
    for (const r of rows) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
    // The kind with the fewest entries (fits one page).
    const [kind, n] = [...byKind.entries()].sort((a, b) => a[1] - b[1])[0]!;
    const page = await schedulerPage();
    await page.goto(`${h.base}/inbox`);
    await page.selectOption('select[name="kind"]', kind);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('kind') === kind),
      page.getByTestId('inbox-filter-apply').click(),
    ]);
    const kinds = await page.$$eval('[data-testid="inbox-entry"]', (els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds.length).toBe(Math.min(n, PAGE_SIZE));
    expect(new Set(kinds)).toEqual(new Set([kind]));

    const regime = rows[0]!.regime_code;
    await page.goto(`${h.base}/inbox?regime=${regime}&state=unread`);
    const regimes = await page.$$eval('[data-testid="inbox-entry"]', (els) => els.map((e) => e.getAttribute('data-regime')));
    expect(regimes.length).toBe(Math.min(PAGE_SIZE, rows.filter((r) => r.regime_code === regime).length));
    expect(new Set(regimes)).toEqual(new Set([regime]));
    // The inbox is read on a phone too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/inbox-scheduler-390.png' });
    await page.close();
  });

  it('acknowledges every entry of a page at once, one audit entry per alert', async () => {
    const page = await schedulerPage();
    await page.goto(`${h.base}/inbox?state=unread`);
    const ids = await entryIds(page);
    expect(ids.length).toBe(PAGE_SIZE);
    await page.getByTestId('inbox-select-all').check();
    await page.getByTestId('inbox-bulk-acknowledge').click();
    await page.getByTestId('inbox-acknowledged').waitFor();
    expect(await page.getByTestId('inbox-acknowledged').textContent()).toContain(String(PAGE_SIZE));
    await page.screenshot({ path: '/tmp/inbox-scheduler-after-ack.png' });

    const acknowledged = await h.t.db
      .selectFrom('reminder as m')
      .innerJoin('alert as a', 'a.id', 'm.alert_id')
      .select(['a.id', 'a.acknowledged_by'])
      .where('m.id', 'in', ids)
      .execute();
    expect(acknowledged.every((a) => a.acknowledged_by === schedulerId)).toBe(true);
    const audited = await h.t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_username', 'outcome', 'details'])
      .where('action', '=', 'alert.acknowledge')
      .execute();
    expect(audited.length).toBe(PAGE_SIZE);
    expect(new Set(audited.map((a) => Number(a.entity_id)))).toEqual(new Set(acknowledged.map((a) => a.id)));
    expect(audited.every((a) => a.actor_username === 'scheduler' && a.outcome === 'success')).toBe(true);
    expect(audited[0]!.details).toMatchObject({ via: 'web', bulk: PAGE_SIZE });

    // They left the unread filter.
    await page.goto(`${h.base}/inbox?state=unread`);
    const left = await entryIds(page);
    expect(left.filter((id) => ids.includes(id))).toEqual([]);
    await page.close();
  });
});
