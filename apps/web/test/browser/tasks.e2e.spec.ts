import { DEMO_INSPECTOR_OFFICER_CODE, DEMO_PASSWORD, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 10 §1, §2 and §5 in the browser at a phone's viewport (390×844), on the BUILT server and the
 * demo district pinned to a Wednesday: the inspector lands on My tasks and sees today's inspection
 * with the other officer; no page an inspector uses scrolls sideways; the header menu folds behind a
 * toggle; the entity's file lists its records newest first; a leader is refused My tasks.
 */
const TODAY = '2026-11-25';
const PHONE = { width: 390, height: 844 };
const HOSTILE = `<script>alert('x')</script>'; DROP TABLE hazard; --`;

let h: WebHarness;
const contexts: BrowserContext[] = [];
const ids = { today: 0, review: 0, overdue: 0, done: 0, penalty: 0, rectification: 0 };
let partnerName = '';
let entityCode = '';
let entityName = '';

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
      const me = await t.db
        .selectFrom('officer')
        .select(['id', 'brigade_id'])
        .where('code', '=', DEMO_INSPECTOR_OFFICER_CODE)
        .executeTakeFirstOrThrow();
      const partner = await t.db
        .selectFrom('officer')
        .select(['id', 'name'])
        .where('brigade_id', '=', me.brigade_id)
        .where('id', '<>', me.id)
        .orderBy('code', 'desc')
        .executeTakeFirstOrThrow();
      partnerName = partner.name;
      // A pawnshop (R09, the inspector's brigade B-ZA), so the entity page is within the inspector's
      // scope, and core's penalty table has a violation of its trade for the penalty below.
      const entity = await t.db
        .selectFrom('entity')
        .select(['id', 'code', 'name'])
        .where('regime_code', '=', 'R09')
        .where('kind', '=', 'pawnshop')
        .where('status', '=', 'active')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      entityCode = entity.code;
      entityName = entity.name;
      const inspection = async (planned_on: string, status: string, trigger: string) => {
        const { id } = await t.db
          .insertInto('inspection')
          .values({
            entity_id: entity.id,
            regime_code: 'R09',
            trigger,
            planned_on,
            status,
            inspected_on: status === 'done' ? planned_on : null,
            outcome: status === 'done' ? 'hazards_found' : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await t.db
          .insertInto('inspection_officer')
          .values([
            { inspection_id: id, officer_id: me.id },
            { inspection_id: id, officer_id: partner.id },
          ])
          .execute();
        return id;
      };
      ids.today = await inspection(TODAY, 'planned', 'spot_check');
      ids.review = await inspection('2026-11-27', 'planned', 'review');
      ids.overdue = await inspection('2026-11-20', 'planned', 'complaint');
      // Yesterday's inspection found a hazard (its text hostile), a notice followed, then a penalty today.
      ids.done = await inspection('2026-11-24', 'done', 'spot_check');
      const hazard = await t.db
        .insertInto('hazard')
        .values({ inspection_id: ids.done, severity: 'major', description: HOSTILE })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.rectification = (
        await t.db
          .insertInto('rectification')
          .values({
            hazard_id: hazard.id,
            notice_no: '鹿公治限改字〔2026〕9001号',
            issued_on: '2026-11-24',
            served_on: '2026-11-24',
            deadline_on: '2026-12-08',
            status: 'open',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      // One reminder in the inspector's inbox (as the alert scan writes it), so /inbox is measured with a row.
      const alert = await t.db
        .insertInto('alert')
        .values({
          kind: 'rectification_overdue',
          subject: `rectification.${ids.rectification}`,
          rectification_id: ids.rectification,
          regime_code: 'R09',
          brigade_id: me.brigade_id!,
          level: 'inspector',
          due_on: '2026-11-20',
          detected_on: TODAY,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const inspectorUser = await t.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'inspector')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('reminder')
        .values({
          alert_id: alert.id,
          channel: 'inbox',
          recipient_user_id: inspectorUser.id,
          dedup_key: `tasks-e2e-${alert.id}`,
          status: 'sent',
          sent_at: new Date(),
        })
        .execute();
      ids.penalty = (
        await t.db
          .insertInto('penalty')
          .values({
            entity_id: entity.id,
            regime_code: 'R09',
            inspection_id: ids.done,
            decided_on: TODAY,
            // A lawful one (core's validatePenalty): records not kept, 200–1,000 yuan.
            violation_code: 'R09-PAWN-RECORDS-NOT-KEPT',
            severity: 'standard',
            party_type: 'unit',
            party_name: entity.name,
            warning: false,
            fine_fen: 50_000,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

async function phonePage(username: string): Promise<Page> {
  const ctx = await h.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 120_000 });
  return page;
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

let inspector: Page;

describe('My tasks on a phone (issue 10 §1–§2)', () => {
  it('lands the inspector on /tasks with today’s inspection and the other officer', async () => {
    inspector = await phonePage('inspector');
    expect(new URL(inspector.url()).pathname).toBe('/tasks');
    const today = inspector.getByTestId('tasks-group-today');
    const task = today.locator(`[data-task-id="${ids.today}"]`);
    expect(await task.getByTestId('task-link').textContent()).toBe(entityName);
    expect(await task.getByTestId('task-link').getAttribute('href')).toBe(`/inspections/${ids.today}`);
    expect(await task.getByTestId('task-partner').textContent()).toContain(partnerName);
    expect(await task.textContent()).toContain('抽查');
    expect(await task.textContent()).toContain('旅馆');
    // A review inspection this week opens the review page; the missed complaint visit is overdue.
    const review = inspector.getByTestId('tasks-group-this_week').locator(`[data-task-id="${ids.review}"]`);
    expect(await review.getByTestId('task-link').getAttribute('href')).toBe(`/reviews/${ids.review}`);
    expect(await inspector.getByTestId('tasks-group-overdue').locator(`[data-task-id="${ids.overdue}"]`).count()).toBe(1);
    // Counts per group, as many as the cards shown (well under the cap).
    for (const g of ['today', 'this_week', 'overdue']) {
      const count = Number(await inspector.getByTestId(`tasks-count-${g}`).textContent());
      expect(count).toBeGreaterThan(0);
      expect(await inspector.getByTestId(`tasks-group-${g}`).getByTestId('task').count()).toBe(count);
    }
    // Yesterday's done inspection is no task any more.
    expect(await inspector.locator(`[data-task-id="${ids.done}"]`).count()).toBe(0);
  });

  it('answers the same tasks as JSON, and names a bad range field', async () => {
    const r = await inspector.request.get(`${h.base}/api/v1/tasks`);
    expect(r.status()).toBe(200);
    const body = (await r.json()) as {
      today: string;
      week: { start: string; end: string };
      groups: Record<
        string,
        { count: number; items: { id: number; href: string; plannedOn: string; otherOfficers: { name: string }[] }[] }
      >;
    };
    expect(body.today).toBe(TODAY);
    expect(body.week).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    const t = body.groups.today!.items.find((x) => x.id === ids.today)!;
    expect(t.href).toBe(`/inspections/${ids.today}`);
    expect(t.otherOfficers.map((o) => o.name)).toContain(partnerName);
    expect(body.groups.overdue!.items.map((x) => x.id)).toContain(ids.overdue);
    const bad = await inspector.request.get(`${h.base}/api/v1/tasks?from=2026-13-01`);
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('from');
    const ranged = (await (
      await inspector.request.get(`${h.base}/api/v1/tasks?from=2026-11-27&to=2026-11-27`)
    ).json()) as typeof body;
    // Only the day asked for (the demo's own visits of that day may be there too).
    expect(ranged.groups.this_week!.items.map((x) => x.id)).toContain(ids.review);
    expect(new Set(ranged.groups.this_week!.items.map((x) => x.plannedOn))).toEqual(new Set(['2026-11-27']));
    expect(ranged.groups.today!.count).toBe(0);
  });

  it('fits 390 px without sideways scrolling on every page an inspector uses', async () => {
    const widths: Record<string, number> = {};
    for (const path of [
      '/tasks',
      '/inbox',
      '/registry',
      `/registry/${encodeURIComponent(entityCode)}`,
      '/account/password',
      '/account/totp',
    ]) {
      const r = await inspector.goto(`${h.base}${path}`);
      expect(r?.status(), path).toBe(200);
      widths[path] = await scrollWidth(inspector);
    }
    const anon = await (await h.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
    contexts.push(anon.context());
    await anon.goto(`${h.base}/login`);
    widths['/login'] = await scrollWidth(anon);
    for (const [path, w] of Object.entries(widths)) expect(w, path).toBeLessThanOrEqual(PHONE.width);
    // The inbox was measured with its entry (the wide table scrolls inside its own box).
    await inspector.goto(`${h.base}/inbox`);
    expect(await inspector.getByTestId('inbox-entry').count()).toBe(1);
    expect(await scrollWidth(inspector)).toBeLessThanOrEqual(PHONE.width);
  });

  it('folds the header menu behind a toggle that opens it', async () => {
    await inspector.goto(`${h.base}/tasks`);
    const toggle = inspector.getByTestId('menu-toggle');
    const inbox = inspector.locator('[data-testid="main-menu"] a[data-menu="inbox"]');
    await inspector.waitForLoadState('networkidle');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await inbox.isVisible()).toBe(false);
    await toggle.click();
    await inbox.waitFor({ state: 'visible' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // My tasks comes first in an inspector's menu.
    expect(await inspector.locator('[data-testid="main-menu"] a').first().getAttribute('data-menu')).toBe('tasks');
    expect(await scrollWidth(inspector)).toBeLessThanOrEqual(PHONE.width);
    // Following a link closes it again.
    await Promise.all([inspector.waitForURL((u) => u.pathname === '/inbox'), inbox.click()]);
    await inspector.locator('[data-testid="main-menu"] a[data-menu="tasks"]').waitFor({ state: 'hidden' });
  });

  it('shows the entity’s file newest first, the hostile hazard text literally', async () => {
    await inspector.goto(`${h.base}/registry/${encodeURIComponent(entityCode)}`);
    const entries = inspector.getByTestId('entity-file-entry');
    const rows = await entries.evaluateAll((els) =>
      els.map((e) => ({
        key: `${e.getAttribute('data-on')} ${e.getAttribute('data-kind')} ${e.getAttribute('data-id')}`,
        on: e.getAttribute('data-on')!,
        text: e.textContent ?? '',
      })),
    );
    expect(rows.length).toBeGreaterThan(6);
    const days = rows.map((r) => r.on);
    expect(days).toEqual([...days].sort().reverse());
    // This test's records among the demo's: the planned review on the 27th, today's penalty before
    // today's planned visit, then yesterday's notice, hazard and inspection (the procedure backwards).
    const mine = [
      `2026-11-27 inspection ${ids.review}`,
      `${TODAY} penalty ${ids.penalty}`,
      `${TODAY} inspection ${ids.today}`,
      `2026-11-24 rectification ${ids.rectification}`,
      `2026-11-24 hazard`,
      `2026-11-24 inspection ${ids.done}`,
    ];
    const ours = rows.filter((r) => (r.key.includes(' hazard ') ? r.text.includes(HOSTILE) : mine.includes(r.key)));
    expect(ours.map((r) => r.key.replace(/ hazard \d+$/, ' hazard'))).toEqual(mine);
    const [, penalty, , notice, hazard, inspection] = ours;
    expect(penalty!.text).toContain('典当行未如实记录、统计并报送质押当物和当户信息');
    expect(penalty!.text).toContain('500.00');
    expect(notice!.text).toContain('鹿公治限改字〔2026〕9001号');
    expect(hazard!.text).toContain(HOSTILE);
    expect(inspection!.text).toContain(partnerName);
    const caseLinks = await inspector
      .getByTestId('entity-file-case')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(caseLinks).toContain(`/cases/${ids.done}`);
    expect(await inspector.locator('script:has-text("alert(\'x\')")').count()).toBe(0);
  });
});

describe('who may not use My tasks', () => {
  it('refuses a leader /tasks and its API (403), and leaves the leader on the dashboard', async () => {
    const leader = await phonePage('leader');
    expect(new URL(leader.url()).pathname).toBe('/dashboard');
    expect(await leader.locator('[data-testid="main-menu"] a[data-menu="tasks"]').count()).toBe(0);
    const page = await leader.goto(`${h.base}/tasks`);
    expect(page?.status()).toBe(403);
    expect((await leader.request.get(`${h.base}/api/v1/tasks`)).status()).toBe(403);
  });

  it('tells an inspector account without an officer link that it has no tasks', async () => {
    await h.t.db.updateTable('app_user').set({ officer_id: null }).where('username', '=', 'inspector').execute();
    await inspector.goto(`${h.base}/tasks`);
    expect(await inspector.getByTestId('tasks-no-officer').textContent()).toContain('未关联执法人员');
    expect(await inspector.getByTestId('task').count()).toBe(0);
    expect((await inspector.request.get(`${h.base}/api/v1/tasks`)).status()).toBe(409);
  });
});
