import { DEMO_PASSWORD, createAccount, hashPassword, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 13 §2 in the browser, on the BUILT server and the demo district pinned to a Wednesday: the
 * scheduler records an R05 application at /events; the pre-event site survey and the on-site duty of
 * two officers are planned by the roster rules and appear in both officers' My tasks; an officer on
 * the survey records the security plan's review. Every officer but two is on leave, so the roster
 * rules have exactly one pair to choose.
 */
const TODAY = '2026-11-25';
const SECOND = { username: 'duty2', password: DEMO_PASSWORD };

let h: WebHarness;
const contexts: BrowserContext[] = [];
let entity = { code: '', name: '' };
const names: string[] = [];

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
      const me = await t.db
        .selectFrom('app_user as u')
        .innerJoin('officer as o', 'o.id', 'u.officer_id')
        .select(['o.id', 'o.name'])
        .where('u.username', '=', 'inspector')
        .executeTakeFirstOrThrow();
      const other = await t.db
        .selectFrom('officer as o')
        .leftJoin('app_user as u', 'u.officer_id', 'o.id')
        .select(['o.id', 'o.name'])
        .where('u.id', 'is', null)
        .where('o.brigade_id', '=', 'B-ZA')
        .where('o.station_id', 'is', null)
        .where('o.active', '=', true)
        .where('o.id', '<>', me.id)
        .orderBy('o.code')
        .executeTakeFirstOrThrow();
      names.push(me.name, other.name);
      const userId = await createAccount(t.db, {
        username: SECOND.username,
        displayName: other.name,
        passwordHash: await hashPassword(SECOND.password),
        mustChangePassword: false,
        roles: [{ role: 'inspector', brigadeId: 'B-ZA', stationId: null }],
        now: new Date(),
      });
      await t.db.updateTable('app_user').set({ officer_id: other.id }).where('id', '=', userId).execute();
      // Both keep a valid credential; everyone else is on leave through the event.
      await t.db
        .updateTable('officer')
        .set({ credential_no: 'E2E-CRED', credential_expires_on: '2030-12-31' })
        .where('id', 'in', [me.id, other.id])
        .execute();
      const rest = await t.db.selectFrom('officer').select('id').where('id', 'not in', [me.id, other.id]).execute();
      await t.db
        .insertInto('officer_leave')
        .values(rest.map((o) => ({ officer_id: o.id, from_on: TODAY, to_on: '2026-12-31', reason: 'e2e' })))
        .execute();
      const e = await t.db
        .selectFrom('entity')
        .select(['code', 'name'])
        .where('regime_code', '=', 'R05')
        .where('status', '=', 'active')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      entity = e;
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

async function pageAs(username: string, password = DEMO_PASSWORD): Promise<Page> {
  const ctx = await h.browser.newContext({ locale: 'zh-CN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, username, password);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 120_000 });
  return page;
}

let eventId = 0;
let surveyId = 0;
let dutyId = 0;

describe('R05 application → site survey and on-site duty (issue 13 §2)', () => {
  it('records the application from the scheduler’s menu and plans a survey and a duty of two officers', async () => {
    const scheduler = await pageAs('scheduler');
    await scheduler.goto(`${h.base}/plan`);
    expect(await scheduler.locator('[data-testid="main-menu"] a[data-menu="events"]').count()).toBe(1);
    await scheduler.goto(`${h.base}/events`, { waitUntil: 'networkidle' });
    await scheduler.selectOption('[data-testid="events-regime"]', 'R05');
    await scheduler.selectOption('[data-testid="events-organiser"]', entity.code);
    await scheduler.fill('[data-testid="events-place"]', '鹿泉区体育馆');
    await scheduler.fill('[data-testid="events-starts"]', '2026-11-28T19:00');
    await scheduler.fill('[data-testid="events-ends"]', '2026-11-28T22:00');
    await scheduler.fill('[data-testid="events-size"]', '5000');
    await scheduler.click('[data-testid="events-submit"]');
    await scheduler.waitForURL(/\/events\/\d+$/);
    eventId = Number(new URL(scheduler.url()).pathname.split('/').pop());
    const surveyOfficers = await scheduler.getByTestId('event-survey-officers').textContent();
    const dutyOfficers = await scheduler.getByTestId('event-duty-officers').locator('li').allTextContents();
    for (const n of names) expect(surveyOfficers).toContain(n);
    expect(dutyOfficers).toHaveLength(2);
    for (const n of names) expect(dutyOfficers.join()).toContain(n);
    surveyId = Number((await scheduler.getByTestId('event-survey-link').getAttribute('href'))!.split('/').pop());
    dutyId = Number((await scheduler.getByTestId('event-duty-link').getAttribute('href'))!.split('/').pop());
    // The same application as JSON; a bad field is named.
    const one = (await (await scheduler.request.get(`${h.base}/api/v1/events/${eventId}`)).json()) as {
      survey: { plannedOn: string };
      duty: { plannedOn: string; officers: unknown[] };
    };
    expect(one.survey.plannedOn < '2026-11-28').toBe(true);
    expect(one.duty.plannedOn).toBe('2026-11-28');
    const bad = await scheduler.request.post(`${h.base}/api/v1/events`, {
      data: {
        regime: 'R05',
        entityCode: entity.code,
        place: 'x',
        startsAt: TODAY + 'T10:00',
        endsAt: TODAY + 'T12:00',
        expectedSize: 10,
      },
    });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('startsAt');
  });

  it('shows both inspections in each officer’s My tasks, labelled', async () => {
    const inspector = await pageAs('inspector');
    await inspector.goto(`${h.base}/tasks`);
    const survey = inspector.locator(`[data-task-id="${surveyId}"]`);
    const duty = inspector.locator(`[data-task-id="${dutyId}"]`);
    expect(await survey.textContent()).toContain('活动事前踏勘');
    expect(await duty.textContent()).toContain('活动现场执勤');
    expect(await inspector.getByTestId('tasks-group-this_week').locator(`[data-task-id="${dutyId}"]`).count()).toBe(1);
    const second = await pageAs(SECOND.username, SECOND.password);
    const body = (await (await second.request.get(`${h.base}/api/v1/tasks`)).json()) as {
      groups: Record<string, { items: { id: number; trigger: string }[] }>;
    };
    const mine = Object.values(body.groups).flatMap((g) => g.items);
    expect(mine.find((x) => x.id === surveyId)?.trigger).toBe('event_survey');
    expect(mine.find((x) => x.id === dutyId)?.trigger).toBe('event_duty');

    // An officer on the survey records the security plan's review; the survey's findings go on its record.
    await inspector.goto(`${h.base}/events/${eventId}`, { waitUntil: 'networkidle' });
    await inspector.selectOption('[data-testid="event-plan-select"]', 'changes_required');
    await inspector.fill('[data-testid="event-plan-opinion"]', '疏散通道不足，补充两处出口后再审');
    await inspector.click('[data-testid="event-plan-submit"]');
    await inspector.getByTestId('event-plan-decision').waitFor();
    expect(await inspector.getByTestId('event-plan-decision').textContent()).toContain('需整改后再审');
    const record = await inspector.goto(`${h.base}/inspections/${surveyId}`);
    expect(record?.status()).toBe(200);
  });
});
