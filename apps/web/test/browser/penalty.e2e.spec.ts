import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_INSPECTOR_OFFICER_CODE, DEMO_PASSWORD, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { TestDatabase } from '@supervise/db/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 10 §4 in the browser, on the BUILT server, on a phone (390×844): the demo inspector, on a
 * closed inspection of a pawnshop, enters a fine above the statutory range and sees every reason with
 * its legal basis (and the hearing/collective-discussion fields the validator asks for), with what
 * was typed kept; corrects the fine and lands on the decision page with its number. No page scrolls
 * sideways. Issue 11: the act date and the article applied; a licence seizure under the 2025
 * punishments law (not in the statute table) needs a legal review (法制审核), typed on the form. The
 * fixtures are written with SQL before the server starts.
 */
const TODAY = '2026-11-27';
const SHOTS = process.env.PENALTY_SCREENSHOTS ?? '/tmp/penalty';

let h: WebHarness;
let ctx: BrowserContext;
let page: Page;
let inspectionId = 0;

async function seed(t: TestDatabase): Promise<void> {
  await seedDemo(t.db, { today: TODAY });
  await seedCalendarFromPackage(t.db);
  const officers = await t.db
    .selectFrom('officer')
    .select(['id', 'code'])
    .where('brigade_id', '=', 'B-ZA')
    .where('station_id', 'is', null)
    .orderBy('code')
    .execute();
  const me = officers.find((o) => o.code === DEMO_INSPECTOR_OFFICER_CODE)!;
  const partner = officers.find((o) => o.code !== DEMO_INSPECTOR_OFFICER_CODE)!;
  const pawnshop = await t.db
    .selectFrom('entity')
    .select('id')
    .where('kind', '=', 'pawnshop')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('inspection')
    .values({
      entity_id: pawnshop.id,
      regime_code: 'R09',
      trigger: 'patrol',
      planned_on: '2026-11-16',
      inspected_on: '2026-11-16',
      status: 'done',
      outcome: 'hazards_found',
      closed_at: new Date('2026-11-16T07:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  inspectionId = Number(row.id);
  await t.db
    .insertInto('inspection_officer')
    .values([me, partner].map((o) => ({ inspection_id: row.id, officer_id: o.id })))
    .execute();
}

const noSidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth);
const penaltiesOfCase = async () =>
  Number(
    (
      await h.t.db
        .selectFrom('penalty')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('inspection_id', '=', inspectionId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  h = await startWeb({ seed, env: { SUPERVISE_TODAY: TODAY } });
  ctx = await h.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  page = await ctx.newPage();
}, 900_000);

afterAll(async () => {
  await ctx?.close();
  await h?.stop();
});

describe('a penalty on a case, on a phone', () => {
  it('refuses an over-range fine with its reasons and keeps what was typed; the corrected one is decided with its number', async () => {
    await login(page, h.base, 'inspector', DEMO_PASSWORD);
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.goto(`${h.base}/cases/${inspectionId}/penalties/new`, { waitUntil: 'networkidle' });
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(390);

    const facts = '<script>alert(1)</script> 收当公安机关明令禁止的财物（管制刀具两把）';
    await page.getByTestId('penalty-violation').selectOption('R09-PAWN-PROHIBITED-GOODS');
    await page.getByTestId('penalty-facts').fill(facts);
    // The article: the rulebook quotes one provision (《典当管理办法》, verified); the act date decides its version.
    await page.getByTestId('penalty-act-on').fill('2026-11-16');
    await page.getByTestId('penalty-fine').fill('40000');
    expect(await page.getByTestId('penalty-article-applied').textContent()).toContain('PAWN-2005-PROHIBITED-GOODS');
    // A fine this large puts the decision behind the hearing notice and the collective discussion.
    await page.getByTestId('penalty-procedure').waitFor();
    await page.screenshot({ path: `${SHOTS}-form-390.png`, fullPage: true });
    await page.getByTestId('penalty-submit').click();

    const reasons = page.getByTestId('penalty-reasons');
    await reasons.waitFor();
    const codes = await reasons.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')));
    expect(codes).toEqual(
      expect.arrayContaining([
        'PENALTY-FINE-OUT-OF-RANGE',
        'PENALTY-COLLECTIVE-DISCUSSION-MISSING',
        'PENALTY-HEARING-RIGHT-NOT-NOTIFIED',
      ]),
    );
    const range = reasons.locator('li[data-code="PENALTY-FINE-OUT-OF-RANGE"]');
    expect(await range.textContent()).toContain('5,000–30,000');
    // The legal basis: the rulebook's clause and the law it cites.
    expect(await range.textContent()).toContain('R09 监督检查处理 1');
    expect(await range.textContent()).toContain('《典当管理办法》');
    // What was typed is still there, shown literally.
    expect(await page.getByTestId('penalty-fine').inputValue()).toBe('40000');
    expect(await page.getByTestId('penalty-facts').inputValue()).toBe(facts);
    expect(await page.getByTestId('penalty-violation').inputValue()).toBe('R09-PAWN-PROHIBITED-GOODS');
    expect(await penaltiesOfCase()).toBe(0);
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}-refused-390.png`, fullPage: true });

    // Within the range and below the large-fine threshold: no hearing needed.
    await page.getByTestId('penalty-fine').fill('8000');
    await Promise.all([
      page.waitForURL((u) => /^\/cases\/\d+\/penalties\/\d+$/.test(u.pathname)),
      page.getByTestId('penalty-submit').click(),
    ]);
    const number = (await page.getByTestId('penalty-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^鹿公\(治\)行罚决字〔2026〕\d{4}号$/);
    expect(await page.getByTestId('penalty-sanctions').textContent()).toContain('罚款人民币8000元');
    expect(await page.getByTestId('penalty-facts-shown').textContent()).toBe(facts);
    // The decision shows the act date and the article applied, by its name in the statute table.
    expect(await page.getByTestId('penalty-act-on-shown').textContent()).toBe('2026年11月16日');
    expect(await page.getByTestId('penalty-article-shown').textContent()).toContain('《典当管理办法》');
    expect(await penaltiesOfCase()).toBe(1);
    const stored = await h.t.db
      .selectFrom('penalty as p')
      .innerJoin('official_document as d', 'd.penalty_id', 'p.id')
      .select(['p.fine_fen', 'd.number'])
      .where('p.inspection_id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ fine_fen: 800_000, number });
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}-decision-390.png`, fullPage: true });

    // The decision's PDF, rendered from the frozen content: the number and the facts come back as text.
    const href = (await page.getByTestId('penalty-pdf').getAttribute('href')) ?? '';
    const pdf = await ctx.request.get(new URL(href, h.base).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'penalty-e2e-'));
    try {
      writeFileSync(join(dir, 'decision.pdf'), bytes);
      const text = execFileSync('pdftotext', [join(dir, 'decision.pdf'), '-'], { encoding: 'utf8' }).replace(/[\s\u3000]+/g, '');
      expect(text).toContain(number.replace(/\s+/g, ''));
      expect(text).toContain('<script>alert(1)</script>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('issue 11: a licence seizure under the 2025 punishments law needs a legal review, recorded on the form', async () => {
    await page.goto(`${h.base}/cases/${inspectionId}/penalties/new`, { waitUntil: 'networkidle' });
    await page.getByTestId('penalty-violation').selectOption('R09-SPECIAL-TRADE-LICENCE-SEIZURE');
    await page.getByTestId('penalty-facts').fill('情节严重，收缴特种行业许可证');
    await page.getByTestId('penalty-act-on').fill('2026-11-16');
    await page.locator('input[name="confiscate"]').check();
    // The 2025 revision is not in the statute table: core asks for a legal review, and says why.
    const review = page.getByTestId('penalty-review');
    await review.waitFor();
    expect(await page.getByTestId('penalty-review-grounds').textContent()).toContain('未收录于法条表');
    await page.getByTestId('penalty-procedure').waitFor();
    await page.getByTestId('penalty-submit').click();
    const reasons = page.getByTestId('penalty-reasons');
    await reasons.waitFor();
    const codes = await reasons.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')));
    expect(codes).toContain('PENALTY-LEGAL-REVIEW-REQUIRED');
    expect(await reasons.locator('li[data-code="PENALTY-LEGAL-REVIEW-REQUIRED"]').first().textContent()).toContain('第五十八条');
    expect(await penaltiesOfCase()).toBe(1);
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(390);

    await page.locator('input[name="hearingNotifiedOn"]').fill('2026-11-18');
    await page.locator('select[name="hearingRequested"]').selectOption('no');
    await page.locator('input[name="collectiveOn"]').fill('2026-11-25');
    await page.locator('textarea[name="collectiveNote"]').fill('经集体讨论，同意收缴');
    await page.getByTestId('penalty-review-by').fill('法制大队 赵六');
    await page.getByTestId('penalty-review-on').fill('2026-11-26');
    await page.getByTestId('penalty-review-article').fill('《中华人民共和国治安管理处罚法》（2025年修订）相应条款');
    await page.locator('input[name="reviewConfiscation"]').check();
    await page.getByTestId('penalty-review-opinion').fill('事实清楚，适用法律正确，同意收缴');
    await page.screenshot({ path: `${SHOTS}-review-390.png`, fullPage: true });
    await Promise.all([
      page.waitForURL((u) => /^\/cases\/\d+\/penalties\/\d+$/.test(u.pathname)),
      page.getByTestId('penalty-submit').click(),
    ]);
    expect(await page.getByTestId('penalty-sanctions').textContent()).toContain('收缴许可证');
    // The legal review is on the decision page: who, when, the article it named, its opinion.
    const reviewShown = (await page.getByTestId('penalty-legal-review').textContent()) ?? '';
    expect(reviewShown).toContain('法制大队 赵六');
    expect(reviewShown).toContain('2026年11月26日');
    expect(reviewShown).toContain('事实清楚，适用法律正确，同意收缴');
    const stored = await h.t.db
      .selectFrom('penalty')
      .select(['statute_version', 'legal_reviewer', 'confiscate_licence', 'act_on'])
      .where('inspection_id', '=', inspectionId)
      .where('confiscate_licence', '=', true)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      statute_version: 'PSAPL-2025',
      legal_reviewer: '法制大队 赵六',
      confiscate_licence: true,
      act_on: '2026-11-16',
    });
    expect(await noSidewaysScroll()).toBeLessThanOrEqual(390);
  });

  it('the JSON API records through the same use-case: every reason on a refusal, the decision on success', async () => {
    const body = {
      inspectionId,
      violation: 'R09-PAWN-PROHIBITED-GOODS',
      party: { type: 'unit', name: '典当行' },
      facts: '收当禁当财物',
      fineFen: 4_000_000,
      actOn: '2026-11-16',
      decidedOn: TODAY,
    };
    const before = await penaltiesOfCase();
    const refusedRes = await ctx.request.post(`${h.base}/api/v1/penalties`, { data: body });
    expect(refusedRes.status()).toBe(422);
    const refusal = (await refusedRes.json()) as { error: { code: string; reasons: { code: string; basis: string | null }[] } };
    expect(refusal.error.code).toBe('REFUSED');
    expect(refusal.error.reasons.map((r) => r.code)).toContain('PENALTY-FINE-OUT-OF-RANGE');
    expect(refusal.error.reasons.find((r) => r.code === 'PENALTY-FINE-OUT-OF-RANGE')!.basis).toContain('《典当管理办法》');
    expect(await penaltiesOfCase()).toBe(before);

    const created = await ctx.request.post(`${h.base}/api/v1/penalties`, { data: { ...body, fineFen: 600_000 } });
    expect(created.status()).toBe(201);
    const { id, number } = (await created.json()) as { id: number; number: string };
    expect(number).toMatch(/^鹿公\(治\)行罚决字〔2026〕\d{4}号$/);
    const read = await ctx.request.get(`${h.base}/api/v1/penalties/${id}`);
    expect(read.status()).toBe(200);
    const got = (await read.json()) as { fineFen: number; document: { number: string; content: { sanctions: string[] } } };
    expect(got.fineFen).toBe(600_000);
    expect(got.document.number).toBe(number);
    expect(got.document.content.sanctions).toEqual(['罚款人民币6000元']);
    expect(await penaltiesOfCase()).toBe(before + 1);
  });
});
