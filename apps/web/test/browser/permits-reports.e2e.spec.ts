import { DEMO_PASSWORD, createAccount, hashPassword, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 13 §1 and §3 in the browser, on the BUILT server and the demo district pinned to a Wednesday.
 * - R02: a traffic-brigade scheduler (1366 px) enters a road-occupation permit; its weekly patrols are
 *   planned by the roster rules up to the end day and no later; an inspector (390 px) finds today's
 *   patrol in My tasks and records 超面积围挡 on it, which the scheduler's list shows; shortening the works
 *   cancels the patrol after the new end, and closing the permit takes the rest out of My tasks.
 * - R04: the scheduler records an agency's inspection report (counted as unreviewed); the inspector
 *   reviews it with a finding and a hazard, which opens the case page of the rectification flow.
 * Every traffic officer but two is on leave, so the roster rules have exactly one pair to choose.
 */
const TODAY = '2026-11-25';
const SCHEDULER = { username: 'jjsched', password: DEMO_PASSWORD };
const INSPECTOR = { username: 'jjinsp', password: DEMO_PASSWORD };
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let h: WebHarness;
const contexts: BrowserContext[] = [];
let unit = { code: '', name: '' };
let agency = { code: '', name: '' };
const names: string[] = [];

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
      const pair = await t.db
        .selectFrom('officer')
        .select(['id', 'name'])
        .where('brigade_id', '=', 'B-JJ')
        .where('station_id', 'is', null)
        .where('active', '=', true)
        .orderBy('code')
        .limit(2)
        .execute();
      names.push(...pair.map((o) => o.name));
      const hash = await hashPassword(DEMO_PASSWORD);
      await createAccount(t.db, {
        username: SCHEDULER.username,
        displayName: '交警排班员',
        passwordHash: hash,
        mustChangePassword: false,
        roles: [{ role: 'scheduler', brigadeId: 'B-JJ', stationId: null }],
        now: new Date(),
      });
      const inspectorId = await createAccount(t.db, {
        username: INSPECTOR.username,
        displayName: pair[0]!.name,
        passwordHash: hash,
        mustChangePassword: false,
        roles: [{ role: 'inspector', brigadeId: 'B-JJ', stationId: null }],
        now: new Date(),
      });
      await t.db.updateTable('app_user').set({ officer_id: pair[0]!.id }).where('id', '=', inspectorId).execute();
      const ids = pair.map((o) => o.id);
      await t.db
        .updateTable('officer')
        .set({ credential_no: 'E2E-CRED', credential_expires_on: '2030-12-31' })
        .where('id', 'in', ids)
        .execute();
      const rest = await t.db.selectFrom('officer').select('id').where('id', 'not in', ids).execute();
      await t.db
        .insertInto('officer_leave')
        .values(rest.map((o) => ({ officer_id: o.id, from_on: TODAY, to_on: '2026-12-31', reason: 'e2e' })))
        .execute();
      const first = (regime: string) =>
        t.db
          .selectFrom('entity')
          .select(['code', 'name'])
          .where('regime_code', '=', regime)
          .where('status', '=', 'active')
          .orderBy('code')
          .executeTakeFirstOrThrow();
      unit = await first('R02');
      agency = await first('R04');
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

async function pageAs(who: { username: string; password: string }, viewport: { width: number; height: number }): Promise<Page> {
  const phone = viewport.width < 500;
  const ctx = await h.browser.newContext({ viewport, locale: 'zh-CN', isMobile: phone, hasTouch: phone });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, who.username, who.password);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 120_000 });
  return page;
}

type Tasks = { groups: Record<string, { items: { id: number; trigger: string; plannedOn: string }[] }> };
const myTaskIds = async (page: Page, to = '2026-12-31') => {
  const body = (await (await page.request.get(`${h.base}/api/v1/tasks?from=${TODAY}&to=${to}`)).json()) as Tasks;
  return Object.values(body.groups).flatMap((g) => g.items);
};

