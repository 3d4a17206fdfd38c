import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import { createCaseFixture, type CaseFixture } from '@supervise/db/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness, rectificationFigures } from './harness.js';

/**
 * Issue 10 §3 in the browser, on the BUILT server at 390×844 (a phone): the demo district plus a
 * closed R03 inspection with a major hazard and two officers (SQL fixture). The case officer issues
 * the notice (R03: 15 days by default), serves it, asks for an extension; the leader approves it; the
 * officer records the unit's request for review and, on the review inspection, the opinion "passed".
 * The leader's dashboard then shows R03 with exactly one more completed (and due) rectification.
 */
const TODAY = '2026-11-27';
const PHONE = { width: 390, height: 844 };
const SCREENSHOT = process.env.CASE_SCREENSHOT ?? '/tmp/case.png';

let h: WebHarness;
let f: CaseFixture;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
      f = await createCaseFixture(t.db, {
        regime: 'R03',
        inspectedOn: TODAY,
        tag: 'e2e',
        password: DEMO_PASSWORD,
        description: `刹车记录缺失 <script>alert('x')</script> ' OR 1=1 --`,
      });
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

async function phone(username: string): Promise<Page> {
  const ctx = await h.browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login');
  return page;
}

const fitsPhone = async (page: Page) => {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  if (w > 390) {
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 391)
        .slice(0, 8)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    await page.screenshot({ path: '/tmp/case-wide.png', fullPage: true });
    console.log('too wide:', wide.join(' | '));
  }
  return w;
};

async function goto(page: Page, path: string): Promise<void> {
  await page.goto(`${h.base}${path}`, { waitUntil: 'networkidle' });
}

/** The R03 row's "completed / due" figures on the dashboard. */
/**
 * The R03 rectification figures of the leader's dashboard over the months the case's deadline (and
 * its extension) can fall in.
 */
const r03Figures = (page: Page) => rectificationFigures(page, h, 'R03', { from: '2026-11-01', to: '2027-01-31' });

