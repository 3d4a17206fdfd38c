import { DEFAULT_PLANNING_RULES, planPeriod } from '@supervise/core';
import { DEMO_PASSWORD, insertMissingObligations, readRegistrySnapshot, seedDemo } from '@supervise/db';
import { rawQuery, type TestDatabase } from '@supervise/db/testing';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 12, done when: the leader's R09 coverage and rectification rate equal what this test computes
 * from the database with its own SQL; the drill-down lists that many rows; the XLSX export holds the
 * same numbers; a brigade scheduler sees only their brigade's regimes and totals. The demo district
 * with November 2026's census obligations planned (as the worker's reconcile does), today pinned.
 * Build first: `pnpm exec turbo run build --filter=@supervise/web...`.
 */
const TODAY = '2026-11-27';
const FROM = '2026-11-01';
const TO = '2026-11-30';
const ZA_REGIMES = ['R05', 'R06', 'R07', 'R08', 'R09', 'R10'];

let h: WebHarness;

async function planNovember(t: TestDatabase): Promise<void> {
  await seedDemo(t.db, { today: TODAY });
  const entities = [];
  for await (const page of readRegistrySnapshot(t.db, { afterId: 0, upToId: null })) entities.push(...page);
  const obligations = planPeriod({ entities }, DEFAULT_PLANNING_RULES, { start: FROM, end: TO });
  await insertMissingObligations(t.db, obligations);
}

/** Coverage by this test's own reading of the definition: obligations due in November met by a done inspection. */
async function coverageBySql(regimes: string[], brigade: string | null): Promise<{ met: number; of: number }> {
  const [r] = await rawQuery<{ met: number; of: number }>(
    h.t.db,
    `with ob as (
      select exists (select 1 from inspection d where d.entity_id = o.entity_id and d.regime_code = o.regime
               and d.status = 'done' and coalesce(d.inspected_on, d.planned_on) between o.window_start and o.window_end) as met
      from obligation o join entity e on e.id = o.entity_id
      where o.type = 'census' and o.status <> 'cancelled' and o.window_end between $1 and $2
        and o.regime = any($3) and ($4::text is null or e.brigade_id = $4)
      union all
      select i.status = 'done' from inspection i join draw w on w.id = i.draw_id join entity e on e.id = i.entity_id
      where i.status <> 'cancelled' and i.trigger in ('campaign', 'spot_check') and w.window_to between $1 and $2
        and i.regime_code = any($3) and ($4::text is null or e.brigade_id = $4)
    )
    select count(*) filter (where met)::int as met, count(*)::int as of from ob`,
    [FROM, TO, regimes, brigade],
  );
  return r!;
}

/** Notices whose deadline in force fell in November and has come (or done / reopened); on time: completed by it. */
async function rectificationBySql(regime: string): Promise<{ onTime: number; due: number }> {
  const [r] = await rawQuery<{ on_time: number; due: number }>(
    h.t.db,
    `select count(*) filter (where r.completed_on <= coalesce(r.extended_deadline_on, r.deadline_on))::int as on_time,
      count(*)::int as due
    from rectification r join hazard h on h.id = r.hazard_id join inspection i on i.id = h.inspection_id
    where i.regime_code = $1
      and coalesce(r.extended_deadline_on, r.deadline_on) between $2 and $3
      and (coalesce(r.extended_deadline_on, r.deadline_on) <= $4 or r.completed_on is not null or r.status = 'reopened')`,
    [regime, FROM, TO, TODAY],
  );
  return { onTime: r!.on_time, due: r!.due };
}

async function signedIn(username: string, locale = 'zh-CN'): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login');
  return { ctx, page };
}

/** Every header cell of the regime table inside the window: no column lost at this width. */
const tableFits = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="regime-table"] thead th')].every(
      (c) => c.getBoundingClientRect().right <= document.documentElement.clientWidth,
    ),
  );

const value = async (page: Page, testId: string) => {
  const v = await page.getByTestId(testId).getAttribute('data-value');
  return v === null || v === '' ? null : Number(v);
};

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  h = await startWeb({ seed: planNovember, env: { SUPERVISE_TODAY: TODAY } });
});
afterAll(async () => {
  await h?.stop();
});

