import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD, listCalendarYears, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionTokenFor, startWeb, type WebHarness } from './harness.js';

/**
 * The statutory calendar through `/api/v1` and `/admin/calendar`, on the BUILT server with "today"
 * pinned to 15 November 2026 (SUPERVISE_TODAY) and 2027 not yet in the calendar. The tests run in
 * order: refusals first, then the import, then what the import makes possible.
 */
const TODAY = '2026-11-15';
const NOTICE_2027 = new URL('../fixtures/notice-2027.json', import.meta.url);
const TITLE_2027 = '国务院办公厅关于2027年部分节假日安排的通知';
const SCREENSHOT = process.env.CALENDAR_SCREENSHOT ?? '/tmp/calendar.png';
// Row 3 repeats row 2's date, row 5 is not a date, row 6 has an unknown kind.
const BAD_CSV =
  '\uFEFFdate,kind,name\n2027-01-01,休,元旦\n2027-01-01,休,元旦\n2027-01-04,班,元旦\n2027-02-30,休,春节\n2027-02-06,rest,春节\n';

let h: WebHarness;
const contexts: BrowserContext[] = [];

/** A browser context signed in as `username`; its `request` carries the session cookie. */
async function signedIn(username: string): Promise<BrowserContext> {
  const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  contexts.push(ctx);
  if (username === 'sysadmin') {
    // An administrator's login goes through the second factor: start from a live session instead.
    await ctx.addCookies([{ name: 'sid', value: await sessionTokenFor(h.t, username), url: h.base }]);
    return ctx;
  }
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.close();
  return ctx;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers' shapes are what the assertions check
type Json = Record<string, any>;

async function getJson(api: APIRequestContext, path: string) {
  const r = await api.get(`${h.base}${path}`);
  return { status: r.status(), body: (await r.json()) as Json };
}

let leader: BrowserContext;
let sysadmin: BrowserContext;

beforeAll(async () => {
  h = await startWeb({
    // The calendar as `supervise migrate` leaves it: 2004–2026 from chinese-days, 2027 missing.
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
  leader = await signedIn('leader');
  sysadmin = await signedIn('sysadmin');
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

describe('/api/v1 calendar, rules and penalties', () => {
  it('answers 401 JSON without a session', async () => {
    for (const path of ['/api/v1/calendar/add?from=2026-09-30&workingDays=5', '/api/v1/calendar/years', '/api/v1/rules']) {
      const r = await fetch(`${h.base}${path}`);
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({
        error: { code: 'UNAUTHENTICATED', message_zh: expect.any(String), message_en: expect.any(String) },
      });
    }
    const post = await fetch(`${h.base}/api/v1/calendar/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: BAD_CSV,
    });
    expect(post.status).toBe(401);
  });

  it.each([
    ['from=2026-09-30&workingDays=5', 'working_days', 5, '2026-10-13'],
    ['from=2026-09-20&days=15', 'days', 15, '2026-10-08'],
    ['from=2026-03-31&months=2', 'months', 2, '2026-06-01'],
  ])('computes the issue example %s → %s', async (query, unit, n, result) => {
    const r = await getJson(leader.request, `/api/v1/calendar/add?${query}`);
    expect(r).toEqual({ status: 200, body: { from: query.slice(5, 15), unit, n, result } });
  });

  it('refuses with 422 a computation reaching 2027, naming the year', async () => {
    const r = await getJson(leader.request, '/api/v1/calendar/add?from=2026-12-20&workingDays=30');
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', year: 2027 });
    expect(r.body.error.message_zh).toContain('2027');
    expect(r.body.error.message_en).toContain('2027');
  });

  it('answers 400 with the field for bad input', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30&days=1', 'from'],
      ['workingDays=5', 'from'],
      ['from=2026-09-30', 'workingDays'],
      ['from=2026-09-30&days=1&months=1', 'months'],
      ['from=2026-09-30&days=-1', 'days'],
    ];
    for (const [query, field] of cases) {
      const r = await getJson(leader.request, `/api/v1/calendar/add?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error, query).toMatchObject({ field, message_zh: expect.any(String), message_en: expect.any(String) });
    }
  });

  it('lists the covered years with source, verified and counts, and warns that 2027 is missing', async () => {
    const r = await getJson(leader.request, '/api/v1/calendar/years');
    expect(r.status).toBe(200);
    expect(r.body.today).toBe(TODAY);
    const years = r.body.years as { year: number; source: string; verified: boolean; holidays: number; makeupWorkdays: number }[];
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(years.at(-1)).toMatchObject({ year: 2026, verified: true, source: expect.stringContaining('chinese-days') });
    expect(years.at(-1)!.holidays).toBeGreaterThan(20);
    expect(r.body.warning).toMatchObject({ code: 'CALENDAR_NEXT_YEAR_MISSING' });
    expect(r.body.warning.zh).toContain('2027');
  });

  it('serves the rule catalogue, whole or for one regime', async () => {
    const all = await getJson(leader.request, '/api/v1/rules');
    expect(all.body.regimes).toHaveLength(14);
    const r09 = await getJson(leader.request, '/api/v1/rules?regime=r09');
    expect(r09.body.regimes).toHaveLength(1);
    expect(r09.body.regimes[0]).toMatchObject({
      code: 'R09',
      scheduleVersions: [expect.objectContaining({ ruleVersion: 'R09@2026-01-01' })],
      rectification: { kind: 'no_statutory_maximum' },
      thresholds: [
        expect.objectContaining({ id: 'LARGE-FINE-UNIT', amount: 10000 }),
        expect.objectContaining({ id: 'LARGE-FINE-INDIVIDUAL', amount: 2000 }),
      ],
    });
    const r14 = await getJson(leader.request, '/api/v1/rules?regime=R14');
    expect(r14.body.regimes[0].deadlines.map((d: { id: string; amount: number }) => `${d.id}:${d.amount}`)).toEqual([
      'R14-NOTICE-SERVICE:3',
      'R14-RECTIFICATION:2',
    ]);
    const bad = await getJson(leader.request, '/api/v1/rules?regime=R99');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'UNKNOWN_REGIME', field: 'regime' });
  });

  it('checks penalties with the reasons in Chinese and English', async () => {
    const check = (data: unknown) => leader.request.post(`${h.base}/api/v1/penalties/check`, { data });
    const dates = { actOn: '2026-03-02', decidedOn: '2026-04-01' };
    const ok = await check({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', fineFen: 800_000, ...dates });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      violation: 'R09-PAWN-PROHIBITED-GOODS',
      regime: 'R09',
      reasons: [],
      article: 'PAWN-2005-PROHIBITED-GOODS',
      appliedVersion: 'PAWN-2005',
    });
    // Issue 11: without the act date the version cannot be chosen; an unverified article needs a legal review.
    const noDate = await check({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', fineFen: 800_000 });
    expect(((await noDate.json()) as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toContain(
      'PENALTY-ACT-DATE-REQUIRED',
    );
    const unverified = await check({
      regime: 'R11',
      violation: 'R11-INTERNET-CAFE-VIOLATION',
      warning: true,
      article: 'ISBP-2002-32',
      ...dates,
    });
    expect(await unverified.json()).toMatchObject({
      ok: false,
      requiresLegalReview: true,
      articleVerification: { kind: 'unverified' },
    });

    const refused = await check({ regime: 'R09', violation: 'R09-SEAL-FACILITY-OR-RULES', fineFen: 300_000, ...dates });
    const body = (await refused.json()) as { ok: boolean; reasons: { code: string; zh: string; en: string }[] };
    expect(refused.status()).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.reasons.some((r) => r.zh.includes('已责令限期改正且逾期未改正'))).toBe(true);
    for (const r of body.reasons) expect(r.zh && r.en).toBeTruthy();

    const unknown = await check({ regime: 'R09', violation: 'R09-NOPE', fineFen: 100 });
    expect(unknown.status()).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: {
        code: 'PENALTY-UNKNOWN-VIOLATION',
        field: 'violation',
        validCodes: expect.arrayContaining(['R09-PAWN-PROHIBITED-GOODS']),
      },
    });
    const badField = await check({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', fineFen: -5 });
    expect(badField.status()).toBe(400);
    expect(await badField.json()).toMatchObject({ error: { code: 'INVALID_FIELD', field: 'fineFen' } });
  });

  it('answers 403 when the leader tries to import a notice', async () => {
    const r = await leader.request.post(`${h.base}/api/v1/calendar/import`, {
      headers: { 'content-type': 'text/csv' },
      data: BAD_CSV,
    });
    expect(r.status()).toBe(403);
    expect(await r.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('refuses a notice with bad rows, naming each row and field, and stores nothing', async () => {
    const before = await listCalendarYears(h.t.db);
    const r = await sysadmin.request.post(`${h.base}/api/v1/calendar/import`, {
      headers: { 'content-type': 'text/csv' },
      data: BAD_CSV,
    });
    expect(r.status()).toBe(400);
    const body = (await r.json()) as {
      error: { code: string; issues: { row: number; field: string; zh: string; en: string }[] };
    };
    expect(body.error.code).toBe('NOTICE_INVALID');
    const at = body.error.issues.map((i) => `${i.row}:${i.field}`);
    expect(at).toEqual(expect.arrayContaining(['3:date', '5:date', '6:kind']));
    expect(await listCalendarYears(h.t.db)).toEqual(before);
    const still = await getJson(sysadmin.request, '/api/v1/calendar/add?from=2026-12-20&workingDays=30');
    expect(still.status).toBe(422);
  });
});

describe('/admin/calendar and the dashboard warning', () => {
  it('the dashboard warns in November that 2027 is missing', async () => {
    const page = await leader.newPage();
    await page.goto(`${h.base}/dashboard`);
    const banner = page.getByTestId('next-year-warning');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('2027');
    // The leader may read the calendar: the menu links to it.
    expect(await page.getByRole('link', { name: '法定节假日日历' }).count()).toBe(1);
    await page.close();
  });

  it('lets a leader read the calendar and compute, without the import form', async () => {
    const page = await leader.newPage();
    await page.goto(`${h.base}/admin/calendar?from=2026-09-30&n=5&unit=working_days`);
    expect(await page.getByTestId('calc-result').locator('time').getAttribute('datetime')).toBe('2026-10-13');
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(await page.locator('[data-testid="calendar-years"] tbody tr').count()).toBe(23);
    // The form action checks the permission itself, whatever the page showed.
    const post = await page.request.post(`${h.base}/admin/calendar?/import`, {
      headers: { origin: h.base },
      multipart: { notice: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) } },
    });
    expect(post.status()).toBe(403);
    await page.close();
  });

  it('sysadmin sees every error of a bad file, then imports the 2027 notice through the page', async () => {
    const page = await sysadmin.newPage();
    await page.goto(`${h.base}/admin/calendar`);
    await page.setInputFiles('input[name="notice"]', {
      name: 'notice-2027-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(BAD_CSV),
    });
    await page.getByRole('button', { name: '导入' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('未导入任何数据');
    expect(await errors.locator('tr[data-row="5"][data-field="date"]').count()).toBe(1);
    expect(await errors.locator('tr[data-row="6"][data-field="kind"]').count()).toBe(1);
    expect(await page.locator('[data-testid="calendar-years"] tr[data-year="2027"]').count()).toBe(0);

    await page.setInputFiles('input[name="notice"]', {
      name: 'notice-2027.json',
      mimeType: 'application/json',
      buffer: await readFile(NOTICE_2027),
    });
    await page.getByRole('button', { name: '导入' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('已导入 2027 年：放假 33 天，调休上班 8 天。');
    await page.locator('[data-testid="calendar-years"] tr[data-year="2027"]').waitFor();
    // The year is in the table, the warning gone.
    expect(await page.getByTestId('next-year-warning').count()).toBe(0);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('after the import: the 2027 computation succeeds, an identical API import changes nothing, no warning', async () => {
    const due = await getJson(leader.request, '/api/v1/calendar/add?from=2026-12-20&workingDays=30');
    expect(due).toEqual({ status: 200, body: { from: '2026-12-20', unit: 'working_days', n: 30, result: '2027-01-31' } });

    const again = await sysadmin.request.post(`${h.base}/api/v1/calendar/import`, {
      headers: { 'content-type': 'application/json' },
      data: await readFile(NOTICE_2027, 'utf8'),
    });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({
      ok: true,
      year: 2027,
      outcome: 'unchanged',
      holidays: 33,
      makeupWorkdays: 8,
      notice: TITLE_2027,
    });

    // Issue 9 §7: every import is audited with its door: the page's refusal and import, the API's.
    const audited = await h.t.db
      .selectFrom('audit_log')
      .select(['outcome', 'actor_username', 'details'])
      .where('action', '=', 'calendar.import')
      .where('actor_username', '=', 'sysadmin')
      .orderBy('id')
      .execute();
    const doors = audited.map((a) => [a.outcome, (a.details as { via: string }).via]);
    expect(doors).toContainEqual(['failure', 'web']);
    expect(doors).toContainEqual(['success', 'web']);
    expect(doors.at(-1)).toEqual(['success', 'api']);

    const years = await getJson(leader.request, '/api/v1/calendar/years');
    expect(years.body.warning).toBeNull();
    expect(years.body.years.at(-1)).toMatchObject({
      year: 2027,
      source: 'import',
      verified: true,
      holidays: 33,
      makeupWorkdays: 8,
    });

    const page = await leader.newPage();
    await page.goto(`${h.base}/dashboard`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByTestId('next-year-warning').count()).toBe(0);
    await page.close();
  });
});
