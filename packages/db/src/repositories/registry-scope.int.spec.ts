import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from '../use-cases/actor.js';
import { findRoleGrants } from './account.repository.js';
import { closeEntity, createEntity, RegistryWriteError, updateEntity } from './registry-admin.repository.js';
import { previewEntityImport, runEntityImport, startImport } from './registry-import.repository.js';

// Issue 15 (high): a scheduler of one brigade took over another brigade's entity by importing a row
// with its code (the import upserted on `code` and checked the scope of the new row only). Every
// registry write path now checks the row as stored: the import's preview, the import's run (the
// worker's path too), the edit and the close.
let t: TestDatabase;
let scheduler: Actor;
let station: { id: string; name_zh: string };
/** An entity of the traffic brigade (R02, B-JJ): outside the B-ZA scheduler's scope. */
let foreign: { code: string; name: string; regime_code: string; brigade_id: string };

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
const csv = (rows: readonly (readonly string[])[]) =>
  Buffer.from([HEAD, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
/** A row that is in the scheduler's scope as written (an R09 hotel of B-ZA), under the given code. */
const hotelRow = (code: string, name: string) => [
  code,
  'R09',
  '旅馆',
  name,
  '鹿泉区测试路1号',
  station.name_zh,
  '',
  '低',
  '在册',
  '2021-03-04',
  '',
];

async function stored(code: string) {
  return t.db
    .selectFrom('entity')
    .select(['name', 'regime_code', 'brigade_id', 'status'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  const u = await t.db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', '=', 'scheduler')
    .executeTakeFirstOrThrow();
  scheduler = { id: u.id, username: u.username, principal: { roles: await findRoleGrants(t.db, u.id) }, via: 'web' };
  expect(scheduler.principal!.roles).toEqual([{ role: 'scheduler', brigadeId: 'B-ZA', stationId: null }]);
  station = await t.db.selectFrom('police_station').select(['id', 'name_zh']).orderBy('id').executeTakeFirstOrThrow();
  foreign = await t.db
    .selectFrom('entity')
    .select(['code', 'name', 'regime_code', 'brigade_id'])
    .where('brigade_id', '=', 'B-JJ')
    .where('status', '=', 'active')
    .orderBy('code')
    .executeTakeFirstOrThrow();
});
afterAll(async () => t?.drop());

describe('registry import: the stored row is checked as well as the written one', () => {
  it('the preview names the row whose code is another brigade’s entity, and the batch cannot start', async () => {
    const { batch } = await previewEntityImport(t.db, {
      fileName: 'takeover.csv',
      bytes: csv([hotelRow('T-SCOPE-0001', '新旅馆'), hotelRow(foreign.code, '接管的旅馆')]),
      actor: scheduler,
    });
    expect(batch.errors).toEqual([expect.objectContaining({ code: 'stored_out_of_scope', row: 3, column: '对象编码' })]);
    expect(batch.errors[0]!.en).toContain(foreign.code);
    expect(await startImport(t.db, batch.id, scheduler)).toBe(false);
    expect(await stored(foreign.code)).toMatchObject({ name: foreign.name, brigade_id: 'B-JJ' });
  });

  it('the run checks the uploader’s scope again on the stored rows: refused as a whole, nothing written', async () => {
    // A batch previewed without a scope (the system actor) but uploaded by the scheduler: the run
    // (inline or in the worker) loads the uploader's grants and checks the rows it would overwrite.
    const system: Actor = { ...scheduler, principal: null, via: 'worker' };
    const { batch } = await previewEntityImport(t.db, {
      fileName: 'takeover-run.csv',
      bytes: csv([hotelRow('T-SCOPE-0002', '另一新旅馆'), hotelRow(foreign.code, '接管的旅馆')]),
      actor: system,
    });
    expect(batch.errors).toEqual([]);
    expect(await startImport(t.db, batch.id, system)).toBe(true);
    const outcome = await runEntityImport(t.db, batch.id);
    expect(outcome.status).toBe('failed');
    expect(outcome.issues).toEqual([expect.objectContaining({ code: 'stored_out_of_scope', row: 3 })]);
    expect(await stored(foreign.code)).toMatchObject({
      name: foreign.name,
      regime_code: foreign.regime_code,
      brigade_id: 'B-JJ',
    });
    const fresh = await t.db.selectFrom('entity').select('id').where('code', '=', 'T-SCOPE-0002').executeTakeFirst();
    expect(fresh).toBeUndefined();
  });

  it('a file of the scheduler’s own entities still imports', async () => {
    const { batch } = await previewEntityImport(t.db, {
      fileName: 'own.csv',
      bytes: csv([hotelRow('T-SCOPE-0003', '本队旅馆')]),
      actor: scheduler,
    });
    expect(batch.errors).toEqual([]);
    expect(await startImport(t.db, batch.id, scheduler)).toBe(true);
    expect(await runEntityImport(t.db, batch.id)).toMatchObject({ status: 'done', inserted: 1 });
  });
});

describe('registry edit and close: the stored row is checked where the write happens', () => {
  const values = () => ({
    code: foreign.code,
    regime_code: 'R09' as const,
    kind: 'hotel' as const,
    name: '接管的旅馆',
    licence_no: null,
    address: '鹿泉区测试路1号',
    brigade_id: 'B-ZA',
    station_id: station.id,
    contact_name: null,
    contact_phone: null,
    vehicle_counts: null,
    risk_grade: 'low' as const,
    status: 'active' as const,
    registered_on: '2021-03-04',
    closed_on: null,
  });

  it('an edit that rewrites another brigade’s entity into the scheduler’s own scope is refused', async () => {
    await expect(updateEntity(t.db, foreign.code, values(), scheduler)).rejects.toMatchObject({
      name: 'RegistryWriteError',
      code: 'out_of_scope',
    });
    expect(await stored(foreign.code)).toMatchObject({ name: foreign.name, brigade_id: 'B-JJ' });
  });

  it('closing another brigade’s entity is refused', async () => {
    await expect(closeEntity(t.db, foreign.code, '2026-11-27', scheduler)).rejects.toBeInstanceOf(RegistryWriteError);
    expect(await stored(foreign.code)).toMatchObject({ status: 'active' });
  });

  it('creating an entity outside the scope is refused', async () => {
    const v = { ...values(), code: 'T-SCOPE-0009', regime_code: 'R02' as const, brigade_id: 'B-JJ' };
    await expect(createEntity(t.db, v, scheduler)).rejects.toMatchObject({ code: 'out_of_scope' });
  });
});