let scheduler: Page;
let inspector: Page;
let permitUrl = '';
/** The permit's patrols by planned day (inspection ids), read from the scheduler's page. */
const patrolIds = new Map<string, number>();

describe('R02: a permit produces patrols that stop when the works end (issue 13 §1)', () => {
  it('the scheduler enters a permit; weekly patrols of the two free officers are planned, none after the end day', async () => {
    scheduler = await pageAs(SCHEDULER, DESKTOP);
    await scheduler.goto(`${h.base}/plan`);
    expect(await scheduler.locator('[data-testid="main-menu"] a[data-menu="permits"]').count()).toBe(1);
    await scheduler.goto(`${h.base}/permits`, { waitUntil: 'networkidle' });
    // The seed gives no patrol frequency: the page says so.
    expect(await scheduler.getByTestId('permit-interval-unverified').textContent()).toContain('未经核实');
    await scheduler.selectOption('[data-testid="permit-unit"]', unit.code);
    await scheduler.fill('[data-testid="permit-approval"]', '鹿交占审〔2026〕31号');
    await scheduler.fill('[data-testid="permit-location"]', '胜利北街 100–300 米');
    await scheduler.fill('[data-testid="permit-area"]', '240');
    await scheduler.fill('[data-testid="permit-starts"]', TODAY);
    await scheduler.fill('[data-testid="permit-ends"]', '2026-12-10');
    await scheduler.fill('[data-testid="permit-interval"]', '7');
    await scheduler.fill('[data-testid="permit-plan"]', '半幅施工，连续硬质围挡，设置施工提示及绕行标志');
    await scheduler.click('[data-testid="permit-submit"]');
    await scheduler.waitForURL(/\/permits\/\d+$/);
    permitUrl = scheduler.url();
    const rows = scheduler.locator('[data-testid="permit-patrols"] tr[data-patrol-id]');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-planned-on')))).toEqual([
      '2026-11-25',
      '2026-12-02',
      '2026-12-09',
    ]);
    for (const n of names) expect(await rows.first().textContent()).toContain(n);
    for (const [day, id] of await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-planned-on')!, Number(tr.getAttribute('data-patrol-id'))] as const),
    ))
      patrolIds.set(day, id);
  });

  it('answers the same in JSON; a bad field is named; another brigade’s scheduler sees none of it', async () => {
    const id = Number(permitUrl.split('/').pop());
    const list = (await (await scheduler.request.get(`${h.base}/api/v1/permits`)).json()) as { permits: { id: number }[] };
    expect(list.permits.map((p) => p.id)).toContain(id);
    const bad = await scheduler.request.post(`${h.base}/api/v1/permits`, {
      data: {
        entityCode: unit.code,
        approvalNo: 'x',
        plan: 'x',
        location: 'x',
        areaSqm: 10,
        startsOn: TODAY,
        endsOn: '2026-11-20',
        patrolEveryDays: 7,
      },
    });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('endsOn');
    // The demo scheduler belongs to 治安管理大队: no R02 permit is theirs to read or write.
    const za = await pageAs({ username: 'scheduler', password: DEMO_PASSWORD }, DESKTOP);
    expect(((await (await za.request.get(`${h.base}/api/v1/permits`)).json()) as { permits: unknown[] }).permits).toEqual([]);
    expect((await za.goto(permitUrl))?.status()).toBe(404);
    await za.goto(`${h.base}/permits`, { waitUntil: 'networkidle' });
    expect(await za.getByTestId('permit-no-units').count()).toBe(1);
    expect(await za.getByTestId('permit-form').count()).toBe(0);
    const denied = await za.request.post(`${h.base}/api/v1/permits`, {
      data: {
        entityCode: unit.code,
        approvalNo: 'x',
        plan: 'x',
        location: 'x',
        areaSqm: 10,
        startsOn: TODAY,
        endsOn: '2026-12-01',
        patrolEveryDays: 7,
      },
    });
    expect(denied.status()).toBe(403);
  });

  it('shortening the works cancels the patrol after the new end day', async () => {
    await scheduler.fill('[data-testid="permit-change-ends"]', '2026-12-05');
    await scheduler.fill('[data-testid="permit-change-reason"]', '提前完工');
    await scheduler.click('[data-testid="permit-change-submit"]');
    await scheduler.locator('tr[data-planned-on="2026-12-09"][data-status="cancelled"]').waitFor();
    expect(await scheduler.locator('tr[data-planned-on="2026-12-02"]').getAttribute('data-status')).toBe('planned');
  });

  it('the inspector (390 px) finds today’s patrol in My tasks and records 超面积围挡 on it', async () => {
    inspector = await pageAs(INSPECTOR, PHONE);
    await inspector.goto(`${h.base}/tasks`, { waitUntil: 'networkidle' });
    const ours = new Set(patrolIds.values());
    const mine = (await myTaskIds(inspector)).filter((t) => ours.has(t.id));
    // The cancelled patrol after the new end day is no task.
    expect(mine.map((t) => `${t.trigger} ${t.plannedOn}`)).toEqual(['patrol 2026-11-25', 'patrol 2026-12-02']);
    const item = inspector.getByTestId('tasks-group-today').locator(`[data-task-id="${patrolIds.get(TODAY)}"]`);
    expect(await item.textContent()).toContain('巡查');
    expect(await inspector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The patrol is an inspection like any other: its record opens (hazards → the rectification flow).
    expect((await inspector.goto(`${h.base}/inspections/${patrolIds.get(TODAY)}`))?.status()).toBe(200);

    await inspector.goto(permitUrl, { waitUntil: 'networkidle' });
    await inspector.selectOption('[data-testid="permit-flag-kind"]', 'beyond_area');
    await inspector.fill('[data-testid="permit-flag-note"]', '围挡向机动车道外扩约 1.5 米');
    await inspector.click('[data-testid="permit-flag-submit"]');
    await inspector.locator('[data-testid="permit-flags"] [data-flag="beyond_area"]').waitFor();
    expect(await inspector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('the scheduler’s list shows the flag; the stop-work order is recorded with who and when; closing ends the patrols', async () => {
    await scheduler.goto(`${h.base}/permits`, { waitUntil: 'networkidle' });
    const id = permitUrl.split('/').pop()!;
    expect(await scheduler.locator(`tr[data-permit-id="${id}"] [data-flag="beyond_area"]`).textContent()).toContain('超面积围挡');

    await scheduler.goto(permitUrl, { waitUntil: 'networkidle' });
    await scheduler.selectOption('[data-testid="permit-measure-kind"]', 'stop_work');
    await scheduler.fill('[data-testid="permit-measure-note"]', '责令立即停工，恢复批准范围围挡');
    await scheduler.click('[data-testid="permit-measure-submit"]');
    await scheduler.locator('[data-testid="permit-measure-list"] li[data-measure="stop_work"]').waitFor();
    expect(await scheduler.locator('li[data-measure="stop_work"]').textContent()).toContain('交警排班员');

    await scheduler.fill('[data-testid="permit-close-reason"]', '施工结束，恢复通行');
    await scheduler.click('[data-testid="permit-close-submit"]');
    await scheduler.getByTestId('permit-status').filter({ hasText: '已结束' }).waitFor();
    expect(await scheduler.locator('tr[data-patrol-id][data-status="planned"]').count()).toBe(0);
    // The patrols are gone from the inspector's My tasks.
    const ours = new Set(patrolIds.values());
    expect((await myTaskIds(inspector)).filter((t) => ours.has(t.id))).toEqual([]);
  });
});

describe('R04: an agency’s report reviewed with a finding (issue 13 §3)', () => {
  it('the scheduler records a report, counted among the unreviewed', async () => {
    await scheduler.goto(`${h.base}/station-reports`, { waitUntil: 'networkidle' });
    expect(await scheduler.getByTestId('stationrep-unreviewed-title').textContent()).toContain('待审核 0 件');
    await scheduler.selectOption('[data-testid="stationrep-agency"]', agency.code);
    await scheduler.fill('[data-testid="stationrep-plate"]', '冀A·K7316');
    await scheduler.fill('[data-testid="stationrep-report-no"]', 'JC20261125-031');
    await scheduler.fill('[data-testid="stationrep-summary"]', '大型客车年检上报');
    await scheduler.click('[data-testid="stationrep-submit"]');
    await scheduler.waitForURL(/\/station-reports\/\d+$/);
    await scheduler.goto(`${h.base}/station-reports`, { waitUntil: 'networkidle' });
    expect(await scheduler.getByTestId('stationrep-unreviewed-title').textContent()).toContain('待审核 1 件');
    // Imported as it arrives through the JSON API too; a bad field is named.
    const bad = await scheduler.request.post(`${h.base}/api/v1/station-reports`, {
      data: { entityCode: agency.code, kind: 'inspection_report', receivedOn: TODAY, summary: 'x' },
    });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('plate');
  });

  it('the inspector reviews it with a finding and a hazard; the case page of the rectification flow opens', async () => {
    await inspector.goto(`${h.base}/station-reports`, { waitUntil: 'networkidle' });
    await inspector.locator('[data-testid="stationrep-unreviewed"] tr[data-report-id] a').first().click();
    await inspector.waitForURL(/\/station-reports\/\d+$/);
    await inspector.getByTestId('stationrep-review-form').waitFor();
    for (const k of ['photos', 'vin', 'engine_rubbing', 'licence_scan', 'video', 'report_form'])
      await inspector.check(`[data-testid="stationrep-check-${k}-ok"]`);
    await inspector.check('[data-testid="stationrep-check-key_vehicle_items-problem"]');
    // A report with a problem cannot pass (四 4): refused, naming the outcome.
    await inspector.selectOption('[data-testid="stationrep-outcome-select"]', 'passed');
    await inspector.fill('[data-testid="stationrep-findings-input"]', '反光标识缺失，弹簧片照片不清');
    await inspector.click('[data-testid="stationrep-review-submit"]');
    await inspector.getByTestId('stationrep-review-error').waitFor();
    expect(await inspector.getByTestId('stationrep-review-error').getAttribute('data-field')).toBe('outcome');

    await inspector.reload({ waitUntil: 'networkidle' });
    for (const k of ['photos', 'vin', 'engine_rubbing', 'licence_scan', 'video', 'report_form'])
      await inspector.check(`[data-testid="stationrep-check-${k}-ok"]`);
    await inspector.check('[data-testid="stationrep-check-key_vehicle_items-problem"]');
    await inspector.selectOption('[data-testid="stationrep-outcome-select"]', 'withheld');
    await inspector.check('[data-testid="stationrep-quality-bureau"]');
    await inspector.fill('[data-testid="stationrep-findings-input"]', '反光标识缺失，弹簧片照片不清');
    await inspector.selectOption('[data-testid="stationrep-hazard-severity"]', 'general');
    await inspector.fill('[data-testid="stationrep-hazard-description"]', '检验机构未按标准检验重点车辆反光标识');
    await inspector.click('[data-testid="stationrep-review-submit"]');
    await inspector.getByTestId('stationrep-case-link').waitFor();
    expect(await inspector.getByTestId('stationrep-outcome').textContent()).toContain('不予核发');
    expect(await inspector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const caseHref = (await inspector.getByTestId('stationrep-case-link').getAttribute('href'))!;
    const res = await inspector.goto(`${h.base}${caseHref}`, { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    expect(await inspector.content()).toContain('检验机构未按标准检验重点车辆反光标识');

    await scheduler.goto(`${h.base}/station-reports`, { waitUntil: 'networkidle' });
    expect(await scheduler.getByTestId('stationrep-unreviewed-title').textContent()).toContain('待审核 0 件');
    expect(await scheduler.locator('[data-testid="stationrep-reviewed"] tr[data-report-id]').count()).toBe(1);
  });
});
