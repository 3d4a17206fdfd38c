/**
 * `supervise draw` through the built CLI (`node apps/cli/dist/main.js`) on its own demo database:
 * run → export → verify OK; one selected id changed, or the seed changed → verify names the difference;
 * a redraw keeps the old draw; tasks are created once with two officers, none recused.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { cliRunner } from '../test-support/run-cli.js';

let t: TestDatabase;
const cli = cliRunner(() => t.url);
let dir: string;

interface RecordJson {
  draw_id: string;
  population: string[];
  selected: string[];
  assignments: { target: string; inspectors: string[] }[];
  seed: string;
  seed_commitment: string;
  k: number;
  replaces: string | null;
  tasks?: { created: number; existing: number };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  dir = await mkdtemp(join(tmpdir(), 'supervise-draw-'));
});
afterAll(async () => {
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('supervise draw', () => {
  let record: RecordJson;
  let file: string;

  it('run --regime R09 --json: commitment on stderr at once, record and tasks on stdout', async () => {
    // A recusal on every R09 entity for one officer of the responsible brigade.
    const officer = await t.db
      .selectFrom('officer')
      .select(['id', 'code'])
      .where('brigade_id', '=', 'B-ZA')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const entities = await t.db.selectFrom('entity').select('id').where('regime_code', '=', 'R09').execute();
    await t.db
      .insertInto('officer_recusal')
      .values(entities.map((e) => ({ officer_id: officer.id, entity_id: e.id, reason: 'conflict', declared_on: '2026-01-01' })))
      .execute();

    const r = await cli('draw', 'run', '--regime', 'R09', '--campaign', '2026 专项督察 4/4', '--beacon', '3 5 1 6', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as RecordJson;
    expect(r.stderr).toContain(`seed commitment: ${out.seed_commitment}`);
    expect(out.k).toBe(Math.ceil((out.population.length * 3) / 10));
    expect(out.tasks).toEqual({ created: out.k, existing: 0, pending: 0 });
    expect(out.assignments.flatMap((a) => a.inspectors)).not.toContain(officer.code);
    record = out;

    // Tasks: one per selected target, two officers each, never the recused one.
    const rows = await t.db
      .selectFrom('inspection as i')
      .innerJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
      .select(['i.id', 'io.officer_id'])
      .where('i.draw_id', '=', out.draw_id)
      .execute();
    const perTask = new Map<number, number[]>();
    for (const x of rows) perTask.set(x.id, [...(perTask.get(x.id) ?? []), x.officer_id]);
    expect(perTask.size).toBe(out.k);
    for (const officers of perTask.values()) {
      expect(officers).toHaveLength(2);
      expect(officers).not.toContain(officer.id);
    }
  });

  it('export then verify prints OK and exits 0', async () => {
    const r = await cli('draw', 'export', record.draw_id);
    expect(r.code).toBe(0);
    const exported = JSON.parse(r.stdout) as RecordJson;
    expect(exported.selected).toEqual(record.selected);
    expect(exported).not.toHaveProperty('tasks');
    file = join(dir, 'draw.json');
    await writeFile(file, r.stdout);
    expect(await cli('draw', 'verify', file)).toMatchObject({ code: 0, stdout: 'OK\n' });
  });

  it('verify names a changed selected id and exits 1', async () => {
    const exported = JSON.parse(await readFile(file, 'utf8')) as RecordJson;
    const other = exported.population.find((x) => !exported.selected.includes(x))!;
    exported.selected[3] = other;
    const bad = join(dir, 'selected.json');
    await writeFile(bad, JSON.stringify(exported));
    const r = await cli('draw', 'verify', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('selected[3]');
    expect(r.stdout).toContain(other);
  });

  it('verify fails on the commitment when the seed is changed', async () => {
    const exported = JSON.parse(await readFile(file, 'utf8')) as RecordJson;
    exported.seed = exported.seed.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const bad = join(dir, 'seed.json');
    await writeFile(bad, JSON.stringify(exported));
    const r = await cli('draw', 'verify', bad, '--json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { difference: string }).difference).toMatch(/^seed_commitment/);
  });

  it('verify refuses a file that is not a record (exit 2)', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"algorithm": 1}');
    const r = await cli('draw', 'verify', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('malformed draw record');
  });

  it('redraw keeps the old draw, which still exports and verifies', async () => {
    const r = await cli(
      'draw',
      'redraw',
      record.draw_id,
      '--reason',
      '名单未更新 / population list out of date',
      '--approved-by',
      '021037',
      '--json',
    );
    expect(r.code).toBe(0);
    const next = JSON.parse(r.stdout) as RecordJson;
    expect(next.replaces).toBe(record.draw_id);
    expect(next.draw_id).not.toBe(record.draw_id);
    const old = await cli('draw', 'export', record.draw_id);
    expect(old.code).toBe(0);
    expect((JSON.parse(old.stdout) as RecordJson).selected).toEqual(record.selected);
    const stored = await t.db.selectFrom('draw').select(['id', 'replaces', 'replace_reason']).orderBy('id').execute();
    expect(stored).toEqual([
      { id: record.draw_id, replaces: null, replace_reason: null },
      { id: next.draw_id, replaces: record.draw_id, replace_reason: '名单未更新 / population list out of date' },
    ]);
  });

  it('refuses a share below the rule and an R14 draw without --requested (exit 2)', async () => {
    const low = await cli('draw', 'run', '--regime', 'R09', '--campaign', 'x', '--share', '0.20');
    expect(low.code).toBe(2);
    expect(low.stderr).toContain('at least 0.30');
    const r14 = await cli('draw', 'run', '--regime', 'R14', '--campaign', 'x');
    expect(r14.code).toBe(2);
    expect(r14.stderr).toContain('--requested');
  });

  it('every step is audited from the CLI; --by USER draws within that account’s scope', async () => {
    const steps = await t.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_username', 'user_agent'])
      .where('action', 'like', 'draw.%')
      .orderBy('id')
      .execute();
    // run → create + execute; redraw → redraw + execute; the two refusals above → failures.
    expect(steps.map((s) => `${s.action}:${s.outcome}`)).toEqual([
      'draw.create:success',
      'draw.execute:success',
      'draw.redraw:success',
      'draw.execute:success',
      'draw.create:failure',
      'draw.create:failure',
    ]);
    expect(steps.every((s) => s.user_agent === 'supervise-cli' && s.actor_username!.startsWith('cli'))).toBe(true);

    // The demo scheduler is scoped to B-ZA: R10 is theirs, R14 (B-WA) is not.
    const ok = await cli('draw', 'run', '--regime', 'R10', '--campaign', '2026 专项 2/2', '--by', 'scheduler', '--json');
    expect(ok.code).toBe(0);
    const denied = await cli('draw', 'run', '--regime', 'R14', '--campaign', 'x', '--requested', '1', '--by', 'scheduler');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('draws.manage');
    const unknown = await cli('draw', 'run', '--regime', 'R10', '--campaign', 'x', '--by', 'nobody');
    expect(unknown.code).toBe(2);
    const byScheduler = await t.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('actor_username', '=', 'scheduler')
      .where('action', 'like', 'draw.%')
      .orderBy('id')
      .execute();
    expect(byScheduler.map((s) => `${s.action}:${s.outcome}`)).toEqual([
      'draw.create:success',
      'draw.execute:success',
      'draw.create:denied',
    ]);
  });
});
