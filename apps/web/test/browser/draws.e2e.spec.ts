import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEMO_PASSWORD, createAccount, hashPassword, seedDemo } from '@supervise/db';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startWeb, type WebHarness } from './harness.js';

/**
 * Issue 9 §3–§4 in the browser, on the demo district with today pinned: the scheduler creates an R09
 * campaign (a share below 30% is refused first, the rule named), sees its commitment and population
 * hash at once, executes it with a beacon, downloads the record, and the BUILT CLI
 * (`node apps/cli/dist/main.js draw verify FILE`) prints OK on it; the same file verifies on
 * /draws/verify. The public page lists the draw without login from its creation and serves the very
 * same JSON. A redraw is requested by the scheduler and approved by the leader; the old draw stays.
 * Every step is in the audit log. Build first: `pnpm exec turbo run build --filter=@supervise/web...
 * --filter=@supervise/cli`. Screenshots in /tmp/draws-*.png (DRAWS_SCREENSHOT_DIR).
 */
const TODAY = '2026-11-27';
const CLI_MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../../cli/dist/main.js');
const SHOTS = process.env.DRAWS_SCREENSHOT_DIR ?? '/tmp';
const CAMPAIGN = '2026 专项督察 第4次';
const run = promisify(execFile);

let h: WebHarness;
let dir: string;
const contexts: BrowserContext[] = [];

async function signedIn(username: string): Promise<Page> {
  const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login');
  return page;
}

