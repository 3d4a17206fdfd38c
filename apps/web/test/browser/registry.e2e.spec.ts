import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, seedDemo } from '@supervise/db';
import { lyingZipBombXlsx } from '@supervise/db/testing';
import iconv from 'iconv-lite';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startBuiltWorker, startWeb, type BuiltWorker, type WebHarness } from './harness.js';

/**
 * Issue 5 done-when: a 5,000-row GBK CSV with 3 bad rows is refused with those 3 rows named and
 * nothing imported; corrected, it imports (as an `import-registry` job run by the real worker) with a
 * progress bar reaching 100%; an inspector who types another brigade's entity URL gets 403.
 * Issue 15 §1: the upload is streamed to the upload directory and parsed by the worker (the page
 * follows it); a file over 20 MB gets 413 with a message; a zip bomb is refused with a message while
 * the web app keeps answering /healthz; no upload file is left behind.
 */
const TODAY = '2026-11-27';
const SCREENSHOT_DIR = process.env.REGISTRY_SCREENSHOT_DIR ?? '/tmp';
const ROWS = 5000;
const HEADER = '对象编码,监管事项,类别,名称,许可证号,地址,所属派出所,联系人,联系电话,风险等级,状态,登记日期';
// Excel rows (header = 1) that the bad file breaks: an unknown kind, a bad date, a kind of another regime.
const BAD = { 101: 'kind', 2502: 'date', 4999: 'regime' } as const;

function csv(bad: boolean): Buffer {
  const lines = [HEADER];
  for (let i = 1; i <= ROWS; i++) {
    const row = i + 1;
    const fault = bad ? BAD[row as keyof typeof BAD] : undefined;
    const kind = fault === 'kind' ? '游戏厅' : fault === 'regime' ? '网吧' : '旅馆';
    const kindText = fault === 'regime' ? '互联网上网服务营业场所' : kind;
    const date = fault === 'date' ? '2024-02-30' : '2019-03-15';
    lines.push(
      `IMP-${String(i).padStart(5, '0')},R09,${kindText},鹿泉导入测试旅馆${i}号,鹿公特旅字第${i}号,石家庄市鹿泉区获鹿镇测试路${i}号,获鹿派出所,张三,0311-8201${String(i % 10000).padStart(4, '0')},低,在册,${date}`,
    );
  }
  // Excel in China saves "CSV" as GBK.
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
}

let h: WebHarness;
let worker: BuiltWorker | undefined;
const contexts: BrowserContext[] = [];
// The upload directory the web app and the worker share (UPLOAD_DIR), this run's own.
const uploadDir = mkdtempSync(join(tmpdir(), 'sv-e2e-uploads-'));
const uploadsLeft = () => readdirSync(uploadDir).filter((f) => f.endsWith('.upload'));

async function signedIn(username: string): Promise<BrowserContext> {
  const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, h.base, username, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.close();
  return ctx;
}

async function upload(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.goto(`${h.base}/registry/import`);
  await page.setInputFiles('[data-testid="import-file"]', { name, mimeType: 'text/csv', buffer: bytes });
  await Promise.all([page.waitForURL(/\/registry\/import\/\d+$/), page.click('[data-testid="import-preview"]')]);
  // The worker reads the file; the page follows it until the batch is no longer `uploaded`.
  await page
    .waitForSelector('[data-testid="import-status"]:not([data-status="uploaded"])', { timeout: 180_000 })
    .catch((e: unknown) => {
      throw new Error(`${String(e)}\nworker log:\n${worker!.log()}`);
    });
}

const importedCount = async () =>
  Number(
    (
      await h.t.db
        .selectFrom('entity')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('code', 'like', 'IMP-%')
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  // The worker runs the import job: same database, and this run's own Redis prefix, which the web
  // server must use too (else its job waits under the default prefix, where no worker of ours reads).
  const queueName = `e2e_reg_${process.pid}`;
  h = await startWeb({
    seed: (t) => seedDemo(t.db, { today: TODAY }),
    env: {
      SUPERVISE_TODAY: TODAY,
      BODY_SIZE_LIMIT: '25M',
      UPLOAD_DIR: uploadDir,
      ...(process.env.REDIS_URL ? { QUEUE_PREFIX: queueName } : {}),
    },
  });
  worker = startBuiltWorker(h.appUrl, queueName, { UPLOAD_DIR: uploadDir });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await worker?.stop();
  await h?.stop();
  rmSync(uploadDir, { recursive: true, force: true });
});

