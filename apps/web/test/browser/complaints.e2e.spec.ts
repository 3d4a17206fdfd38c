import { DEMO_INSPECTOR_OFFICER_CODE, DEMO_PASSWORD, seedCalendarFromPackage, seedDemo } from '@supervise/db';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsAsText } from '@supervise/db/testing';
import { login, sessionTokenFor, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 13 §4 in the browser, on the BUILT server: a member of the public reports on /report (no
 * login); the scheduler assigns it, opens an inspection (its case file follows) and replies before the
 * deadline; the inspection is in the officer's My tasks. The planted informant's name and phone are
 * shown only to the complaints officer (every view audited) and appear nowhere else: not in the
 * server's log, any database row outside complaint_informant (audit log, job payloads of the queue's
 * PostgreSQL backend, reminders), the exports, the JSON API or the public pages. A non-complaints
 * officer gets 403 on the identity.
 */
const TODAY = '2026-11-25';
const PLANTED = '甄十三举报人';
const PHONE = '13900001313';
// The demo's complaints officer (bureau-wide `complaints_officer`, the only role that sees an informant).
const OFFICER = { username: 'complaints', password: DEMO_PASSWORD };

let h: WebHarness;
const contexts: BrowserContext[] = [];
let entityCode = '';
let complaintId = 0;
let inspectionId = 0;
let caseId = 0;

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedCalendarFromPackage(t.db);
      await seedDemo(t.db, { today: TODAY });
      // The assigned officer and every B-ZA officer keep a valid credential (the partner is ranked from them).
      await t.db
        .updateTable('officer')
        .set({ credential_no: 'E2E-CRED', credential_expires_on: '2030-12-31' })
        .where('brigade_id', '=', 'B-ZA')
        .execute();
      const e = await t.db
        .selectFrom('entity')
        .select('code')
        .where('regime_code', '=', 'R09')
        .where('kind', '=', 'hotel')
        .where('status', '=', 'active')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      entityCode = e.code;
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
}, 600_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

async function newPage(): Promise<Page> {
  const ctx = await h.browser.newContext({ locale: 'zh-CN' });
  contexts.push(ctx);
  return ctx.newPage();
}

async function pageAs(username: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await newPage();
  await login(page, h.base, username, password);
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 120_000 });
  return page;
}

const hasSecret = (text: string) => text.includes(PLANTED) || text.includes(PHONE);

/** Every cell of an XLSX export as text (the file itself is zipped). */
async function xlsxText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => out.push(JSON.stringify(row.values))));
  expect(out.length).toBeGreaterThan(1);
  return out.join('\n');
}

