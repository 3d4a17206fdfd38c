import { PassThrough } from 'node:stream';
import { scopeOf, validateEntityTable } from '@supervise/core';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegistryFile, writeEntitiesXlsx, xlsxFromCells } from '../import/registry-file.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from '../use-cases/actor.js';
import { findRoleGrants } from './account.repository.js';
import { streamEntities } from './registry-admin.repository.js';
import { previewEntityImport, runEntityImport, startImport, type PreviewResult } from './registry-import.repository.js';

// Issue 5 §3 on the real PostgreSQL with the demo district loaded: all or nothing, idempotent
// re-imports, one history row per real change, every encoding and format read alike, and an export
// that imports again unchanged.
let t: TestDatabase;
let actor: Actor;
let station: { id: string; name_zh: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  const u = await t.db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', '=', 'scheduler')
    .executeTakeFirstOrThrow();
  actor = { id: Number(u.id), username: u.username, principal: null, via: 'cli' };
  station = await t.db.selectFrom('police_station').select(['id', 'name_zh']).orderBy('id').executeTakeFirstOrThrow();
});
afterAll(async () => t?.drop());

const HEAD = [
  '对象编码',
  '监管事项',
  '类别',
  '名称',
  '地址',
  '所属派出所',
  '联系电话',
  '风险等级',
  '状态',
  '登记日期',
  '注销日期',
];

/** A clean R09 hotel row (new code, not in the demo data). */
const hotel = (i: number, over: Partial<Record<'name' | 'address' | 'risk' | 'date', string>> = {}) => [
  `T-HOTEL-${String(i).padStart(4, '0')}`,
  'R09',
  '旅馆',
  over.name ?? `测试旅馆${i}号`,
  over.address ?? `鹿泉区测试路${i}号`,
  station.name_zh,
  '0311-82011234',
  over.risk ?? '低',
  '在册',
  over.date ?? '2021-03-04',
  '',
];