beforeAll(async () => {
  h = await startWeb({
    seed: async (t) => {
      await seedDemo(t.db, { today: TODAY });
      // A traffic-brigade scheduler: R09 draws are outside their scope.
      await createAccount(t.db, {
        username: 'jj_scheduler',
        displayName: 'B-JJ scheduler',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        mustChangePassword: false,
        roles: [{ role: 'scheduler', brigadeId: 'B-JJ', stationId: null }],
        now: new Date(),
      });
    },
    env: { SUPERVISE_TODAY: TODAY },
  });
  dir = await mkdtemp(join(tmpdir(), 'supervise-draws-e2e-'));
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('campaigns and verifiable draws (双随机、一公开)', () => {
  let scheduler: Page;
  let drawId: string;
  let commitment: string;
  let populationHash: string;
  let file: string;
  let downloaded: string;

  it('the scheduler is refused a share below R09’s 30% with the rule named, then creates the campaign', async () => {
    scheduler = await signedIn('scheduler');
    await scheduler.goto(`${h.base}/draws`, { waitUntil: 'networkidle' });
    await expect.poll(() => scheduler.getByTestId('draw-rule').textContent()).toContain('0.30');
    await scheduler.fill('input[name="campaign"]', CAMPAIGN);
    await scheduler.fill('input[name="share"]', '0.25');
    await scheduler.click('[data-testid="draw-create"] button[type="submit"]');
    const refusal = scheduler.getByTestId('draw-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('R09-SPECIAL');
    expect(await h.t.db.selectFrom('draw').select('id').execute()).toEqual([]);

    await scheduler.fill('input[name="share"]', '');
    await Promise.all([
      scheduler.waitForURL(/\/draws\/DRAW-\d{4}-\d{5}$/),
      scheduler.click('[data-testid="draw-create"] button[type="submit"]'),
    ]);
    drawId = decodeURIComponent(new URL(scheduler.url()).pathname.split('/').pop()!);
    commitment = (await scheduler.getByTestId('draw-commitment').textContent())!.trim();
    populationHash = (await scheduler.getByTestId('draw-population-hash').textContent())!.trim();
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(populationHash).toMatch(/^[0-9a-f]{64}$/);
    const row = await h.t.db.selectFrom('draw').selectAll().where('id', '=', drawId).executeTakeFirstOrThrow();
    expect([row.seed_commitment, row.population_sha256, row.status, row.seed]).toEqual([
      commitment,
      populationHash,
      'frozen',
      null,
    ]);
    await scheduler.screenshot({ path: join(SHOTS, 'draws-created.png'), fullPage: true });
  });

  it('the public page lists it at once, without login, with commitment and population hash', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${h.base}/public/draws`);
    expect(new URL(page.url()).pathname).toBe('/public/draws');
    const row = page.locator(`tr[data-draw="${drawId}"]`);
    expect(await row.getByTestId('public-commitment').textContent()).toBe(commitment);
    expect(await row.getByTestId('public-population-hash').textContent()).toBe(populationHash);
    expect(await row.getByTestId('public-record-link').count()).toBe(0);
    // No record (and no seed) before execution.
    expect((await fetch(`${h.base}/public/draws/${drawId}.json`)).status).toBe(404);
  });

  it('executes with a beacon; the record shows targets, tickets, officers and exclusions; it downloads', async () => {
    await scheduler.fill('[data-testid="draw-execute"] input[name="beacon"]', '3 5 1 6 2');
    await Promise.all([
      scheduler.getByTestId('draw-targets').waitFor(),
      scheduler.click('[data-testid="draw-execute"] button[type="submit"]'),
    ]);
    const targets = await scheduler.locator('[data-testid="draw-targets"] tbody tr').count();
    const stored = await h.t.db.selectFrom('draw').selectAll().where('id', '=', drawId).executeTakeFirstOrThrow();
    expect(stored.status).toBe('executed');
    expect(stored.k).toBe(Math.ceil((stored.population!.length * 3) / 10));
    // A page of at most 100 targets at a time (a province's draw has 30,000); every target on some page.
    expect(targets).toBe(Math.min(stored.k!, 100));
    if (stored.k! > 100) {
      const pages = Math.ceil(stored.k! / 100);
      expect(await scheduler.getByTestId('draw-targets-range').first().textContent()).toContain(String(stored.k));
      const last = await scheduler.context().newPage();
      await last.goto(`${h.base}/draws/${drawId}?page=${pages}`);
      expect(await last.locator('[data-testid="draw-targets"] tbody tr').count()).toBe(stored.k! - 100 * (pages - 1));
      expect(await last.locator('[data-testid="draw-targets"] tbody tr td').first().textContent()).toBe(
        String(100 * (pages - 1) + 1),
      );
      await last.close();
    }
    expect(await scheduler.getByTestId('draw-seed').textContent()).toBe(stored.seed);
    expect(await scheduler.locator('[data-testid="draw-targets"] code.ticket').first().textContent()).toMatch(/^0\.\d+…$/);
    expect(await scheduler.getByTestId('draw-roster').textContent()).toContain('（');
    await scheduler.screenshot({ path: join(SHOTS, 'draws-record.png'), fullPage: true });

    const [download] = await Promise.all([scheduler.waitForEvent('download'), scheduler.click('[data-testid="draw-download"]')]);
    file = join(dir, `${drawId}.json`);
    await download.saveAs(file);
    downloaded = await readFile(file, 'utf8');
    const record = JSON.parse(downloaded) as {
      draw_id: string;
      seed_commitment: string;
      population_sha256: string;
      beacon: string;
      excluded: { inspector: string; target: string; reason: string }[];
    };
    expect([record.draw_id, record.seed_commitment, record.population_sha256, record.beacon]).toEqual([
      drawId,
      commitment,
      populationHash,
      '3 5 1 6 2',
    ]);
    // The exclusions one row per officer and reason, each naming its count when it names fewer units.
    const groups = new Set(record.excluded.map((e) => `${e.inspector} ${e.reason}`));
    const rows = scheduler.locator('[data-testid="draw-exclusions"] tbody tr');
    expect(await rows.count()).toBe(Math.max(1, groups.size));
    expect(await scheduler.getByRole('heading', { name: new RegExp(`（${record.excluded.length} 项）`) }).count()).toBe(1);
  });

  it('`supervise draw verify` prints OK on the downloaded file', async () => {
    const { stdout } = await run(process.execPath, [CLI_MAIN, 'draw', 'verify', file], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: h.t.url },
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe('OK');
  });

  it('the same file verifies on /draws/verify; a tampered one names the difference', async () => {
    await scheduler.goto(`${h.base}/draws/verify`, { waitUntil: 'networkidle' });
    await scheduler.setInputFiles('input[name="record"]', file);
    await scheduler.click('[data-testid="draw-verify"] button[type="submit"]');
    await expect.poll(() => scheduler.getByTestId('verify-result').textContent()).toContain('OK');

    const tampered = JSON.parse(downloaded) as { selected: string[]; population: string[] };
    const outsider = tampered.population.find((c) => !tampered.selected.includes(c))!;
    tampered.selected[0] = outsider;
    await scheduler.setInputFiles('input[name="record"]', {
      name: 'tampered.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tampered)),
    });
    await scheduler.click('[data-testid="draw-verify"] button[type="submit"]');
    await expect.poll(() => scheduler.getByTestId('verify-result').textContent()).toContain('selected[0]');
  });

  it('the public JSON, without login, equals the downloaded record; officers only by name and number', async () => {
    const r = await fetch(`${h.base}/public/draws/${drawId}.json`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(downloaded));
    expect(text).toBe(downloaded);
    const record = JSON.parse(text) as { names: { officers: Record<string, string> }; inspectors: string[] };
    expect(Object.keys(record.names.officers).sort()).toEqual([...record.inspectors].sort());
    const credentials = await h.t.db
      .selectFrom('officer')
      .select('credential_no')
      .where('credential_no', 'is not', null)
      .execute();
    expect(credentials.some((c) => text.includes(c.credential_no!))).toBe(false);
    // The API answers the same record to a signed-in scheduler, 401 without a session.
    expect((await fetch(`${h.base}/api/v1/draws/${drawId}/record`)).status).toBe(401);
    const api = await scheduler.request.get(`${h.base}/api/v1/draws/${drawId}/record`);
    expect(await api.text()).toBe(downloaded);

    const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${h.base}/public/draws`);
    await page.locator(`tr[data-draw="${drawId}"]`).getByTestId('public-record-link').waitFor();
    expect(await page.getByTestId('public-how').textContent()).toContain('supervise draw verify');
    await page.screenshot({ path: join(SHOTS, 'draws-public.png'), fullPage: true });
  });

  it('a redraw: the scheduler asks with a reason, the leader approves, the old draw is kept', async () => {
    await scheduler.goto(`${h.base}/draws/${drawId}`, { waitUntil: 'networkidle' });
    await scheduler.fill('[data-testid="redraw-request"] input[name="reason"]', '名单漏登两家典当行 / two pawnshops missing');
    await scheduler.click('[data-testid="redraw-request"] button[type="submit"]');
    await scheduler.getByTestId('redraw-requests').waitFor();
    expect(await scheduler.getByTestId('redraw-approve').count()).toBe(0);

    const leader = await signedIn('leader');
    await leader.goto(`${h.base}/draws`, { waitUntil: 'networkidle' });
    await leader.getByTestId('redraw-pending').waitFor();
    await leader.goto(`${h.base}/draws/${drawId}`, { waitUntil: 'networkidle' });
    await Promise.all([
      leader.waitForURL((u) => u.pathname.startsWith('/draws/') && !u.pathname.endsWith(drawId)),
      leader.click('[data-testid="redraw-approve"]'),
    ]);
    const newId = decodeURIComponent(new URL(leader.url()).pathname.split('/').pop()!);
    const fresh = await h.t.db.selectFrom('draw').selectAll().where('id', '=', newId).executeTakeFirstOrThrow();
    const leaderId = (await h.t.db.selectFrom('app_user').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow())
      .id;
    expect([fresh.replaces, fresh.approved_by_user, fresh.status]).toEqual([drawId, leaderId, 'frozen']);
    // The old draw is kept and still served publicly.
    expect((await fetch(`${h.base}/public/draws/${drawId}.json`)).status).toBe(200);
    await scheduler.goto(`${h.base}/draws/${drawId}`);
    expect(await scheduler.getByTestId('draw-replaced-by').textContent()).toBe(newId);
    await scheduler.goto(`${h.base}/draws`, { waitUntil: 'networkidle' });
    expect(await scheduler.locator('[data-testid="draw-list"] tbody tr').count()).toBe(2);
    await scheduler.screenshot({ path: join(SHOTS, 'draws-list.png'), fullPage: true });
  });

  it('the public page reads in English too, both draws listed', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en' });
    contexts.push(ctx);
    await ctx.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: h.base }]);
    const page = await ctx.newPage();
    await page.goto(`${h.base}/public/draws`);
    expect(await page.locator('h1').textContent()).toBe('Random inspection draws, published (一公开)');
    expect(await page.locator('[data-testid="public-draws"] tbody tr').count()).toBe(2);
    expect(await page.getByTestId('public-how').textContent()).toContain('independently');
    await page.screenshot({ path: join(SHOTS, 'draws-public-en.png'), fullPage: true });
  });

  it('a scheduler of another brigade neither sees nor opens the R09 draws (403)', async () => {
    const jj = await signedIn('jj_scheduler');
    await jj.goto(`${h.base}/draws`, { waitUntil: 'networkidle' });
    expect(await jj.locator('[data-testid="draw-list"] a').count()).toBe(0);
    expect(await jj.locator('[data-testid="draw-create"]').count()).toBe(0);
    expect((await jj.request.get(`${h.base}/draws/${drawId}`, { maxRedirects: 0 })).status()).toBe(403);
    expect((await jj.request.get(`${h.base}/api/v1/draws/${drawId}/record`)).status()).toBe(403);
  });

  it('each step is in the audit log, by the account that took it', async () => {
    const rows = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_username', 'entity_id', 'details'])
      .where('action', 'like', 'draw.%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.outcome, r.actor_username])).toEqual([
      ['draw.create', 'failure', 'scheduler'],
      ['draw.create', 'success', 'scheduler'],
      ['draw.execute', 'success', 'scheduler'],
      ['draw.redraw.request', 'success', 'scheduler'],
      ['draw.redraw.approve', 'success', 'leader'],
    ]);
    expect(rows.slice(1).every((r) => r.entity_id === drawId)).toBe(true);
    expect(rows.every((r) => (r.details as { via: string }).via === 'web')).toBe(true);
  });

  it('the JSON API: the same use-cases, refusals named, each step audited as via api', async () => {
    const post = (page: Page, path: string, data: unknown) =>
      page.request.post(`${h.base}${path}`, { data, headers: { 'content-type': 'application/json' } });
    const low = await post(scheduler, '/api/v1/draws', { regime: 'R10', campaign: 'API 专项', share: '0.10' });
    expect(low.status()).toBe(400);
    expect(((await low.json()) as { error: { code: string; rule: string; field: string } }).error).toMatchObject({
      code: 'DRAW_RULE',
      field: 'share',
      rule: 'R10-SPECIAL（R10 监督检查方式 2）',
    });
    const denied = await post(scheduler, '/api/v1/draws', { regime: 'R14', campaign: 'x', requested: 1 });
    expect(denied.status()).toBe(403);
    const created = await post(scheduler, '/api/v1/draws', { regime: 'R10', campaign: 'API 专项 2/2' });
    expect(created.status()).toBe(201);
    const { id, seedCommitment } = (await created.json()) as { id: string; seedCommitment: string };
    expect(seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    const executed = await post(scheduler, `/api/v1/draws/${id}/execute`, { beacon: '42' });
    expect(executed.status()).toBe(200);
    expect(((await executed.json()) as { k: number }).k).toBeGreaterThan(0);
    expect((await post(scheduler, `/api/v1/draws/${id}/execute`, { beacon: '43' })).status()).toBe(409);
    const listed = (await (await scheduler.request.get(`${h.base}/api/v1/draws`)).json()) as { draws: { id: string }[] };
    expect(listed.draws.map((d) => d.id)).toContain(id);

    const asked = await post(scheduler, `/api/v1/draws/${id}/redraw-requests`, { reason: 'API test' });
    expect(asked.status()).toBe(201);
    const { requestId } = (await asked.json()) as { requestId: number };
    const leader = await signedIn('leader');
    expect((await post(scheduler, `/api/v1/draws/redraw-requests/${requestId}/decision`, { decision: 'approve' })).status()).toBe(
      403,
    );
    const decided = await post(leader, `/api/v1/draws/redraw-requests/${requestId}/decision`, { decision: 'reject' });
    expect(decided.status()).toBe(200);

    const rows = (
      await h.t.db
        .selectFrom('audit_log')
        .select(['action', 'outcome', 'actor_username', 'details'])
        .where('action', 'like', 'draw.%')
        .orderBy('id')
        .execute()
    ).filter((r) => (r.details as { via: string }).via === 'api');
    expect(rows.map((r) => [r.action, r.outcome, r.actor_username])).toEqual([
      ['draw.create', 'failure', 'scheduler'],
      ['draw.create', 'denied', 'scheduler'],
      ['draw.create', 'success', 'scheduler'],
      ['draw.execute', 'success', 'scheduler'],
      ['draw.execute', 'failure', 'scheduler'],
      ['draw.redraw.request', 'success', 'scheduler'],
      ['draw.redraw.reject', 'success', 'leader'],
    ]);
  });
});
