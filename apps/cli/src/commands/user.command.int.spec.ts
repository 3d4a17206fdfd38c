/**
 * `supervise user create` (the BUILT CLI) against its own database with the demo district: the same
 * account use-case as /admin/users/new (issue 11), and every call audited, refusals too (issue 9 §7).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, seedDemo } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { CLI_MAIN, type CliRun } from '../test-support/run-cli.js';

let t: TestDatabase;
const PASSWORD = 'Str0ng-Passw0rd!';

/** The CLI with the password on stdin (`--password-stdin`), as an operator pipes it. */
function userCreate(...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_MAIN, 'user', 'create', '--password-stdin', ...args], {
      env: { ...process.env, DATABASE_URL: t.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(`${PASSWORD}\n`);
  });
}

const audit = () => t.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').orderBy('id').execute();

beforeAll(async () => {
  t = await createTestDatabase();
  await migrateToLatest(t.db);
  await seedDemo(t.db, { today: '2026-11-27' });
});
afterAll(async () => {
  await t?.drop();
});

describe('supervise user create (built CLI, real PostgreSQL)', () => {
  it('refuses a username the web would refuse, and an inspector without an officer; both audited', async () => {
    const bad = await userCreate('--username', 'Zhang Wei', '--display-name', '张伟', '--role', 'leader');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('username_format');
    const noOfficer = await userCreate(
      '--username',
      'zhang.wei',
      '--display-name',
      '张伟',
      '--role',
      'inspector',
      '--brigade',
      'B-ZA',
    );
    expect(noOfficer.code).toBe(1);
    expect(noOfficer.stderr).toContain('officer_required');
    expect(await t.db.selectFrom('app_user').select('id').where('username', 'in', ['zhang wei', 'zhang.wei']).execute()).toEqual(
      [],
    );
    const rows = await audit();
    expect(rows.map((r) => [r.outcome, r.reason, r.user_agent])).toEqual([
      ['failure', 'username_format', 'supervise-cli'],
      ['failure', 'officer_required', 'supervise-cli'],
    ]);
    expect(rows[0]!.actor_username).toMatch(/^cli:/);
  });

  it('creates an inspector linked to an officer, audited as the CLI', async () => {
    const officer = await t.db
      .selectFrom('officer as o')
      .leftJoin('app_user as u', 'u.officer_id', 'o.id')
      .select('o.code')
      .where('u.id', 'is', null)
      .where('o.brigade_id', '=', 'B-ZA')
      .orderBy('o.code')
      .executeTakeFirstOrThrow();
    const r = await userCreate(
      '--username',
      'zhang.wei',
      '--display-name',
      '张伟',
      '--role',
      'inspector',
      '--brigade',
      'B-ZA',
      '--officer',
      officer.code,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { id: number; officer: string };
    expect(out.officer).toBe(officer.code);
    const linked = await t.db
      .selectFrom('app_user as u')
      .innerJoin('officer as o', 'o.id', 'u.officer_id')
      .select(['u.must_change_password', 'o.code'])
      .where('u.id', '=', out.id)
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ must_change_password: false, code: officer.code });
    const done = (await audit()).filter((a) => a.outcome === 'success');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ entity_id: String(out.id), user_agent: 'supervise-cli' });
    expect(done[0]!.details).toEqual({ via: 'cli' });
  });

  it('refuses a username that is taken, whatever its case', async () => {
    const again = await userCreate('--username', 'ZHANG.WEI', '--display-name', '张伟', '--role', 'audit_admin');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('username_taken');
    expect((await audit()).at(-1)).toMatchObject({ outcome: 'failure', reason: 'username_taken' });
  });
});