const csv = (rows: readonly (readonly string[])[]) => [HEAD, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
const utf8 = (rows: readonly (readonly string[])[]) => Buffer.from(csv(rows), 'utf8');

/** Every stored entity (minus updated_at) and the history length: what "nothing changed" compares. */
async function snapshot() {
  const entities = await sql<{ digest: string; n: string }>`
    select md5(coalesce(string_agg((to_jsonb(e) - 'updated_at')::text, '|' order by e.code), '')) as digest,
           count(*) as n
    from entity e`.execute(t.db);
  const history = await t.db
    .selectFrom('entity_history')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const maxUpdated = await t.db
    .selectFrom('entity')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .executeTakeFirstOrThrow();
  return {
    digest: entities.rows[0]!.digest,
    entities: Number(entities.rows[0]!.n),
    history: Number(history.n),
    maxUpdated: String(maxUpdated.at),
  };
}

async function importBytes(fileName: string, bytes: Uint8Array, chunkSize?: number) {
  const preview: PreviewResult = await previewEntityImport(t.db, { fileName, bytes, actor });
  if (preview.alreadyImported || preview.batch.errorCount > 0) return { preview, outcome: null };
  expect(await startImport(t.db, preview.batch.id, actor)).toBe(true);
  const progress: number[] = [];
  const outcome = await runEntityImport(t.db, preview.batch.id, { chunkSize, onProgress: (n) => void progress.push(n) });
  return { preview, outcome, progress };
}

describe('registry import (all or nothing, idempotent)', () => {
  let good: string[][];
  beforeAll(() => {
    good = Array.from({ length: 30 }, (_, i) => hotel(i + 1));
  });

  it('refuses a file with bad rows as a whole: every bad row named, nothing stored, nothing existing changed', async () => {
    const existing = await t.db
      .selectFrom('entity')
      .select(['code', 'name'])
      .where('regime_code', '=', 'R09')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const before = await snapshot();
    const rows = [
      ...good.slice(0, 10),
      // A good row that would rename an entity already stored.
      [existing.code, 'R09', '旅馆', '改名后的旅馆', '鹿泉区某路1号', station.name_zh, '', '', '在册', '2020-01-02', ''],
      hotel(900, { date: '2021-02-30' }), // no such day
      hotel(901, { risk: '极高' }), // unknown risk grade
      ['', 'R09', '旅馆', '无编码旅馆', '鹿泉区某路', station.name_zh, '', '', '在册', '2020-01-02', ''], // no code
      ...good.slice(10),
    ];
    const { preview, outcome } = await importBytes('bad.csv', utf8(rows));
    expect(outcome).toBeNull();
    expect(preview.batch.status).toBe('previewed');
    // Row numbers as Excel shows them: header = 1, so rows 13, 14 and 15.
    expect([...new Set(preview.batch.errors.map((e) => e.row))]).toEqual([13, 14, 15]);
    expect(preview.batch.errors.map((e) => e.column)).toEqual(['登记日期', '风险等级', '对象编码']);
    // The batch cannot be started, and running it anyway does nothing.
    expect(await startImport(t.db, preview.batch.id, actor)).toBe(false);
    expect((await runEntityImport(t.db, preview.batch.id)).status).toBe('skipped');
    expect(await snapshot()).toEqual(before);
    const still = await t.db.selectFrom('entity').select('name').where('code', '=', existing.code).executeTakeFirstOrThrow();
    expect(still.name).toBe(existing.name);
  });

  it('rolls back every chunk when the run fails part-way (nothing stored, batch failed)', async () => {
    const before = await snapshot();
    const bytes = utf8([...good, hotel(999)]);
    const { batch } = await previewEntityImport(t.db, { fileName: 'fails.csv', bytes, actor });
    expect(batch.errorCount).toBe(0);
    expect(await startImport(t.db, batch.id, actor)).toBe(true);
    await expect(
      runEntityImport(t.db, batch.id, {
        chunkSize: 7,
        onProgress: (n) => {
          if (n >= 21) throw new Error('worker lost');
        },
      }),
    ).rejects.toThrow('worker lost');
    expect(await snapshot()).toEqual(before);
    const failed = await t.db
      .selectFrom('import_batch')
      .select(['status', 'failure'])
      .where('id', '=', batch.id)
      .executeTakeFirstOrThrow();
    expect(failed).toEqual({ status: 'failed', failure: 'worker lost' });
  });

  it('a retried job: a failed attempt leaves the batch importing with nothing stored, and the retry can run it', async () => {
    const before = await snapshot();
    const bytes = utf8([hotel(998), hotel(999)]);
    const { batch } = await previewEntityImport(t.db, { fileName: 'retry.csv', bytes, actor });
    expect(await startImport(t.db, batch.id, actor)).toBe(true);
    const attempt = (failOnError: boolean) =>
      runEntityImport(t.db, batch.id, {
        failOnError,
        onProgress: () => {
          throw new Error('connection lost');
        },
      });
    await expect(attempt(false)).rejects.toThrow('connection lost');
    const status = async () =>
      (await t.db.selectFrom('import_batch').select('status').where('id', '=', batch.id).executeTakeFirstOrThrow()).status;
    expect(await status()).toBe('importing');
    expect(await snapshot()).toEqual(before);
    // The last attempt marks it failed.
    await expect(attempt(true)).rejects.toThrow('connection lost');
    expect(await status()).toBe('failed');
    expect(await snapshot()).toEqual(before);
  });

  let afterGood: Awaited<ReturnType<typeof snapshot>>;

  it('imports a good file: one insert history row per entity, by the importer, with progress', async () => {
    const before = await snapshot();
    const { outcome, progress } = await importBytes('good.csv', utf8(good), 8);
    expect(outcome).toMatchObject({ status: 'done', inserted: 30, updated: 0, unchanged: 0 });
    expect(progress).toEqual([8, 16, 24, 30]);
    afterGood = await snapshot();
    expect(afterGood.entities).toBe(before.entities + 30);
    expect(afterGood.history).toBe(before.history + 30);
    const h = await t.db
      .selectFrom('entity_history')
      .innerJoin('entity', 'entity.id', 'entity_history.entity_id')
      .select(['entity_history.op', 'entity_history.changed_by', 'entity_history.source', 'entity_history.before'])
      .where('entity.code', '=', 'T-HOTEL-0001')
      .execute();
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ op: 'insert', changed_by: actor.id, before: null });
    expect(h[0]!.source).toMatch(/^import:\d+$/);
    const e = await t.db.selectFrom('entity').selectAll().where('code', '=', 'T-HOTEL-0001').executeTakeFirstOrThrow();
    expect(e).toMatchObject({
      name: '测试旅馆1号',
      brigade_id: 'B-ZA',
      station_id: station.id,
      risk_grade: 'low',
      status: 'active',
    });
  });

  it('the same file again changes nothing (same batch, no history, no updated_at)', async () => {
    const { preview, outcome } = await importBytes('good-again.csv', utf8(good));
    expect(preview.alreadyImported).toBe(true);
    expect(outcome).toBeNull();
    expect(await snapshot()).toEqual(afterGood);
  });

  it('the same rows in another file (GBK, reordered) import as all unchanged', async () => {
    const bytes = iconv.encode(csv([...good].reverse()), 'gbk');
    const { preview, outcome } = await importBytes('good-gbk.csv', bytes);
    expect(preview.batch.encoding).toBe('gbk');
    expect(outcome).toMatchObject({ status: 'done', inserted: 0, updated: 0, unchanged: 30 });
    expect(await snapshot()).toEqual(afterGood);
  });

  it('a changed row updates that entity alone, with exactly one history row holding before and after', async () => {
    const changed = good.map((r, i) => (i === 4 ? hotel(5, { name: '测试旅馆5号（更名）', risk: '高' }) : r));
    const { outcome } = await importBytes('changed.csv', utf8(changed));
    expect(outcome).toMatchObject({ status: 'done', inserted: 0, updated: 1, unchanged: 29 });
    const now = await snapshot();
    expect(now.entities).toBe(afterGood.entities);
    expect(now.history).toBe(afterGood.history + 1);
    const h = await t.db
      .selectFrom('entity_history')
      .innerJoin('entity', 'entity.id', 'entity_history.entity_id')
      .select(['entity_history.op', 'entity_history.before', 'entity_history.after'])
      .where('entity.code', '=', 'T-HOTEL-0005')
      .orderBy('entity_history.id')
      .execute();
    expect(h.map((r) => r.op)).toEqual(['insert', 'update']);
    expect(h[1]!.before).toMatchObject({ name: '测试旅馆5号', risk_grade: 'low' });
    expect(h[1]!.after).toMatchObject({ name: '测试旅馆5号（更名）', risk_grade: 'high' });
    // The other 29 rows kept their single insert row.
    const others = await t.db
      .selectFrom('entity_history')
      .innerJoin('entity', 'entity.id', 'entity_history.entity_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('entity.code', 'like', 'T-HOTEL-%')
      .where('entity.code', '<>', 'T-HOTEL-0005')
      .executeTakeFirstOrThrow();
    expect(Number(others.n)).toBe(29);
  });
});

