/**
 * `supervise seed --province` (the BUILT CLI) at small scale on two databases: the same seed gives
 * the same rows (ids included) in every table it writes, another seed other rows, and a database
 * that already holds entities is refused unless --allow-existing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, rawQuery, type TestDatabase } from '@supervise/db/testing';
import { cliRunner } from '../test-support/run-cli.js';

const TABLES = [
  'police_station',
  'officer',
  'entity',
  'inspection',
  'inspection_officer',
  'hazard',
  'rectification',
  'rectification_extension',
  'penalty',
] as const;
const ARGS = ['seed', '--province', '--entities', '2000', '--years', '1', '--today', '2026-11-27'];

/** md5 of every row of each table (ids included), the clock's columns left out. */
async function checksums(t: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [r] = await rawQuery<{ n: number; md5: string }>(
      t.db,
      `select count(*)::int as n, md5(coalesce(string_agg(j, E'\\n' order by j), '')) as md5 from (
         select (to_jsonb(x) - 'created_at' - 'updated_at' - 'assigned_at')::text as j from ${table} x) s`,
    );
    out[table] = `${r!.n}:${r!.md5}`;
  }
  return out;
}

describe('supervise seed --province', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it('gives identical data for the same seed on two databases, and refuses a database with entities', async () => {
    const first = await cliRunner(() => a.url)(...ARGS, '--seed', '7');
    expect(first.stderr).toContain('seed --province: slice 1/1');
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { counts: Record<string, number> };
    expect(summary.counts.entity).toBe(2000);
    expect(summary.counts.inspection).toBeGreaterThan(2000);
    expect(summary.counts.rectification).toBeGreaterThan(0);
    expect(summary.counts.penalty).toBeGreaterThan(0);

    const second = await cliRunner(() => b.url)(...ARGS, '--seed', '7');
    expect(second.code, second.stderr).toBe(0);
    const [sa, sb] = await Promise.all([checksums(a), checksums(b)]);
    expect(sb).toEqual(sa);
    expect(sa.entity).toMatch(/^2000:/);

    const again = await cliRunner(() => a.url)(...ARGS, '--seed', '7');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already has 2000 supervised entities');
    expect(await checksums(a)).toEqual(sa);
  });

  it('gives other data for another seed', async () => {
    const t = await createTestDatabase();
    try {
      const run = await cliRunner(() => t.url)(...ARGS, '--seed', '8');
      expect(run.code, run.stderr).toBe(0);
      const other = await checksums(t);
      expect(other.entity).toMatch(/^2000:/);
      expect(other.entity).not.toEqual((await checksums(a)).entity);
    } finally {
      await t.drop();
    }
  });

  it('adds a province beside the demo with --allow-existing, and never a second province', async () => {
    const t = await createTestDatabase();
    try {
      const demo = await cliRunner(() => t.url)('seed', '--demo', '--today', '2026-11-27');
      expect(demo.code, demo.stderr).toBe(0);
      const small = ['seed', '--province', '--entities', '300', '--officers', '60', '--years', '1', '--today', '2026-11-27'];
      expect((await cliRunner(() => t.url)(...small)).stderr).toContain('pass --allow-existing');
      const beside = await cliRunner(() => t.url)(...small, '--allow-existing');
      expect(beside.code, beside.stderr).toBe(0);
      const [n] = await rawQuery<{ n: number }>(t.db, `select count(*)::int as n from entity where code ~ '-P[0-9]{6}$'`);
      expect(n!.n).toBe(300);
      const again = await cliRunner(() => t.url)(...small, '--allow-existing');
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('a province is seeded here already');
    } finally {
      await t.drop();
    }
  });
});