describe('registry import (5,000-row GBK CSV)', () => {
  it('refuses the file with its 3 bad rows named and imports nothing', async () => {
    const scheduler = await signedIn('scheduler');
    const page = await scheduler.newPage();
    await upload(page, '名录-有误.csv', csv(true)).catch((e: unknown) => {
      throw new Error(`${String(e)}\nserver log:\n${h.log()}`);
    });
    await expect.poll(() => page.textContent('[data-testid="import-encoding"]')).toBe('GBK');
    expect(await page.textContent('[data-testid="import-rows"]')).toBe('5,000');
    expect(await page.textContent('[data-testid="import-error-count"]')).toBe('3');
    const rows = await page.$$eval('[data-testid="import-errors"] tbody tr', (trs) =>
      trs.map((tr) => Number(tr.getAttribute('data-row'))),
    );
    expect(rows).toEqual([101, 2502, 4999]);
    const text = await page.textContent('[data-testid="import-errors"]');
    expect(text).toContain('类别');
    expect(text).toContain('登记日期');
    expect(text).toContain('不属于监管事项 R09');
    expect(await page.$('[data-testid="import-commit"]')).toBeNull();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-import-refused.png`, fullPage: false });
    expect(await importedCount()).toBe(0);
  });

  it('imports the corrected file as a job with a progress bar reaching 100%', async () => {
    const scheduler = await signedIn('scheduler');
    const page = await scheduler.newPage();
    await upload(page, '名录-已改正.csv', csv(false));
    expect(await page.textContent('[data-testid="import-error-count"]')).toBe('0');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-progress"]');
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 300_000 }).catch((e: unknown) => {
      throw new Error(`${String(e)}\nworker log:\n${worker!.log()}`);
    });
    expect(await page.getAttribute('[data-testid="import-progress"]', 'value')).toBe('100');
    expect(await page.textContent('[data-testid="import-percent"]')).toBe('100%');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-import-done.png` });
    expect(await importedCount()).toBe(ROWS);
    const batch = await h.t.db
      .selectFrom('import_batch')
      .select(['status', 'inserted', 'processed'])
      .where('file_name', '=', '名录-已改正.csv')
      .executeTakeFirstOrThrow();
    expect(batch).toEqual({ status: 'done', inserted: ROWS, processed: ROWS });

    // The same file again changes nothing.
    await upload(page, '名录-已改正.csv', csv(false));
    expect(await page.getAttribute('[data-testid="import-status"]', 'data-status')).toBe('done');
    expect(await importedCount()).toBe(ROWS);

    await page.goto(`${h.base}/registry?q=${encodeURIComponent('导入测试旅馆4321号')}`);
    expect(await page.textContent('[data-testid="registry-table"]')).toContain('IMP-04321');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-list.png` });
  });
});

describe('uploads (issue 15: streamed to disk, parsed by the worker)', () => {
  it('refuses a zip bomb with a message while the web app keeps answering /healthz; no file is left', async () => {
    const scheduler = await signedIn('scheduler');
    const page = await scheduler.newPage();
    await page.goto(`${h.base}/registry/import`);
    const bomb = lyingZipBombXlsx(600); // under 1 MB on disk, 600 MiB inflated
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await page.setInputFiles('[data-testid="import-file"]', {
      name: '炸弹.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bomb,
    });
    await Promise.all([page.waitForURL(/\/registry\/import\/\d+$/), page.click('[data-testid="import-preview"]')]);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const status = async () =>
      (await h.t.db.selectFrom('import_batch').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    // While the worker handles the bomb, /healthz answers, each time within its own deadline.
    const answers: number[] = [];
    const slowest: number[] = [];
    do {
      const started = Date.now();
      const r = await fetch(`${h.base}/healthz`, { signal: AbortSignal.timeout(5_000) });
      await r.json();
      answers.push(r.status);
      slowest.push(Date.now() - started);
    } while ((await status()) === 'uploaded');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((s) => s === 200 || s === 503)).toBe(true);
    expect(Math.max(...slowest)).toBeLessThan(5_000);

    await page.waitForSelector('[data-testid="import-refused"]', { timeout: 60_000 });
    const errors = await page.textContent('[data-testid="import-errors"]');
    expect(errors).toContain('压缩炸弹');
    expect(await page.$('[data-testid="import-commit"]')).toBeNull();
    expect(uploadsLeft()).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-import-bomb.png` });
  });

  it('answers a file over 20 MB with 413 and a message, keeps nothing, and records no batch', async () => {
    const scheduler = await signedIn('scheduler');
    const before = await h.t.db
      .selectFrom('import_batch')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await scheduler.request.post(`${h.base}/registry/import?/preview`, {
      // A plain form post (no JavaScript): the page comes back with the status and the message.
      headers: { origin: h.base, accept: 'text/html' },
      multipart: { file: { name: '太大.csv', mimeType: 'text/csv', buffer: Buffer.alloc(21 * 1024 * 1024, 0x41) } },
      timeout: 120_000,
    });
    expect(r.status()).toBe(413);
    expect(await r.text()).toContain('文件过大（上限 20 MB）');
    const after = await h.t.db
      .selectFrom('import_batch')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(uploadsLeft()).toEqual([]);
  });

  it('left no upload file behind after the imports above', () => {
    expect(uploadsLeft()).toEqual([]);
  });
});

describe('scope', () => {
  it('gives an inspector of B-ZA a 403 for a traffic-brigade entity, and its own brigade entity opens', async () => {
    const inspector = await signedIn('inspector');
    const page = await inspector.newPage();
    const other = await h.t.db
      .selectFrom('entity')
      .select('code')
      .where('brigade_id', '=', 'B-JJ')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const own = await h.t.db
      .selectFrom('entity')
      .select('code')
      .where('brigade_id', '=', 'B-ZA')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const refused = await page.goto(`${h.base}/registry/${encodeURIComponent(other.code)}`);
    expect(refused?.status()).toBe(403);
    const ok = await page.goto(`${h.base}/registry/${encodeURIComponent(own.code)}`);
    expect(ok?.status()).toBe(200);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-detail.png` });
    // The list shows R05–R10 only.
    await page.goto(`${h.base}/registry`);
    const regimes = await page.$$eval('[data-testid="registry-table"] tbody tr td:nth-child(3)', (tds) => [
      ...new Set(tds.map((td) => td.textContent)),
    ]);
    for (const r of regimes) expect(['R05', 'R06', 'R07', 'R08', 'R09', 'R10']).toContain(r);
    const viewed = await h.t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'entity.view')
      .where('entity_id', '=', own.code)
      .execute();
    expect(viewed.length).toBeGreaterThan(0);
  });
});
