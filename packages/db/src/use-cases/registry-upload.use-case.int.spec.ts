import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveUpload, type StoredUpload } from '../import/upload-store.js';
import { findImportBatch, runEntityImport, startImport } from '../repositories/registry-import.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, lyingZipBombXlsx, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { acceptRegistryUpload, failRegistryUpload, parseRegistryUpload } from './registry-upload.use-case.js';

// Issue 15 §1: an upload is streamed to disk with the size limit enforced as it streams, recorded as
// `uploaded`, parsed by the worker's use-case (every bad row named by row and field, a zip bomb
// refused with why), and its file removed; the import stays all or nothing.
let t: TestDatabase;
let dir: string;
let actor: Actor;
let station: string;
const enqueued: number[] = [];
const enqueue = async (id: number) => void enqueued.push(id);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  dir = await mkdtemp(join(tmpdir(), 'sv-upload-test-'));
  const u = await t.db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', '=', 'scheduler')
    .executeTakeFirstOrThrow();
  actor = { id: Number(u.id), username: u.username, principal: null, via: 'web' };
  station = (await t.db.selectFrom('police_station').select('name_zh').orderBy('id').executeTakeFirstOrThrow()).name_zh;
});
afterAll(async () => {
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function* chunked(bytes: Buffer, size = 1000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const HEAD = '对象编码,监管事项,类别,名称,地址,所属派出所,风险等级,状态,登记日期';
const csv = (tag: string, badDateRow?: number) => {
  const lines = [HEAD];
  for (let i = 1; i <= 20; i++) {
    const date = i + 1 === badDateRow ? '2024-02-30' : '2021-03-04';
    lines.push(`T-UP-${tag}-${i},R09,旅馆,上传测试旅馆${tag}${i}号,鹿泉区上传路${i}号,${station},低,在册,${date}`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
};

async function stored(bytes: Buffer): Promise<StoredUpload> {
  const r = await saveUpload(chunked(bytes), dir, 1024 * 1024);
  if (!r.ok) throw new Error(r.problem);
  return r.file;
}

const filesInDir = async () => (await readdir(dir)).filter((f) => f.endsWith('.upload'));

describe('saveUpload', () => {
  it('streams to a file, hashing; over the limit it stops writing, reads the rest, and leaves no file', async () => {
    const ok = await saveUpload(chunked(csv('S')), dir, 1024 * 1024);
    expect(ok.ok && ok.file.size).toBe(csv('S').length);
    expect(ok.ok && ok.file.format).toBe('csv');
    let read = 0;
    async function* big() {
      for (let i = 0; i < 50; i++) {
        read++;
        yield Buffer.alloc(64 * 1024, 0x41);
      }
    }
    expect(await saveUpload(big(), dir, 1024 * 1024)).toEqual({ ok: false, problem: 'too_large' });
    expect(read).toBe(50); // drained: the client still sending gets its answer
    expect(await filesInDir()).toHaveLength(1); // only the first, accepted one
    await rm(join(dir, ok.ok ? ok.file.name : ''), { force: true });
  });
});

describe('an upload, parsed by the worker’s use-case', () => {
  it('records an uploaded batch, hands it over, then names every bad row by row and field and removes the file', async () => {
    const upload = await stored(csv('A', 7));
    const { batch, existing } = await acceptRegistryUpload(t.db, {
      fileName: '上传-有误.csv',
      upload,
      uploadDir: dir,
      actor,
      enqueue,
    });
    expect(existing).toBe(false);
    expect(batch.status).toBe('uploaded');
    expect(batch.sizeBytes).toBe(upload.size);
    expect(batch.preview).toEqual({ header: [], rows: [] }); // what the batch page shows until the parse
    expect(enqueued).toContain(batch.id);
    expect(await filesInDir()).toEqual([upload.name]);

    expect(await parseRegistryUpload(t.db, batch.id, dir)).toEqual({ status: 'previewed', rowCount: 20, errorCount: 1 });
    const b = (await findImportBatch(t.db, batch.id))!;
    expect(b.status).toBe('previewed');
    expect(b.errors).toHaveLength(1);
    expect(b.errors[0]).toMatchObject({ row: 7, column: '登记日期' });
    expect(b.fileName).toBe('上传-有误.csv');
    expect(await filesInDir()).toEqual([]);
    // A doubled job changes nothing.
    expect((await parseRegistryUpload(t.db, batch.id, dir)).status).toBe('skipped');
    expect(await startImport(t.db, batch.id, actor)).toBe(false); // all or nothing: not with an error
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'import_batch')
      .where('entity_id', '=', String(batch.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['registry.import.upload', 'registry.import.preview']);
  });

  it('a clean file imports after its parse, all rows', async () => {
    const { batch } = await acceptRegistryUpload(t.db, {
      fileName: 'ok.csv',
      upload: await stored(csv('B')),
      uploadDir: dir,
      actor,
      enqueue,
    });
    await parseRegistryUpload(t.db, batch.id, dir);
    expect(await startImport(t.db, batch.id, actor)).toBe(true);
    expect((await runEntityImport(t.db, batch.id)).inserted).toBe(20);
    // The same content again: that batch, done; the new copy removed.
    const again = await acceptRegistryUpload(t.db, {
      fileName: 'ok.csv',
      upload: await stored(csv('B')),
      uploadDir: dir,
      actor,
      enqueue,
    });
    expect(again).toMatchObject({ existing: true, batch: { id: batch.id, status: 'done' } });
    expect(await filesInDir()).toEqual([]);
  });

  it('a zip bomb is refused with why (the capped inflater), and its file removed', async () => {
    const bomb = lyingZipBombXlsx(300);
    const { batch } = await acceptRegistryUpload(t.db, {
      fileName: 'bomb.xlsx',
      upload: await stored(bomb),
      uploadDir: dir,
      actor,
      enqueue,
    });
    expect(batch.format).toBe('xlsx');
    expect(await parseRegistryUpload(t.db, batch.id, dir)).toMatchObject({ status: 'previewed', errorCount: 1 });
    const b = (await findImportBatch(t.db, batch.id))!;
    expect(b.errors[0]!.zh).toContain('压缩炸弹');
    expect(b.errors[0]!.en).toContain('zip bomb');
    expect(await filesInDir()).toEqual([]);
  });

  it('a queue that refuses the job, or a file gone before the parse: the batch failed, no file left', async () => {
    const refused = acceptRegistryUpload(t.db, {
      fileName: 'q.csv',
      upload: await stored(csv('C')),
      uploadDir: dir,
      actor,
      enqueue: () => Promise.reject(new Error('queue down')),
    });
    await expect(refused).rejects.toThrow('queue down');
    const failed = await t.db
      .selectFrom('import_batch')
      .select(['status', 'failure', 'upload_file'])
      .where('file_name', '=', 'q.csv')
      .executeTakeFirstOrThrow();
    expect(failed).toEqual({ status: 'failed', failure: 'queue_unavailable', upload_file: null });
    expect(await filesInDir()).toEqual([]);

    const upload = await stored(csv('D'));
    const { batch } = await acceptRegistryUpload(t.db, { fileName: 'gone.csv', upload, uploadDir: dir, actor, enqueue });
    await rm(join(dir, upload.name));
    expect((await parseRegistryUpload(t.db, batch.id, dir)).status).toBe('failed');
    expect((await findImportBatch(t.db, batch.id))!.errors[0]!.en).toContain('upload it again');

    const last = await acceptRegistryUpload(t.db, {
      fileName: 'last.csv',
      upload: await stored(csv('E')),
      uploadDir: dir,
      actor,
      enqueue,
    });
    await failRegistryUpload(t.db, last.batch.id, dir, 'parse_failed');
    expect((await findImportBatch(t.db, last.batch.id))!.status).toBe('failed');
    expect(await filesInDir()).toEqual([]);
  });
});
