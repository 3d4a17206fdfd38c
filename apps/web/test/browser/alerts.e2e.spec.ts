import { DEMO_PASSWORD, raiseAlert, seedDemo } from '@supervise/db';
import type { TestDatabase } from '@supervise/db/testing';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithTotp, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 4 §5–§6 in the browser, on the BUILT server: the inspector's in-app inbox (with the unread
 * count in the header) and the system administrator's queue page (403 for everyone else).
 */
let h: WebHarness;
const contexts: BrowserContext[] = [];

async function signedIn(username: string): Promise<BrowserContext> {
  const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  // Administrators enrol TOTP at first login (or give a code later): the harness does either.
  await loginWithTotp(page, h.base, username, DEMO_PASSWORD);
  await page.close();
  return ctx;
}

/** One late R14 notice alert for the demo inspector, raised as the scan would (inbox delivered on write). */
async function seed(t: TestDatabase): Promise<void> {
  await seedDemo(t.db, { today: '2026-11-27' });
  const user = await t.db.selectFrom('app_user').select(['id']).where('username', '=', 'inspector').executeTakeFirstOrThrow();
  const entity = await t.db
    .selectFrom('entity')
    .select(['id', 'brigade_id'])
    .where('regime_code', '=', 'R14')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const i = await t.db
    .insertInto('inspection')
    .values({
      entity_id: entity.id,
      regime_code: 'R14',
      trigger: 'patrol',
      planned_on: '2026-11-20',
      inspected_on: '2026-11-20',
      status: 'done',
      outcome: 'hazards_found',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  await raiseAlert(
    t.db,
    {
      kind: 'notice_late',
      subjectType: 'inspection',
      subjectId: i.id,
      level: 'inspector',
      regime: 'R14',
      brigadeId: entity.brigade_id,
      dueOn: '2026-11-25',
      detectedOn: '2026-11-27',
    },
    [
      {
        dedupKey: `notice_late.inspection.${i.id}.inspector.inbox.u${user.id}`,
        channel: 'inbox',
        recipientUserId: user.id,
        webhookEndpointId: null,
        notBefore: now,
      },
    ],
    now,
  );
}

beforeAll(async () => {
  h = await startWeb({ seed });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

describe('inbox and queue visibility', () => {
  it('the inspector sees the unread count and the entry, and acknowledges it', async () => {
    const ctx = await signedIn('inspector');
    const page = await ctx.newPage();
    await page.goto(`${h.base}/inbox`);
    expect(await page.getByTestId('inbox-unread').textContent()).toBe('1');
    const entry = page.getByTestId('inbox-entry');
    expect(await entry.count()).toBe(1);
    expect(await entry.getAttribute('data-kind')).toBe('notice_late');
    expect(await page.getByTestId('inbox-group').first().textContent()).toContain('整改通知书未在3个工作日内送达');
    await page.getByTestId('acknowledge').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="inbox-state"]')?.textContent?.includes('已确认'));
    await page.reload();
    expect(await page.getByTestId('inbox-unread').count()).toBe(0);
    await page.close();
  });

  it('another account sees an empty inbox', async () => {
    const ctx = await signedIn('leader');
    const page = await ctx.newPage();
    const r = await page.goto(`${h.base}/inbox`);
    expect(r?.status()).toBe(200);
    await page.getByTestId('inbox-empty').waitFor();
    await page.close();
  });

  it('/admin/queues shows per-queue counts and the schedulers to the system administrator', async () => {
    const ctx = await signedIn('sysadmin');
    const page = await ctx.newPage();
    const r = await page.goto(`${h.base}/admin/queues`);
    expect(r?.status()).toBe(200);
    expect(new URL(page.url()).pathname, h.log().slice(-2000)).toBe('/admin/queues');
    for (const q of ['maintenance', 'obligations', 'alerts']) {
      const row = page.locator(`[data-testid="queue-counts"] tr[data-queue="${q}"]`);
      expect(await row.locator('td[data-state="failed"]').textContent()).toMatch(/^\d+$/);
      expect(await row.locator('td[data-state="waiting"]').textContent()).toMatch(/^\d+$/);
    }
    expect(await page.getByTestId('reminder-counts').textContent()).toContain('inbox');
    await page.close();
  });

  it('/admin/queues is 403 for others, and its retry action too', async () => {
    for (const username of ['inspector', 'leader']) {
      const ctx = await signedIn(username);
      const get = await ctx.request.get(`${h.base}/admin/queues`);
      expect(get.status()).toBe(403);
      const post = await ctx.request.post(`${h.base}/admin/queues?/retry`, {
        form: { queue: 'alerts', jobId: 'x' },
        headers: { origin: h.base },
      });
      expect(post.status()).toBe(403);
    }
  });
});