describe('the leaders’ dashboard against the database', () => {
  it('R09 coverage and rectification rate equal the SQL; the drill-down lists that many rows; the XLSX holds them', async () => {
    const cov = await coverageBySql(['R09'], null);
    const rect = await rectificationBySql('R09');
    // The fixture must measure something: a dashboard of zeros proves nothing.
    expect(cov.of).toBeGreaterThan(0);
    expect(rect.due).toBeGreaterThan(0);

    const { ctx, page } = await signedIn('leader');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.goto(`${h.base}/dashboard?period=2026-11`);
    expect(await value(page, 'coverage-R09')).toBeCloseTo(cov.met / cov.of, 12);
    expect(await value(page, 'rectification-R09')).toBeCloseTo(rect.onTime / rect.due, 12);
    expect(await page.locator('[data-testid="regime-table"] tbody tr').count()).toBe(14);
    expect(await tableFits(page)).toBe(true);

    // The drill-down behind the coverage figure: every obligation of the period, that many rows.
    await page.getByTestId('coverage-R09').click();
    await page.waitForURL(/\/dashboard\/rows\?/);
    const list = page.getByTestId('dashboard-rows');
    expect(Number(await list.getAttribute('data-total'))).toBe(cov.of);
    expect(await list.locator('tbody tr').count()).toBe(Math.min(cov.of, 500));
    // Only the covered ones: the numerator.
    await page.selectOption('select[name="only"]', 'covered');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/only=covered/);
    expect(Number(await page.getByTestId('dashboard-rows').getAttribute('data-total'))).toBe(cov.met);

    // The rows' XLSX holds every row; the figures' XLSX the same numbers as the page.
    const rowsFile = await ctx.request.get(
      `${h.base}/dashboard/rows/export?period=2026-11&set=obligations&regime=R09&format=xlsx`,
    );
    expect(rowsFile.status()).toBe(200);
    expect((await xlsxRows(await rowsFile.body())).length - 1).toBe(cov.of);
    const figures = await ctx.request.get(`${h.base}/dashboard/export?period=2026-11&format=xlsx`);
    const sheet = await xlsxRows(await figures.body());
    const header = sheet[0]!.map(String);
    const r09 = sheet.find((r) => r[0] === 'R09')!;
    const col = (zh: string) => header.findIndex((hd) => hd.startsWith(`${zh} /`));
    expect(r09[col('覆盖率')]).toBeCloseTo(cov.met / cov.of, 12);
    expect(r09[col('应检')]).toBe(cov.of);
    expect(r09[col('已检')]).toBe(cov.met);
    expect(r09[col('按期整改率')]).toBeCloseTo(rect.onTime / rect.due, 12);
    expect(r09[col('到期整改')]).toBe(rect.due);
    expect(r09[col('按期完成')]).toBe(rect.onTime);

    // The JSON API: the same figure, a fraction of 1, from the same use-case.
    const api = await ctx.request.get(`${h.base}/api/v1/dashboard?from=${FROM}&to=${TO}`);
    const body = (await api.json()) as { regimes: { regime: string; coverage: number; rectificationRate: number }[] };
    expect(body.regimes).toHaveLength(14);
    const apiR09 = body.regimes.find((r) => r.regime === 'R09')!;
    expect(apiR09.coverage).toBeCloseTo(cov.met / cov.of, 12);
    expect(apiR09.rectificationRate).toBeCloseTo(rect.onTime / rect.due, 12);

    // The per-regime page is linked from the table and has its own charts.
    await page.goto(`${h.base}/dashboard?period=2026-11`);
    await page.locator('[data-regime="R09"] th a').click();
    await page.waitForURL(/\/dashboard\/R09/);
    expect(await value(page, 'regime-coverage')).toBeCloseTo(cov.met / cov.of, 12);
    for (const id of ['chart-by-station', 'chart-funnel', 'chart-violations'])
      expect(await page.getByTestId(id).locator('canvas').count()).toBe(1);
    await ctx.close();
  });

  it('a brigade scheduler sees only their brigade’s regimes and totals, on the page and in the API', async () => {
    const { ctx, page } = await signedIn('scheduler');
    expect(new URL(page.url()).pathname).toBe('/plan');
    await page.goto(`${h.base}/dashboard?period=2026-11`);
    const regimes = await page
      .locator('[data-testid="regime-table"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-regime')));
    expect(regimes).toEqual(ZA_REGIMES);
    const cov = await coverageBySql(ZA_REGIMES, 'B-ZA');
    expect(cov.of).toBeGreaterThan(0);
    expect(await value(page, 'kpi-coverage')).toBeCloseTo(cov.met / cov.of, 12);
    const api = await ctx.request.get(`${h.base}/api/v1/dashboard?period=2026-11`);
    const body = (await api.json()) as { regimes: { regime: string }[]; totals: { coverage: number } };
    expect(body.regimes.map((r) => r.regime)).toEqual(ZA_REGIMES);
    expect(body.totals.coverage).toBeCloseTo(cov.met / cov.of, 12);
    // Another brigade's rows are not theirs: the filter is refused, named.
    const other = await ctx.request.get(`${h.base}/api/v1/dashboard?period=2026-11&brigade=B-WA`);
    expect(other.status()).toBe(400);
    expect(((await other.json()) as { error: { field: string } }).error.field).toBe('brigade');
    await ctx.close();
  });

  it('the table fits 1366 px in English too, every column visible', async () => {
    const { ctx, page } = await signedIn('leader', 'en');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${h.base}/dashboard?period=2026-11`);
    expect(await tableFits(page)).toBe(true);
    await ctx.close();
  });
});
