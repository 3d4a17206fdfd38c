import { seedDemo } from '@supervise/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTokenFor, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 9 §6–§7 in the browser, on the BUILT server: the security administrator links an account to
 * an officer record (required before the inspector role), the refusals are named on the page and
 * kept in the audit log, and the audit administrator reads them in words.
 */
let h: WebHarness;
const contexts: BrowserContext[] = [];
const PASSWORD = 'Str0ng-Passw0rd!';
let freeOfficer = '';

async function asAdmin(username: string): Promise<Page> {
  const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  contexts.push(ctx);
  // Administrators owe a second factor at login (tested elsewhere): a live session is written directly.
  await ctx.addCookies([{ name: 'sid', value: await sessionTokenFor(h.t, username), url: h.base }]);
  return ctx.newPage();
}

beforeAll(async () => {
  h = await startWeb({ seed: (t) => seedDemo(t.db, { today: '2026-11-27' }) });
  const o = await h.t.db
    .selectFrom('officer as o')
    .leftJoin('app_user as u', 'u.officer_id', 'o.id')
    .select('o.code')
    .where('u.id', 'is', null)
    .where('o.brigade_id', '=', 'B-ZA')
    .orderBy('o.code')
    .executeTakeFirstOrThrow();
  freeOfficer = o.code;
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

const problems = async (page: Page) => (await page.getByTestId('form-error').textContent()) ?? '';

describe('linking an account to an officer (issue 9 §6)', () => {
  it('refuses a new inspector without an officer, then links one on the account page before the role', async () => {
    const page = await asAdmin('secadmin');
    await page.goto(`${h.base}/admin/users/new`, { waitUntil: 'networkidle' });
    await page.fill('input[name="username"]', 'zhou.min');
    await page.fill('input[name="displayName"]', '周敏');
    await page.fill('input[name="password"]', PASSWORD);
    await page.selectOption('select[name="role"]', 'inspector');
    await page.selectOption('select[name="brigadeId"]', 'B-ZA');
    await page.click('main button[type="submit"]');
    await page.getByTestId('form-error').waitFor();
    expect(await problems(page)).toContain('须关联民警');
    expect(
      await h.t.db.selectFrom('app_user').select('id').where('username', '=', 'zhou.min').executeTakeFirst(),
    ).toBeUndefined();

    // As a leader first (no officer needed), then the officer link, then the inspector role.
    await page.selectOption('select[name="role"]', 'leader');
    await page.selectOption('select[name="brigadeId"]', '');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([
      page.waitForURL((u) => /^\/admin\/users\/\d+$/.test(u.pathname)),
      page.click('main button[type="submit"]'),
    ]);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('user-officer').textContent()).toContain('未关联民警');

    await page.selectOption('form[action="?/grant"] select[name="role"]', 'inspector');
    await page.selectOption('form[action="?/grant"] select[name="brigadeId"]', 'B-ZA');
    await page.click('form[action="?/grant"] button[type="submit"]');
    await page.getByTestId('form-error').waitFor();
    expect(await problems(page)).toContain('须关联民警');

    await page.fill('form[action="?/linkOfficer"] input[name="officerCode"]', freeOfficer);
    await page.getByTestId('link-officer').click();
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid="user-officer"]')?.textContent?.includes(code),
      freeOfficer,
    );
    await page.screenshot({ path: '/tmp/account-officer-1366.png', fullPage: true });

    await page.selectOption('form[action="?/grant"] select[name="role"]', 'inspector');
    await page.selectOption('form[action="?/grant"] select[name="brigadeId"]', 'B-ZA');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('?/grant') && r.request().method() === 'POST'),
      page.click('form[action="?/grant"] button[type="submit"]'),
    ]);
    await page.waitForLoadState('networkidle');
    const account = await h.t.db
      .selectFrom('app_user as u')
      .innerJoin('officer as o', 'o.id', 'u.officer_id')
      .select(['o.code'])
      .where('u.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(account.code).toBe(freeOfficer);
    const roles = await h.t.db.selectFrom('user_role').select('role').where('user_id', '=', id).orderBy('role').execute();
    expect(roles.map((r) => r.role)).toEqual(['inspector', 'leader']);

    // 三权分立: no administrator role on this business account.
    await page.selectOption('form[action="?/grant"] select[name="role"]', 'audit_admin');
    await page.selectOption('form[action="?/grant"] select[name="brigadeId"]', '');
    await page.click('form[action="?/grant"] button[type="submit"]');
    await page.getByTestId('form-error').waitFor();
    expect(await problems(page)).toContain('三权分立');

    const grants = await h.t.db
      .selectFrom('audit_log')
      .select(['outcome', 'reason'])
      .where('action', '=', 'user.role_grant')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(grants).toEqual([
      { outcome: 'failure', reason: 'officer_required' },
      { outcome: 'success', reason: null },
      { outcome: 'failure', reason: 'business_and_admin' },
    ]);
    await page.close();
  });

  it('shows the audit administrator actions and outcomes in words, not codes', async () => {
    const page = await asAdmin('auditor');
    await page.goto(`${h.base}/admin/audit?action=user.role_grant`);
    const actions = await page.$$eval('[data-testid="audit-action"]', (els) => els.map((e) => e.textContent?.trim()));
    expect(actions.length).toBe(3);
    expect(new Set(actions)).toEqual(new Set(['授予角色']));
    const outcomes = await page.$$eval('[data-testid="audit-outcome"]', (els) => els.map((e) => e.textContent?.trim() ?? ''));
    expect(outcomes.some((o) => o.startsWith('失败'))).toBe(true);
    expect(outcomes.some((o) => o.startsWith('成功'))).toBe(true);
    expect((await page.getByTestId('audit-table').textContent()) ?? '').not.toContain('user.role_grant');
    await page.close();
  });
});
