import { DEMO_PASSWORD, INLINE_DRAW_TASKS, seedDemo } from '@supervise/db';
import { rawQuery } from '@supervise/db/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startBuiltWorker, startWeb, type BuiltWorker, type WebHarness } from './harness.js';

/**
 * Issue 14 §2 in the browser: a draw larger than INLINE_DRAW_TASKS targets (the demo district topped
 * up with 7,200 hotels: 30 % is over 2,000) is published as soon as it is drawn, and the page says its
 * tasks are being created; the BUILT worker (`apps/worker/dist/main.js`), started only then, takes
 * the job the web app added after the execution and creates them, and the open page follows by itself
 * until the note is gone. Every target then has its task, with the officers of the record.
 */
const TODAY = '2026-11-27';
const EXTRA_HOTELS = 7200;

let h: WebHarness;
let worker: BuiltWorker | undefined;
const contexts: BrowserContext[] = [];
const queuePrefix = `e2e_drawtasks_${process.pid}`;

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedDemo(t.db, { today: TODAY });
      await rawQuery(
        t.db,
        `insert into entity (code, name, address, kind, regime_code, brigade_id, station_id, registered_on)
         select 'R09-E2E-' || lpad(n::text, 5, '0'), '抽查测试旅馆' || n, '测试路' || n || '号', 'hotel', 'R09', 'B-ZA',
                (select id from police_station order by id limit 1), date '2020-01-01'
         from generate_series(1, $1::int) as n`,
        [EXTRA_HOTELS],
      );
    },
    env: { SUPERVISE_TODAY: TODAY, ...(process.env.REDIS_URL ? { QUEUE_PREFIX: queuePrefix } : {}) },
  });
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await worker?.stop();
  await h?.stop();
});

describe('a province-size draw: published at once, its tasks created by the worker after it', () => {
  let scheduler: Page;
  let drawId: string;
  let k: number;

  it('the scheduler draws; the record is there and the page says the tasks are being created', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(ctx);
    scheduler = await ctx.newPage();
    await login(scheduler, h.base, 'scheduler', DEMO_PASSWORD);
    await scheduler.waitForURL((u) => u.pathname !== '/login');
    await scheduler.goto(`${h.base}/draws`, { waitUntil: 'networkidle' });
    await scheduler.fill('input[name="campaign"]', '2026 全省专项督察');
    await Promise.all([
      scheduler.waitForURL(/\/draws\/DRAW-\d{4}-\d{5}$/),
      scheduler.click('[data-testid="draw-create"] button[type="submit"]'),
    ]);
    drawId = decodeURIComponent(new URL(scheduler.url()).pathname.split('/').pop()!);
    await scheduler.fill('[data-testid="draw-execute"] input[name="beacon"]', '7 7 3');
    await Promise.all([
      scheduler.getByTestId('draw-targets').waitFor(),
      scheduler.click('[data-testid="draw-execute"] button[type="submit"]'),
    ]);
    const stored = await h.t.db.selectFrom('draw').selectAll().where('id', '=', drawId).executeTakeFirstOrThrow();
    k = stored.k!;
    expect(k).toBeGreaterThan(INLINE_DRAW_TASKS);
    expect([stored.status, stored.tasks_pending_from]).toEqual(['executed', 0]);
    // No worker yet: the record is published, its tasks owed.
    const note = scheduler.getByTestId('draw-tasks-pending');
    expect(await note.textContent()).toContain(`已生成 0 / ${k}`);
    expect(await scheduler.locator('[data-testid="draw-targets"] tbody tr').count()).toBe(100);
    await scheduler.screenshot({ path: '/tmp/draw-tasks-pending.png', fullPage: false });

    const list = await ctx.newPage();
    await list.goto(`${h.base}/draws`);
    expect(await list.locator('table').first().textContent()).toContain(`任务生成中（余 ${k} 个）`);
    await list.close();
  });

  it('the worker, started now, creates them; the open page follows by itself until the note is gone', async () => {
    worker = startBuiltWorker(h.appUrl, queuePrefix);
    await expect
      .poll(() => scheduler.getByTestId('draw-tasks-pending').count(), { timeout: 90_000, interval: 500 })
      .toBe(0)
      .catch((e: unknown) => {
        throw new Error(`${String(e)}\nworker log:\n${worker!.log()}`);
      });
    const [tasks] = await rawQuery<{ n: string; staffed: string }>(
      h.t.db,
      `select count(*) as n,
              count(*) filter (where (select count(*) from inspection_officer io where io.inspection_id = i.id) = 2) as staffed
       from inspection i where i.draw_id = $1 and i.status = 'planned'`,
      [drawId],
    );
    const unstaffed = (await h.t.db.selectFrom('draw').select('unstaffed').where('id', '=', drawId).executeTakeFirstOrThrow())
      .unstaffed!.length;
    expect(Number(tasks!.n)).toBe(k);
    expect(Number(tasks!.staffed)).toBe(k - unstaffed);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'draw.tasks')
      .where('entity_id', '=', drawId)
      .execute();
    expect(audit.map((a) => a.after)).toEqual([{ tasks: k, selected: k }]);
  });
});