describe('a public complaint becomes a case, an inspection and a reply in time (issue 13 §4, §5)', () => {
  it('takes a report on the public form without a login, and gives a number and a reply date with its note', async () => {
    const anon = await newPage();
    await anon.goto(`${h.base}/report`, { waitUntil: 'networkidle' });
    await anon.selectOption('[data-testid="report-regime"]', 'R09');
    await anon.fill('[data-testid="report-place"]', '鹿泉区某宾馆');
    await anon.fill('[data-testid="report-content"]', '该宾馆不登记住客身份信息。');
    await anon.fill('[data-testid="report-name"]', PLANTED);
    await anon.fill('[data-testid="report-phone"]', PHONE);
    await anon.click('[data-testid="report-submit"]');
    const number = (await anon.getByTestId('report-number').textContent())!.trim();
    expect(number).toMatch(/^JB2026-\d{6}$/);
    expect(await anon.getByTestId('report-period-note').isVisible()).toBe(true);
    expect(hasSecret(await anon.content())).toBe(false);
    const row = await h.t.db
      .selectFrom('complaint')
      .select(['id', 'reply_due_on', 'channel'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    complaintId = Number(row.id);
    expect(row.channel).toBe('web');
    expect(row.reply_due_on).toBe('2026-12-10');
  });

  it('limits the public form per address', async () => {
    const anon = await newPage();
    const post = () =>
      anon.request.post(`${h.base}/report`, {
        form: { regime: 'R09', content: '重复提交' },
        headers: { origin: h.base },
      });
    // A form action answers a script's POST with JSON: `{ type, status }`.
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = (await (await post()).json()) as { type: string; status: number };
      outcomes.push(r.type === 'failure' ? `failure ${r.status}` : r.type);
    }
    // One was taken above from the same address: four more pass, the next is refused and not stored.
    expect(outcomes).toEqual(['success', 'success', 'success', 'success', 'failure 429']);
    const stored = await h.t.db.selectFrom('complaint').select('id').where('channel', '=', 'web').execute();
    expect(stored).toHaveLength(5);
  });

  it('is assigned, becomes a case with its inspection and is answered before its deadline', async () => {
    const scheduler = await pageAs('scheduler');
    await scheduler.goto(`${h.base}/complaints/${complaintId}`, { waitUntil: 'networkidle' });
    expect(hasSecret(await scheduler.content())).toBe(false);
    expect(await scheduler.getByTestId('complaint-informant-link').count()).toBe(0);
    await scheduler.fill('[data-testid="complaint-officer"]', DEMO_INSPECTOR_OFFICER_CODE);
    await scheduler.click('[data-testid="complaint-assign"]');
    await scheduler.getByTestId('complaint-assigned').filter({ hasText: DEMO_INSPECTOR_OFFICER_CODE }).waitFor();
    await scheduler.fill('[data-testid="complaint-entity"]', entityCode);
    await scheduler.click('[data-testid="complaint-open"]');
    await scheduler.getByTestId('complaint-inspection-link').waitFor();
    inspectionId = Number((await scheduler.getByTestId('complaint-inspection-link').getAttribute('href'))!.split('/').pop());
    expect(await scheduler.getByTestId('complaint-case-link').getAttribute('href')).toBe(`/cases/${inspectionId}`);
    // Issue 13 §5: the complaint became a case (案件) whose inspection this is.
    const caseLink = scheduler.getByTestId('complaint-incident-link');
    expect(await caseLink.textContent()).toMatch(/已立案 AJ2026-\d{6}/);
    caseId = Number((await caseLink.getAttribute('href'))!.split('/').pop());
    await caseLink.click();
    await scheduler.waitForURL(`**/incidents/${caseId}`);
    expect(await scheduler.getByTestId('incident-source').textContent()).toContain('举报投诉');
    expect(await scheduler.getByTestId('incident-inspection-link').getAttribute('href')).toBe(`/inspections/${inspectionId}`);
    expect(await scheduler.getByTestId('incident-case-file-link').getAttribute('href')).toBe(`/cases/${inspectionId}`);
    expect(hasSecret(await scheduler.content())).toBe(false);
    await scheduler.goto(`${h.base}/incidents`, { waitUntil: 'networkidle' });
    expect(await scheduler.locator(`[data-case-id="${caseId}"]`).count()).toBe(1);
    await scheduler.goto(`${h.base}/complaints/${complaintId}`, { waitUntil: 'networkidle' });
    await scheduler.fill('[data-testid="complaint-reply-text"]', '经核查，已责令该宾馆整改。');
    await scheduler.click('[data-testid="complaint-reply-submit"]');
    await scheduler.getByTestId('complaint-replied-on').waitFor();
    expect(await scheduler.getByTestId('complaint-replied-on').textContent()).toContain('在期限内答复');
    expect(await scheduler.getByTestId('complaint-status').textContent()).toContain('已答复');

    const inspector = await pageAs('inspector');
    await inspector.goto(`${h.base}/tasks`);
    expect(await inspector.getByTestId('tasks-group-today').locator(`[data-task-id="${inspectionId}"]`).count()).toBe(1);
    // A non-complaints officer: 403 on the identity, page and API.
    expect((await inspector.goto(`${h.base}/complaints/${complaintId}/informant`))?.status()).toBe(403);
    expect((await inspector.request.get(`${h.base}/api/v1/complaints/${complaintId}/informant`)).status()).toBe(403);
    expect((await scheduler.request.get(`${h.base}/api/v1/complaints/${complaintId}/informant`)).status()).toBe(403);
  });

  it('shows the identity to the complaints officer only, auditing every view', async () => {
    const officer = await pageAs(OFFICER.username, OFFICER.password);
    await officer.goto(`${h.base}/complaints/${complaintId}`);
    await officer.click('[data-testid="complaint-informant-link"]');
    expect(await officer.getByTestId('informant-name').textContent()).toBe(PLANTED);
    const api = (await (await officer.request.get(`${h.base}/api/v1/complaints/${complaintId}/informant`)).json()) as {
      informant: { phone: string };
    };
    expect(api.informant.phone).toBe(PHONE);
    const views = await h.t.db
      .selectFrom('audit_log')
      .select(['outcome', 'actor_username'])
      .where('action', '=', 'complaint.informant.view')
      .where('entity_id', '=', String(complaintId))
      .execute();
    expect(views.filter((v) => v.outcome === 'success').map((v) => v.actor_username)).toEqual([
      OFFICER.username,
      OFFICER.username,
    ]);
  });

  it('finds the planted identity nowhere else: logs, rows, job payloads, exports, API, public pages', async () => {
    const scheduler = await pageAs('scheduler');
    const texts: Record<string, string> = {};
    for (const path of ['/registry/export', '/plan/export', '/credit/export?format=xlsx'])
      texts[path] = await xlsxText(await (await scheduler.request.get(`${h.base}${path}`)).body());
    for (const path of [
      '/api/v1/complaints',
      `/complaints/${complaintId}`,
      '/complaints',
      '/incidents',
      `/incidents/${caseId}`,
      '/credit',
      '/credit/export?format=csv',
      '/window',
    ])
      texts[path] = await (await scheduler.request.get(`${h.base}${path}`)).text();
    expect(texts['/api/v1/complaints']).toContain(String(complaintId));
    expect(texts[`/incidents/${caseId}`]).toContain('AJ2026-');
    const auditor = await h.browser.newContext();
    contexts.push(auditor);
    await auditor.addCookies([{ name: 'sid', value: await sessionTokenFor(h.t, 'auditor'), url: h.base }]);
    const audit = await auditor.request.get(`${h.base}/admin/audit/export`);
    expect(audit.status()).toBe(200);
    texts['/admin/audit/export'] = await audit.text();
    expect(texts['/admin/audit/export']).toContain('complaint.informant.view');
    const anon = await newPage();
    for (const path of ['/report', '/public/draws', '/']) texts[path] = await (await anon.request.get(`${h.base}${path}`)).text();
    texts['server log'] = h.log();
    // Every row of every table (job payloads of the PostgreSQL queue backend included), but the informant's own.
    const rows = await rowsAsText(h.t.db, ['public.complaint_informant']);
    expect(rows.size).toBeGreaterThan(20);
    for (const [table, text] of rows) texts[table] = text;
    const leaks = Object.entries(texts)
      .filter(([, text]) => hasSecret(text))
      .map(([where]) => where);
    expect(leaks).toEqual([]);
    // The planted text really is stored (the search would find it): in its own table only.
    const own = await h.t.db
      .selectFrom('complaint_informant')
      .select('name')
      .where('complaint_id', '=', complaintId)
      .executeTakeFirstOrThrow();
    expect(own.name).toBe(PLANTED);
  });
});
