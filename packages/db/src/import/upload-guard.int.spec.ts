import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS } from '@supervise/core';
import { previewEntityImport } from '../repositories/registry-import.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { bombStream, zip } from '../testing/zip-bomb.js';
import type { Actor } from '../use-cases/actor.js';
import { loadExcelJs, readRegistryFile, UploadRefusedError } from './registry-file.js';

// Issue 15 (high): a 0.5 MB XLSX held the web app for minutes at 2.7 GB RSS. A zip bomb is refused
// from the ZIP's directory before anything is inflated, a directory that lies is caught by the capped
// inflater, and the user reads why. Also: UTF-16 and binary "CSV", and a formula without its value.

const types = deflateRawSync('<Types/>');
const COPIES = 600; // 600 MiB inflated

async function refusal(bytes: Uint8Array) {
  const e = await readRegistryFile(bytes).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UploadRefusedError);
  return (e as UploadRefusedError).refusal;
}

describe('a zip bomb XLSX', () => {
  it('declaring its size: refused from the directory, nothing inflated, memory bounded', async () => {
    const sheet = bombStream(COPIES);
    const bytes = zip([
      { name: '[Content_Types].xml', data: types, size: 8 },
      { name: 'xl/worksheets/sheet1.xml', data: sheet, size: COPIES * 1024 * 1024 },
    ]);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const rss = process.memoryUsage().rss;
    const r = await refusal(bytes);
    expect(r.code).toMatch(/^zip_(inflated_too_large|ratio)$/);
    expect(r.en).toContain('zip bomb');
    expect(r.zh).toContain('压缩炸弹');
    // 600 MiB were never inflated.
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it('lying about its size: the capped inflater stops at the declared size', async () => {
    const sheet = bombStream(COPIES);
    // Declares 60 × its compressed size: under the ratio and the total, but it inflates to 600 MiB.
    const bytes = zip([
      { name: '[Content_Types].xml', data: types, size: 8 },
      { name: 'xl/worksheets/sheet1.xml', data: sheet, size: sheet.length * 60 },
    ]);
    const rss = process.memoryUsage().rss;
    const r = await refusal(bytes);
    expect(r.code).toBe('zip_inflated_too_large');
    expect(r.en).toContain('xl/worksheets/sheet1.xml');
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
  });

  it('with too many entries: refused', async () => {
    const entries = Array.from({ length: UPLOAD_LIMITS.maxZipEntries + 1 }, (_, i) => ({
      name: `x/${i}.xml`,
      data: types,
      size: 8,
    }));
    expect((await refusal(zip(entries))).code).toBe('zip_too_many_entries');
  });
});

describe('other files that are not what they claim', () => {
  it('a UTF-16 CSV and a binary file are refused with what to do', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('对象编码,名称\r\nA,B\r\n', 'utf16le')]);
    const r = await refusal(utf16);
    expect(r.code).toBe('binary_text');
    expect(r.en).toContain('UTF-8');
    expect((await refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]))).code).toBe('binary_text');
  });

  it('a formula cell without its cached value is refused naming the cell (was "[object Object]")', async () => {
    const wb = new (await loadExcelJs()).Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['对象编码', '名称']);
    ws.addRow(['T-1', '旅馆']);
    ws.getCell('B2').value = { formula: 'A2&"号"' } as never;
    const r = await refusal(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.code).toBe('formula_without_value');
    expect(r.en).toContain('B2');
  });

  it('a formula cell with its cached value reads as that value', async () => {
    const wb = new (await loadExcelJs()).Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['对象编码', '名称']);
    ws.addRow(['T-1', '']);
    ws.getCell('B2').value = { formula: 'A2&"号"', result: 'T-1号' } as never;
    const read = await readRegistryFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(read.table.rows[0]!.cells).toEqual(['T-1', 'T-1号']);
  });
});

describe('the registry import shows the refusal to the user', () => {
  let t: TestDatabase;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { today: '2026-11-27' });
    const u = await t.db
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('username', '=', 'scheduler')
      .executeTakeFirstOrThrow();
    actor = { id: u.id, username: u.username, principal: null, via: 'web' };
  });
  afterAll(async () => t?.drop());

  it('a zip bomb becomes a previewed batch with one message, nothing imported', async () => {
    const sheet = bombStream(COPIES);
    const bytes = zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet, size: COPIES * 1024 * 1024 }]);
    const { batch } = await previewEntityImport(t.db, { fileName: 'bomb.xlsx', bytes, actor });
    expect(batch.format).toBe('xlsx');
    expect(batch.errors).toEqual([expect.objectContaining({ code: 'unreadable_file', row: 1, column: null })]);
    expect(batch.errors[0]!.en).toContain('zip bomb');
  });

  it('a UTF-16 CSV: a previewed batch with the message (it used to be a 500)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('对象编码,名称\r\nA,B\r\n', 'utf16le')]);
    const { batch } = await previewEntityImport(t.db, { fileName: 'utf16.csv', bytes, actor });
    expect(batch.format).toBe('csv');
    expect(batch.errors).toEqual([expect.objectContaining({ code: 'unreadable_file' })]);
    expect(batch.errors[0]!.zh).toContain('UTF-16');
  });
});
