import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRectificationDeadline, getRegime, plusDays } from '@supervise/core';
import { DEMO_PASSWORD, createAccount, hashPassword, loadCalendar, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import { smallPng } from '@supervise/db/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness, rectificationFigures } from './harness.js';

/**
 * Issue 10 "Done when", as ONE story through the UI of the BUILT server at 390×844 (a phone). The
 * fixture (SQL, as a roster would leave it) is the demo district, a passenger-transport firm (R03,
 * traffic brigade) and today's inspection of it rostered to two traffic officers with accounts.
 * Then only pages: the first officer logs in and lands on My tasks, opens today's task, fills the
 * checklist with one failing item and a MAJOR hazard with a photo, the second officer confirms with
 * their own credentials, the unit head signs on the canvas, the record closes; on the case page the
 * notice is issued with the engine's default deadline (R03: 15 days, 期间 clause) and served; its
 * PDF (the page's link) shows the firm, the hazard and that date; an extension is asked for and a
 * leader (another browser) approves it; the unit asks for review, the review inspection (from My
 * tasks) passes and the case is completed. The leader's dashboard counts exactly this one case for
 * R03, and the firm's file lists inspection, hazard, notice and review. No page the officer sees
 * scrolls sideways; the hostile hazard text is shown literally everywhere.
 */
const TODAY = '2026-11-27';
const PHONE = { width: 390, height: 844 };
const HOSTILE = `车辆动态监控报警未处置 <script>alert(1)</script> ' OR 1=1 --`;
const FIRM = '鹿泉区顺达旅游客运有限公司';
const FIRM_CODE = 'T-R03-FLOW';
const OFFICERS = [
  { code: '9FLOW01', name: '王建国', username: 'wang.jianguo', password: 'Str0ng-Passw0rd!1' },
  { code: '9FLOW02', name: '刘志强', username: 'liu.zhiqiang', password: 'Str0ng-Passw0rd!2' },
] as const;
const R03_CHECKLIST = getRegime('R03').checklist.map((c) => c.id);
const FAILING = R03_CHECKLIST[0]!;

let h: WebHarness;
let inspectionId = 0;
let expectedDeadline = '';
const contexts: BrowserContext[] = [];
const visited: Record<string, number> = {};

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
      const officerIds: number[] = [];
      for (const o of OFFICERS) {
        const off = await t.db
          .insertInto('officer')
          .values({
            code: o.code,
            name: o.name,
            brigade_id: 'B-JJ',
            credential_no: `JY${o.code}`,
            credential_expires_on: '2099-12-31',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const userId = await createAccount(t.db, {
          username: o.username,
          displayName: o.name,
          passwordHash: await hashPassword(o.password),
          mustChangePassword: false,
          roles: [{ role: 'inspector', brigadeId: 'B-JJ', stationId: null }],
          now: new Date(),
        });
        await t.db.updateTable('app_user').set({ officer_id: off.id }).where('id', '=', userId).execute();
        officerIds.push(Number(off.id));
      }
      const entity = await t.db
        .insertInto('entity')
        .values({
          code: FIRM_CODE,
          regime_code: 'R03',
          kind: 'two_passenger_one_hazard',
          name: FIRM,
          address: '鹿泉区获鹿镇胜利北街88号',
          brigade_id: 'B-JJ',
          contact_name: '赵经理',
          registered_on: '2020-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const insp = await t.db
        .insertInto('inspection')
        .values({ entity_id: entity.id, regime_code: 'R03', trigger: 'spot_check', planned_on: TODAY, status: 'planned' })
        .returning('id')
        .executeTakeFirstOrThrow();
      inspectionId = Number(insp.id);
      await t.db
        .insertInto('inspection_officer')
        .values(officerIds.map((officer_id) => ({ inspection_id: inspectionId, officer_id, assigned_by: 'roster' })))
        .execute();
      // The date the engine will propose: R03's 15 days from today, by the statutory calendar stored.
      expectedDeadline = defaultRectificationDeadline(await loadCalendar(t.db), 'R03', TODAY)!;
    },
    env: { SUPERVISE_TODAY: TODAY, BODY_SIZE_LIMIT: '25M' },
  });
}, 900_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

/** 2026-12-14 → 2026年12月14日 (how pages and notices write a day in Chinese). */
const zhDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

async function newPhone(): Promise<Page> {
  const ctx = await h.browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
  contexts.push(ctx);
  return ctx.newPage();
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await login(page, h.base, username, password);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 180_000 });
  await page.waitForLoadState('networkidle');
}