describe('registry files: encodings and formats', () => {
  // Chinese text in every column a bureau types, vehicle counts on an R03 row, an empty cell.
  const rows = () => [
    hotel(1),
    [
      'T-BUS-0001',
      'R03',
      '校车服务提供者',
      '鹿泉区阳光校车服务有限公司',
      '鹿泉区获鹿镇“向阳”路8号',
      '',
      '13812345678',
      '中',
      '在册',
      '2019-09-01',
      '',
    ],
    ['T-HOTEL-0777', 'R09', '旅馆', '已注销旅馆', '鹿泉区某路', station.name_zh, '', '', '已注销', '2018-01-01', '2024-06-30'],
  ];
  const header = [...HEAD.slice(0, 7), '营运车辆数', '校车数', ...HEAD.slice(7)];
  const cells = () =>
    rows().map((r) => {
      const isBus = r[1] === 'R03';
      return [...r.slice(0, 7), isBus ? '12' : '', isBus ? '3' : '', ...r.slice(7)];
    });
  const text = () => [header, ...cells()].map((r) => r.join(',')).join('\r\n');

  it('UTF-8, UTF-8 with BOM, GBK CSV and XLSX read as the same rows and validate to the same entities', async () => {
    const files = {
      'utf-8': Buffer.from(text(), 'utf8'),
      'utf-8-bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(), 'utf8')]),
      gbk: iconv.encode(text(), 'gbk'),
      xlsx: await xlsxFromCells(header, cells()),
    };
    const read = await Promise.all(Object.values(files).map((b) => readRegistryFile(b)));
    expect(read.map((r) => [r.format, r.encoding])).toEqual([
      ['csv', 'utf-8'],
      ['csv', 'utf-8-bom'],
      ['csv', 'gbk'],
      ['xlsx', null],
    ]);
    const stations = await t.db.selectFrom('police_station').select(['id', 'name_zh', 'name_en']).execute();
    const [first, ...others] = read.map((r) => ({
      header: r.table.header,
      rows: r.table.rows.map((x) => ({ row: x.row, cells: x.cells.map((c) => c.trim()) })),
      validated: validateEntityTable(r.table, { stations }),
    }));
    expect(first!.header).toEqual(header);
    expect(first!.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(first!.validated.issues).toEqual([]);
    expect(first!.validated.entities).toHaveLength(3);
    expect(first!.validated.entities[1]).toMatchObject({ vehicle_counts: { operating: 12, school_bus: 3 } });
    for (const o of others) expect(o).toEqual(first);
  });
});

describe('export → re-import', () => {
  it('an XLSX export of the importer’s registry imports again with nothing changed', async () => {
    const before = await snapshot();
    // The scheduler's own brigade: an import may overwrite only entities in the uploader's scope (issue 15).
    const scope = scopeOf({ roles: await findRoleGrants(t.db, actor.id!) }, 'registry.manage');
    const inScope = await t.db
      .selectFrom('entity')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('brigade_id', 'in', scope.all ? ['*'] : scope.brigadeIds)
      .executeTakeFirstOrThrow();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => out.on('end', resolve));
    await writeEntitiesXlsx(streamEntities(t.db, scope), out);
    await done;
    const { preview, outcome } = await importBytes('export.xlsx', Buffer.concat(chunks));
    expect(preview.batch.errors).toEqual([]);
    expect(preview.batch.format).toBe('xlsx');
    expect(Number(inScope.n)).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ status: 'done', inserted: 0, updated: 0, unchanged: Number(inScope.n) });
    expect(await snapshot()).toEqual(before);
  });
});
