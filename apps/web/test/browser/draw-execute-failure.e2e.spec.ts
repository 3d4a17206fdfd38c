import { createHash } from 'node:crypto';
import { DEMO_PASSWORD, createCampaignDraw, recordDrawExecuteFailure, seedDemo } from '@supervise/db';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 14 §3 in the browser: a draw whose execution failed after its retries (the record the
 * use-case writes, `recordDrawExecuteFailure`; the failure itself is proven against a terminated
 * backend in packages/db `draw-execute-failure.int.spec.ts`) shows the scheduler why it is still
 * frozen, in Chinese and in English, at 1366 px; executing it again succeeds and the notice goes.
 */
const TODAY = '2026-11-27';
let h: WebHarness;
let drawId = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedDemo(t.db, { today: TODAY });
      const created = await createCampaignDraw(
        t.db,
        { id: null, username: 'cli:test', principal: null, via: 'cli' },
        {
          regime: 'R09',
          campaign: '2026 专项督察 第4次',
          today: TODAY,
          seedHex: createHash('sha256').update('browser-failure').digest('hex'),
        },
      );
      drawId = created.id;
      await recordDrawExecuteFailure(t.db, drawId, '57P01');
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

describe('a draw whose execution failed', () => {
  it('shows the failure on its page (zh-CN, then en) and executes on a new attempt', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
      contexts.push(ctx);
      const page = await ctx.newPage();
      await login(page, h.base, 'scheduler', DEMO_PASSWORD);
      await page.waitForURL((u) => u.pathname !== '/login');
      if (locale === 'en') await ctx.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: h.base }]);
      await page.goto(`${h.base}/draws/${drawId}`, { waitUntil: 'networkidle' });
      const notice = page.getByTestId('draw-execute-failed');
      await expect.poll(() => notice.isVisible()).toBe(true);
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain('57P01');
      expect(text).toContain(locale === 'en' ? 'failed' : '失败');
      await page.screenshot({ path: `${process.env.DRAWS_SCREENSHOT_DIR ?? '/tmp'}/draw-execute-failed-${locale}.png` });
      if (locale === 'en') {
        await page.fill('[data-testid="draw-execute"] input[name="beacon"]', '3 5 1 6 2');
        await Promise.all([
          page.getByTestId('draw-targets').waitFor(),
          page.click('[data-testid="draw-execute"] button[type="submit"]'),
        ]);
        const stored = await h.t.db.selectFrom('draw').select('status').where('id', '=', drawId).executeTakeFirstOrThrow();
        expect(stored.status).toBe('executed');
        await page.goto(`${h.base}/draws/${drawId}`, { waitUntil: 'networkidle' });
        expect(await page.getByTestId('draw-execute-failed').count()).toBe(0);
      }
    }
  });
});
