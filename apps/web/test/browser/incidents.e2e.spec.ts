import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, createAccount, hashPassword, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 13 §5 in the browser, on the BUILT server: a cyber-security inspector records an incident on
 * a phone (390 px) — a bad time is named and nothing stored —, the brigade's scheduler (1366 px) opens
 * the case's inspection (two officers) and, once it is done, closes the case; another brigade's
 * scheduler cannot see it.
 */
const TODAY = '2026-11-25';
/** Screenshots of the pages as their users see them (ISSUE13_SCREENSHOTS, default /tmp/issue13). */
const SHOTS = process.env.ISSUE13_SCREENSHOTS ?? '/tmp/issue13';
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 900 };

let h: WebHarness;
const contexts: BrowserContext[] = [];
let entityCode = '';
let officerCode = '';
let caseId = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
      for (const [username, role] of [
        ['wa_inspector', 'inspector'],
        ['wa_scheduler', 'scheduler'],
      ] as const)
        await createAccount(t.db, {
          username,
          displayName: username,
          passwordHash: await hashPassword(DEMO_PASSWORD),
          mustChangePassword: false,
          roles: [{ role, brigadeId: 'B-WA', stationId: null }],
          now: new Date(),
        });
      await t.db
        .updateTable('officer')
        .set({ credential_no: 'E2E-CRED', credential_expires_on: '2030-12-31' })
        .where('brigade_id', '=', 'B-WA')
        .execute();
      const e = await t.db
        .selectFrom('entity')
        .select('code')
        .where('regime_code', '=', 'R12')
        .where('status', '=', 'active')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      entityCode = e.code;
      const o = await t.db
        .selectFrom('officer')
        .select('code')
        .where('brigade_id', '=', 'B-WA')
        .where('station_id', 'is', null)
        .where('active', '=', true)
        .orderBy('code')
        .executeTakeFirstOrThrow();
      officerCode = o.code;
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

async function pageAs(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const ctx = await h.browser.newContext({ viewport, locale: 'zh-CN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 120_000 });
  return page;
}

const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const caseCount = async () => (await h.t.db.selectFrom('supervision_case').select('id').execute()).length;

async function fillIncident(page: Page, occurredAt: string) {
  await page.goto(`${h.base}/incidents`, { waitUntil: 'networkidle' });
  await page.selectOption('[data-testid="incident-regime"]', 'R12');
  await page.selectOption('[data-testid="incident-method"]', 'technical');
  await page.fill('[data-testid="incident-entity"]', entityCode);
  await page.fill('[data-testid="incident-place"]', '鹿泉区某单位机房');
  await page.fill('[data-testid="incident-occurred"]', occurredAt);
  await page.fill('[data-testid="incident-what"]', '技术检测发现该单位信息系统存在高危漏洞未修复。');
  await page.click('[data-testid="incident-submit"]');
}

describe('an R12 incident becomes a case, its inspection and a closed case (issue 13 §5)', () => {
  it('is recorded by an inspector on a phone; a time after today is named and nothing is stored', async () => {
    const inspector = await pageAs('wa_inspector', PHONE);
    const before = await caseCount();
    await fillIncident(inspector, '2026-11-26T09:30');
    const err = inspector.getByTestId('incident-error');
    await err.waitFor();
    expect(await err.getAttribute('data-field')).toBe('occurredAt');
    expect(await err.textContent()).toContain('时间不能晚于今天');
    expect(await caseCount()).toBe(before);
    // The form and the list fit a phone.
    expect(await fits(inspector)).toBe(true);
    await fillIncident(inspector, '2026-11-24T09:30');
    await inspector.waitForURL(/\/incidents\/\d+$/);
    caseId = Number(new URL(inspector.url()).pathname.split('/').pop());
    expect(await inspector.getByTestId('incident-number').textContent()).toMatch(/案件 AJ2026-\d{6}/);
    expect(await inspector.getByTestId('incident-source').textContent()).toContain('技术手段检测');
    expect(await fits(inspector)).toBe(true);
    await inspector.screenshot({ path: join(SHOTS, 'incident-phone.png'), fullPage: true });
    // The inspector records; opening the inspection is the scheduler's.
    expect(await inspector.getByTestId('incident-open').count()).toBe(0);
  });

  it('gets its inspection of two officers from the scheduler, and closes once it is done', async () => {
    const scheduler = await pageAs('wa_scheduler', DESK);
    await scheduler.goto(`${h.base}/incidents/${caseId}`, { waitUntil: 'networkidle' });
    await scheduler.fill('[data-testid="incident-officer"]', officerCode);
    await scheduler.click('[data-testid="incident-open"]');
    await scheduler.getByTestId('incident-inspection-link').waitFor();
    const inspectionId = Number((await scheduler.getByTestId('incident-inspection-link').getAttribute('href'))!.split('/').pop());
    expect(await scheduler.getByTestId('incident-case-file-link').getAttribute('href')).toBe(`/cases/${inspectionId}`);
    const officers = await h.t.db
      .selectFrom('inspection_officer')
      .select('officer_id')
      .where('inspection_id', '=', inspectionId)
      .execute();
    expect(officers).toHaveLength(2);
    // Not done yet: the close is refused in words.
    await scheduler.fill('[data-testid="incident-conclusion-text"]', '已督促整改。');
    await scheduler.click('[data-testid="incident-close"]');
    await scheduler.getByTestId('incident-error').waitFor();
    expect(await scheduler.getByTestId('incident-error').textContent()).toContain('检查尚未完成');
    // The inspection record itself is tested in case.e2e; here it is marked done as it would leave it.
    await h.t.db.updateTable('inspection').set({ status: 'done', inspected_on: TODAY }).where('id', '=', inspectionId).execute();
    await scheduler.reload({ waitUntil: 'networkidle' });
    await scheduler.fill('[data-testid="incident-conclusion-text"]', '漏洞已修复，结案。');
    await scheduler.click('[data-testid="incident-close"]');
    await scheduler.getByTestId('incident-conclusion').waitFor();
    expect(await scheduler.getByTestId('incident-status').textContent()).toContain('已结案');
    expect(await fits(scheduler)).toBe(true);
    await scheduler.screenshot({ path: join(SHOTS, 'incident-desk.png'), fullPage: true });
    await scheduler.goto(`${h.base}/incidents`, { waitUntil: 'networkidle' });
    expect(await scheduler.locator(`[data-case-id="${caseId}"]`).textContent()).toContain('已结案');
  });

  it('is not found for another brigade’s scheduler', async () => {
    const za = await pageAs('scheduler', DESK);
    expect((await za.goto(`${h.base}/incidents/${caseId}`))?.status()).toBe(404);
    await za.goto(`${h.base}/incidents`, { waitUntil: 'networkidle' });
    expect(await za.locator(`[data-case-id="${caseId}"]`).count()).toBe(0);
  });
});