/** Records the page's width under its path and fails naming what sticks out past 390 px. */
async function fitsPhone(page: Page): Promise<void> {
  const path = new URL(page.url()).pathname;
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  visited[path] = Math.max(visited[path] ?? 0, width);
  const wide =
    width > PHONE.width
      ? await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > 391)
            .slice(0, 8)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
        )
      : [];
  expect(width, `${path}: ${wide.join(' | ')}`).toBeLessThanOrEqual(PHONE.width);
}

/** Submits a form of the inspection record and waits until its result is applied. */
async function submitRecord(page: Page, formTestId: string, action: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().includes(`?/${action}`) && r.request().method() === 'POST'),
    page.getByTestId(formTestId).locator('button[type="submit"]').last().click(),
  ]);
  await page.waitForSelector('[data-testid="inspection-record"][aria-busy="false"]');
}

/**
 * The R03 rectification figures of the leader's dashboard over the months the case's deadline (and
 * its extension) can fall in.
 */
const r03Figures = (page: Page) => rectificationFigures(page, h, 'R03', { from: '2026-11-01', to: '2027-01-31' });

describe('field work on a phone, from My tasks to a closed case (issue 10)', () => {
  it('one inspection of an R03 firm: record → notice → extension → review passed; the dashboard counts it once', async () => {
    // The leader's figures before anything happens.
    const leader = await newPhone();
    await logIn(leader, 'leader', DEMO_PASSWORD);
    const before = await r03Figures(leader);

    // 1. The first officer logs in on the phone and lands on My tasks, today's task on top.
    const officer = await newPhone();
    await officer.goto(`${h.base}/login`, { waitUntil: 'networkidle' });
    await fitsPhone(officer);
    await logIn(officer, OFFICERS[0].username, OFFICERS[0].password);
    expect(new URL(officer.url()).pathname).toBe('/tasks');
    await fitsPhone(officer);
    const task = officer.getByTestId('tasks-group-today').locator(`[data-task-id="${inspectionId}"]`);
    expect(await task.getByTestId('task-link').textContent()).toBe(FIRM);
    expect(await task.getByTestId('task-partner').textContent()).toContain(OFFICERS[1].name);
    await Promise.all([officer.waitForURL(new RegExp(`/inspections/${inspectionId}$`)), task.getByTestId('task-link').click()]);
    await officer.waitForLoadState('networkidle');
    await officer.getByTestId('inspection-record').waitFor();
    await fitsPhone(officer);

    // 2. The checklist with one failing item.
    for (const item of R03_CHECKLIST)
      await officer.check(`input[name="result_${item}"][value="${item === FAILING ? 'fail' : 'pass'}"]`);
    await officer.fill(`input[name="note_${FAILING}"]`, '动态监控平台报警无人处置');
    await submitRecord(officer, 'checklist-form', 'checklist');
    await officer.getByTestId('saved-checklist').waitFor();

    // 3. A MAJOR hazard on that item, with a photo from the "camera"; its text is hostile.
    await officer.check('[data-testid="hazard-form"] input[name="severity"][value="major"]');
    await officer.fill('[data-testid="hazard-form"] textarea[name="description"]', HOSTILE);
    await officer.selectOption('[data-testid="hazard-form"] select[name="itemKey"]', FAILING);
    await officer.setInputFiles('[data-testid="hazard-form"] input[type="file"]', [
      { name: 'IMG_0001.png', mimeType: 'image/png', buffer: smallPng() },
    ]);
    await submitRecord(officer, 'hazard-form', 'hazard');
    await officer.getByTestId('hazard-description').first().waitFor();
    expect(await officer.getByTestId('hazard-description').first().textContent()).toBe(HOSTILE);
    await officer.waitForFunction(() => {
      const i = document.querySelector<HTMLImageElement>('[data-testid="hazard-list"] img');
      return !!i && i.complete && i.naturalWidth === 2;
    });
    await fitsPhone(officer);

    // 4. Both officers confirm: the first on the record, the second with their own credentials.
    await submitRecord(officer, 'confirm-form', 'confirm');
    await officer.fill('[data-testid="second-form"] input[name="username"]', OFFICERS[1].username);
    await officer.fill('[data-testid="second-form"] input[name="password"]', OFFICERS[1].password);
    await submitRecord(officer, 'second-form', 'second');
    await officer.getByTestId('saved-second').waitFor();
    expect(await officer.getByTestId(`confirmed-${OFFICERS[1].code}`).textContent()).toContain('已确认');

    // 5. The unit head signs on the canvas (a finger drawn across it), then the record closes.
    await officer.check('[data-testid="signature-form"] input[name="status"][value="signed"]');
    await officer.fill('[data-testid="signature-form"] input[name="signerName"]', '赵经理');
    const pad = officer.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await officer.mouse.move(box.x + 20, box.y + box.height / 2);
    await officer.mouse.down();
    for (let i = 1; i <= 12; i++)
      await officer.mouse.move(box.x + 20 + i * 20, box.y + box.height / 2 + (i % 2 ? 25 : -25), { steps: 3 });
    await officer.mouse.up();
    await officer.waitForFunction(() =>
      (document.querySelector<HTMLInputElement>('input[name="signaturePng"]')?.value ?? '').startsWith('data:image/png;base64,'),
    );
    await submitRecord(officer, 'signature-form', 'signature');
    expect(await officer.getByTestId('signature-status').textContent()).toContain('赵经理');
    // R03 规范执法: the whole inspection is recorded on audio/video; the officer says so on closing.
    await officer.check('[data-testid="close-form"] input[name="audioVideoRecorded"]');
    await submitRecord(officer, 'close-form', 'close');
    await officer.waitForSelector('[data-testid="record-closed"], [data-testid="refusal-close"]');
    expect(await officer.getByTestId('refusal-close').count(), await officer.locator('main').innerText()).toBe(0);
    expect(await officer.getByTestId('hazard-description').first().textContent()).toBe(HOSTILE);
    await fitsPhone(officer);

    // 6. The case page: the notice with the engine's default deadline, issued and served.
    await Promise.all([officer.waitForURL(new RegExp(`/cases/${inspectionId}$`)), officer.getByTestId('case-link').click()]);
    await officer.waitForLoadState('networkidle');
    await fitsPhone(officer);
    expect(await officer.getByTestId('hazard-description').textContent()).toBe(HOSTILE);
    const issueForm = officer.getByTestId('issue-form');
    expect(await issueForm.locator('input[name="deadlineOn"]').inputValue()).toBe(expectedDeadline);
    await issueForm.locator('button[type="submit"]').click();
    await officer.getByTestId('notice-number').waitFor();
    const number = ((await officer.getByTestId('notice-number').textContent()) ?? '').trim();
    expect(number).toMatch(/^鹿公交限改字〔2026〕\d{4}号$/);
    expect(await officer.getByTestId('notice-deadline').textContent()).toContain(zhDay(expectedDeadline));
    const serve = officer.getByTestId('serve-form');
    await serve.locator('input[name="servedAt"]').fill(`${TODAY}T16:00`);
    await serve.locator('button[type="submit"]').click();
    await officer.getByTestId('notice-frozen').waitFor();
    await fitsPhone(officer);

    // 7. The notice's PDF, fetched from the page's own link with the officer's session.
    const href = (await officer.getByTestId('notice-pdf').getAttribute('href'))!;
    const pdf = await officer.request.get(new URL(href, officer.url()).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'field-work-pdf-'));
    writeFileSync(join(dir, 'notice.pdf'), await pdf.body());
    // -layout: without it pdftotext drops a hyphen that ends a line (the `--` ending the hazard).
    const pdfText = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'notice.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, '');
    expect(pdfText).toContain(number);
    expect(pdfText).toContain(FIRM);
    expect(pdfText).toContain(HOSTILE.replace(/\s+/g, ''));
    expect(pdfText).toContain(`现责令你单位于${zhDay(expectedDeadline)}前整改完毕`);
    // The record's date is the bureau's date, as the notice's.
    expect(pdfText).toContain(`于${zhDay(TODAY)}对你单位进行监督检查`);

    // 8. An extension asked for on the phone, approved by a leader in another browser.
    const extendedTo = plusDays(expectedDeadline, 6);
    await officer.locator('details:has([data-testid="extension-form"]) summary').click();
    const ext = officer.getByTestId('extension-form');
    await ext.locator('input[name="requestedDeadlineOn"]').fill(extendedTo);
    await ext.locator('input[name="reason"]').fill('车载终端更换需等待厂家供货');
    await ext.locator('button[type="submit"]').click();
    await officer.locator('[data-testid="extension"][data-status="pending"]').waitFor();
    await fitsPhone(officer);
    await leader.goto(`${h.base}/cases/${inspectionId}`, { waitUntil: 'networkidle' });
    await leader.getByTestId('approve').click();
    await leader.locator('[data-testid="extension"][data-status="approved"]').waitFor();
    expect(await leader.getByTestId('notice-deadline').textContent()).toContain(zhDay(extendedTo));

    // 9. The unit reports the work done and asks for review; the review inspection is the officers' task.
    await officer.goto(`${h.base}/cases/${inspectionId}`, { waitUntil: 'networkidle' });
    expect(await officer.getByTestId('notice-deadline').textContent()).toContain(zhDay(extendedTo));
    await officer.locator('details:has([data-testid="review-form"]) summary').click();
    await officer.getByTestId('review-form').locator('button[type="submit"]').click();
    await officer.getByTestId('review-link').waitFor();
    expect(await officer.getByTestId('notice-status').getAttribute('data-status')).toBe('review_requested');
    await fitsPhone(officer);
    const reviewHref = (await officer.getByTestId('review-link').getAttribute('href'))!;
    const reviewId = Number(/\/reviews\/(\d+)$/.exec(reviewHref)?.[1]);
    expect(reviewId).toBeGreaterThan(inspectionId);

    await officer.goto(`${h.base}/tasks`, { waitUntil: 'networkidle' });
    await fitsPhone(officer);
    // Due within 5 working days of the request: next week, listed ahead under 以后的复查.
    const reviewTask = officer.getByTestId('tasks-group-later_reviews').locator(`[data-task-id="${reviewId}"]`);
    expect(await reviewTask.getByTestId('task-link').getAttribute('href')).toBe(`/reviews/${reviewId}`);
    expect(await reviewTask.getByTestId('task-partner').textContent()).toContain(OFFICERS[1].name);
    await Promise.all([officer.waitForURL(new RegExp(`/reviews/${reviewId}$`)), reviewTask.getByTestId('task-link').click()]);
    await officer.waitForLoadState('networkidle');
    await fitsPhone(officer);
    expect(await officer.getByTestId('review-source').textContent()).toMatch(/R03/);

    // 10. The review passes: the case is completed.
    await officer.locator('input[name="opinion"][value="passed"]').check();
    await officer.locator('textarea[name="note"]').fill('已更换车载终端，报警均已处置，复查合格');
    await officer.getByTestId('opinion-submit').click();
    await officer.waitForURL(new RegExp(`/cases/${inspectionId}$`));
    await officer.waitForLoadState('networkidle');
    expect(await officer.getByTestId('notice-status').getAttribute('data-status')).toBe('completed');
    const history = await officer
      .locator('[data-testid="history"] li')
      .evaluateAll((li) => li.map((e) => e.getAttribute('data-kind')));
    expect(history).toEqual([
      'issued',
      'served',
      'extension_requested',
      'extension_approved',
      'review_requested',
      'review_passed',
    ]);
    expect(await officer.getByTestId('hazard-description').textContent()).toBe(HOSTILE);
    await fitsPhone(officer);

    // 11. The firm's file: the inspection, its hazard, the notice and the review, in that order
    //     (the page lists newest first, so read bottom-up), the hazard text literal.
    await officer.goto(`${h.base}/registry/${encodeURIComponent(FIRM_CODE)}`, { waitUntil: 'networkidle' });
    await fitsPhone(officer);
    const entries = await officer.getByTestId('entity-file-entry').evaluateAll((els) =>
      els.map((e) => ({
        kind: e.getAttribute('data-kind')!,
        id: Number(e.getAttribute('data-id')),
        text: e.textContent ?? '',
      })),
    );
    const story = entries
      .filter((e) => e.kind !== 'inspection' || e.id === inspectionId)
      .reverse()
      .map((e) => e.kind);
    expect(story).toEqual(['inspection', 'hazard', 'rectification', 'review']);
    // The review inspection itself is on file too.
    expect(entries.filter((e) => e.kind === 'inspection').map((e) => e.id)).toEqual([reviewId, inspectionId]);
    expect(entries.find((e) => e.kind === 'hazard')!.text).toContain(HOSTILE);
    expect(entries.find((e) => e.kind === 'rectification')!.text).toContain(number);
    expect(await officer.locator('script:has-text("alert(1)")').count()).toBe(0);

    // Every page the officer saw fitted the phone.
    for (const p of [
      '/login',
      '/tasks',
      `/inspections/${inspectionId}`,
      `/cases/${inspectionId}`,
      `/reviews/${reviewId}`,
      `/registry/${FIRM_CODE}`,
    ])
      expect(visited[p], p).toBeLessThanOrEqual(PHONE.width);

    // 12. The leader's dashboard: R03 changed by exactly this one case (due +1, completed +1).
    const after = await r03Figures(leader);
    expect({ due: after.due - before.due, completed: after.completed - before.completed }).toEqual({ due: 1, completed: 1 });
  });
});
