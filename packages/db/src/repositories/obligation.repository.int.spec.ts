/**
 * insertObligations stores every planned column as planned, whether a column differs from row to row
 * (sent as an array) or is the same in every row of a statement (sent once, issue 14).
 */
import { DEFAULT_PLANNING_RULES, planPeriod, type EntityKind, type RegistryEntity } from '@supervise/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { insertObligations, toObligationRow } from './obligation.repository.js';
import { insertBrigades, insertEntities } from './registry.repository.js';

describe('insertObligations', () => {
  let t: TestDatabase;
  let snapshot: RegistryEntity[];

  beforeAll(async () => {
    t = await createTestDatabase();
    await insertBrigades(t.db, [{ id: 'B-OB', name_zh: '治安大队', name_en: 'Public order brigade' }]);
    const kinds: EntityKind[] = ['hotel', 'hotel', 'pawnshop', 'bank_outlet', 'internet_cafe'];
    const ids = await insertEntities(
      t.db,
      kinds.map((kind, i) => ({
        code: `OB-${i}`,
        regime_code: kind === 'bank_outlet' ? 'R14' : kind === 'pawnshop' ? 'R10' : 'R09',
        kind,
        name: `entity ${i}`,
        address: 'test',
        brigade_id: 'B-OB',
        registered_on: '2020-01-01',
      })),
    );
    snapshot = kinds.map((kind, i) => ({ id: String(ids[i]), kind }));
  });
  afterAll(async () => {
    await t?.db.destroy();
    await t?.drop();
  });

  const stored = async (keys: readonly string[]) =>
    new Map(
      (await sql<Record<string, unknown>>`select * from obligation where key = any(${[...keys]}::text[])`.execute(t.db)).rows.map(
        (r) => [r.key as string, r],
      ),
    );

  it('a year of census, campaign and spot-check rows, mixed in one statement: every column as planned', async () => {
    const planned = planPeriod({ entities: snapshot }, DEFAULT_PLANNING_RULES, { start: '2026-01-01', end: '2026-12-31' });
    expect(new Set(planned.map((o) => o.type))).toEqual(new Set(['census', 'campaign', 'spot_check']));
    const created = await insertObligations(t.db, planned);
    expect(created).toHaveLength(planned.length);
    const rows = await stored(planned.map((o) => o.key));
    for (const o of planned) {
      const row = rows.get(o.key)!;
      for (const [column, value] of Object.entries(toObligationRow(o)))
        expect(row[column], `${o.key} ${column}`).toEqual(value ?? null);
    }
    // Again: nothing inserted, nothing returned.
    expect(await insertObligations(t.db, planned)).toEqual([]);
  });

  it('a page of one month (every column but key and entity the same), and a single row', async () => {
    const may = planPeriod({ entities: snapshot }, DEFAULT_PLANNING_RULES, { start: '2027-05-01', end: '2027-05-31' }).filter(
      (o) => o.type === 'census' && o.window.start === '2027-05-01' && o.window.end === '2027-05-31',
    );
    expect(may.length).toBeGreaterThan(1);
    const [one, ...rest] = may;
    expect(await insertObligations(t.db, [one!])).toHaveLength(1);
    expect(await insertObligations(t.db, rest)).toHaveLength(rest.length);
    const rows = await stored(may.map((o) => o.key));
    for (const o of may) expect(rows.get(o.key)).toMatchObject(toObligationRow(o));
  });
});