describe('a rectification case on a phone', () => {
  it('issue → serve → extension approved by a leader → review passed; the dashboard counts one case', async () => {
    const leader = await phone('leader');
    const before = await r03Figures(leader);
    expect(Number.isFinite(before.completed) && Number.isFinite(before.due)).toBe(true);

    // The case officer issues the notice with the default deadline (R03: 15 days, 期间 clause).
    const officer = await phone(f.officers[0]!.username);
    await goto(officer, `/cases/${f.inspectionId}`);
    expect(await fitsPhone(officer)).toBeLessThanOrEqual(390);
    // Text is shown literally, never as markup.
    expect(await officer.getByTestId('hazard-description').textContent()).toBe(
      `刹车记录缺失 <script>alert('x')</script> ' OR 1=1 --`,
    );
    expect(await officer.getByTestId('case-policy').textContent()).toMatch(/15日/);
    const issueForm = officer.getByTestId('issue-form');
    expect(await issueForm.locator('input[name="deadlineOn"]').inputValue()).toBe('2026-12-14');
    await issueForm.locator('button[type="submit"]').click();
    await officer.getByTestId('notice-number').waitFor();
    const number = ((await officer.getByTestId('notice-number').textContent()) ?? '').trim();
    // The demo district already holds B-JJ notices of 2026: the counter continues after them.
    expect(number).toMatch(/^鹿公交限改字〔2026〕\d{4}号$/);
    expect(number).not.toBe('鹿公交限改字〔2026〕0001号');
    expect(await officer.getByTestId('notice-status').getAttribute('data-status')).toBe('open');

    // Served (time recorded), which freezes the document; the PDF carries the number.
    const serve = officer.getByTestId('serve-form');
    await serve.locator('input[name="servedAt"]').fill('2026-11-27T15:30');
    await serve.locator('button[type="submit"]').click();
    await officer.getByTestId('notice-frozen').waitFor();
    const href = (await officer.getByTestId('notice-pdf').getAttribute('href'))!;
    const pdf = await officer.request.get(`${h.base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(pdf.headers()['content-disposition'] ?? '')).toContain(`${number}.pdf`);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'case-pdf-'));
    writeFileSync(join(dir, 'n.pdf'), bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'n.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(number);
    expect(text).toContain('刹车记录缺失');

    // The officer asks for an extension to 2026-12-20 (within 30 days of the notice).
    await officer.locator('details:has([data-testid="extension-form"]) summary').click();
    const ext = officer.getByTestId('extension-form');
    await ext.locator('input[name="requestedDeadlineOn"]').fill('2026-12-20');
    await ext.locator('input[name="reason"]').fill('配件到货需要时间');
    await ext.locator('button[type="submit"]').click();
    await officer.locator('[data-testid="extension"][data-status="pending"]').waitFor();
    // The officer cannot approve (no approval form for an inspector).
    expect(await officer.getByTestId('decide-form').count()).toBe(0);

    // The leader approves it, before the original deadline.
    await goto(leader, `/cases/${f.inspectionId}`);
    expect(await fitsPhone(leader)).toBeLessThanOrEqual(390);
    await leader.getByTestId('approve').click();
    await leader.locator('[data-testid="extension"][data-status="approved"]').waitFor();
    expect(await leader.getByTestId('notice-deadline').textContent()).toMatch(/2026年12月20日/);

    // The unit asks for review: a review inspection is linked to the notice.
    await goto(officer, `/cases/${f.inspectionId}`);
    await officer.locator('details:has([data-testid="review-form"]) summary').click();
    await officer.getByTestId('review-form').locator('button[type="submit"]').click();
    await officer.getByTestId('review-link').waitFor();
    expect(await officer.getByTestId('notice-status').getAttribute('data-status')).toBe('review_requested');
    await officer.getByTestId('review-link').click();
    await officer.waitForURL(/\/reviews\/\d+$/);
    await officer.waitForLoadState('networkidle');
    expect(await fitsPhone(officer)).toBeLessThanOrEqual(390);
    // R03: within 5 working days of the request (2026-11-27 → 2026-12-04).
    expect(await officer.getByTestId('review-due').textContent()).toBe('2026年12月4日');
    expect(await officer.getByTestId('review-source').textContent()).toMatch(/R03/);

    // The review passes: the notice is completed.
    await officer.locator('input[name="opinion"][value="passed"]').check();
    await officer.locator('textarea[name="note"]').fill('已按要求整改，复查合格');
    await officer.getByTestId('opinion-submit').click();
    await officer.waitForURL(new RegExp(`/cases/${f.inspectionId}$`));
    await officer.waitForLoadState('networkidle');
    expect(await officer.getByTestId('notice-status').getAttribute('data-status')).toBe('completed');
    const kinds = await officer
      .locator('[data-testid="history"] li')
      .evaluateAll((li) => li.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['issued', 'served', 'extension_requested', 'extension_approved', 'review_requested', 'review_passed']);
    expect(await fitsPhone(officer)).toBeLessThanOrEqual(390);
    await officer.screenshot({ path: SCREENSHOT, fullPage: true });

    // The dashboard: R03 changed by exactly this case.
    const after = await r03Figures(leader);
    expect(after.completed - before.completed).toBe(1);
    expect(after.due - before.due).toBe(1);
  });

  it('the JSON API reads the frozen document and refuses what the case no longer allows; other brigades get 403', async () => {
    const officer = await phone(f.officers[1]!.username);
    const caseApi = await officer.request.get(`${h.base}/api/v1/rectifications/${await rectificationId()}`);
    expect(caseApi.status()).toBe(200);
    const r = (await caseApi.json()) as { status: string; documentId: number; number: string; deadlineInForce: string };
    expect(r).toMatchObject({ status: 'completed', deadlineInForce: '2026-12-20' });
    const doc = await officer.request.get(`${h.base}/api/v1/documents/${r.documentId}`);
    expect(doc.status()).toBe(200);
    expect(await doc.json()).toMatchObject({
      number: r.number,
      frozen: true,
      content: { number: r.number, deadlineOn: '2026-12-14' },
    });
    // Served once: a second service is refused (409) naming the state.
    const again = await officer.request.post(`${h.base}/api/v1/rectifications/${await rectificationId()}/serve`, {
      data: {},
      headers: { origin: h.base },
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('RECT_STATE');
    // A public-order inspector (B-ZA) may not read a traffic (R03) case.
    const other = await phone('inspector');
    const denied = await other.request.get(`${h.base}/cases/${f.inspectionId}`);
    expect(denied.status()).toBe(403);
    expect((await other.request.get(`${h.base}/documents/${r.documentId}.pdf`)).status()).toBe(403);
  });
});

async function rectificationId(): Promise<number> {
  const row = await h.t.db.selectFrom('rectification').select('id').where('hazard_id', '=', f.hazardId).executeTakeFirstOrThrow();
  return Number(row.id);
}
