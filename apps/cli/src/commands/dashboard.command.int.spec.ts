/**
 * `supervise dashboard rebuild | refresh | status` (the BUILT CLI) on its own database with the demo
 * district: a rebuild recounts every cell and is audited as the operator; a change to the records is
 * marked, waits, and is recounted by `refresh` (the worker's cycle, once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupCellCount, seedDemo } from '@supervise/db';
import { createTestDatabase, rawQuery, type TestDatabase } from '@supervise/db/testing';
import { cliRunner } from '../test-support/run-cli.js';

let t: TestDatabase;
const cli = cliRunner(() => t.url);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
});
afterAll(async () => {
  await t?.drop();
});

describe('supervise dashboard (built CLI, real PostgreSQL)', () => {
  it('rebuild: every cell recounted, audited as the operator', async () => {
    const cells = await rollupCellCount(t.db);
    const r = await cli('dashboard', 'rebuild', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, cells });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'outcome'])
      .where('action', '=', 'dashboard.rollups_rebuild')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toMatch(/^cli:/);
  });

  it('status and refresh: a changed record waits, then is recounted', async () => {
    await rawQuery(t.db, 'update penalty set fine_fen = fine_fen + 100 where id = (select min(id) from penalty)');
    const waiting = await cli('dashboard', 'status', '--json');
    expect(JSON.parse(waiting.stdout).waiting).toBeGreaterThan(0);
    const r = await cli('dashboard', 'refresh', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ left: 0 });
    expect(JSON.parse((await cli('dashboard', 'status', '--json')).stdout)).toEqual({ waiting: 0 });
  });
});
