/**
 * The backup drill (issue 15 §6), through the BUILT CLI on the real PostgreSQL: a database holding the
 * demo district is backed up (`supervise backup --out`), restored into a fresh database (`supervise
 * restore FILE --into URL`), and the copy is checked: its migrations state, the app's queries on it,
 * and the number of rows of every table. Then each refusal: a missing file, a file that is not a dump,
 * a target that is not empty (and --force).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDb,
  listCalendarYears,
  migrateToLatest,
  pendingMigrations,
  recordAudit,
  searchAudit,
  seedDemo,
  withDatabase,
  type Database,
} from '@supervise/db';
import { createTestDatabase, rawQuery, tableRowCounts, testServerUrl, type TestDatabase } from '@supervise/db/testing';
import { cliRunner } from '../test-support/run-cli.js';

/**
 * pg_dump refuses a server newer than itself: a machine whose test PostgreSQL is the embedded 18 and
 * whose client tools are older cannot run the drill, and says so instead of failing on it.
 */
async function toolsUnfit(): Promise<string | null> {
  let client: number;
  try {
    client = Number(
      /\) (\d+)/.exec(
        execFileSync(process.env.PG_BIN_DIR ? join(process.env.PG_BIN_DIR, 'pg_dump') : 'pg_dump', ['--version']).toString(),
      )?.[1],
    );
  } catch {
    return 'pg_dump not found (PG_BIN_DIR)';
  }
  const admin = createDb({ url: testServerUrl(), max: 1 });
  try {
    const [row] = await rawQuery<{ v: string }>(admin, 'show server_version_num');
    const server = Math.floor(Number(row!.v) / 10_000);
    return client < server ? `pg_dump ${client} is older than the test server (PostgreSQL ${server})` : null;
  } finally {
    await admin.destroy();
  }
}
const unfit = await toolsUnfit();
if (unfit) console.warn(`backup drill skipped: ${unfit}`);

let source: TestDatabase;
let dir: string;
const restoredName = `supervise_test_restore_${process.pid}_${Date.now().toString(36)}`;
const restoredUrl = withDatabase(testServerUrl(), restoredName);
let restored: Database | undefined;
/** The restored copy's row counts, table by table (the archive's plus the restore's audit entry). */
let restoredCounts: Record<string, number> = {};
const cli = cliRunner(() => source.url);

beforeAll(async () => {
  if (unfit) return;
  source = await createTestDatabase();
  await migrateToLatest(source.db);
  await seedDemo(source.db, { today: '2026-11-27' });
  dir = await mkdtemp(join(tmpdir(), 'supervise-backup-'));
});
afterAll(async () => {
  await restored?.destroy();
  const admin = createDb({ url: withDatabase(testServerUrl(), 'postgres'), max: 1 });
  await rawQuery(admin, `drop database if exists "${restoredName}" with (force)`);
  await admin.destroy();
  await source?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(unfit)('backup and restore drill (built CLI, real PostgreSQL)', () => {
  it('restores the demo district into a fresh database: migrations, queries and every table the same', async () => {
    const before = await tableRowCounts(source.db);
    expect(before['inspection']).toBeGreaterThan(0);
    const file = join(dir, 'demo.dump');

    const backup = await cli('backup', '--out', file, '--json');
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const taken = JSON.parse(backup.stdout) as { file: string; bytes: number; sha256: string; auditId: number };
    expect(taken.file).toBe(file);
    expect(taken.bytes).toBeGreaterThan(1000);
    const entry = await source.db.selectFrom('audit_log').selectAll().where('id', '=', taken.auditId).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'backup.create', outcome: 'success', entity_type: 'database', entity_id: source.name });
    expect(entry.details).toMatchObject({ via: 'cli', file, bytes: taken.bytes, sha256: taken.sha256 });

    // Never over an existing file.
    const again = await cli('backup', '--out', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('the file exists');

    const restore = await cli('restore', file, '--into', restoredUrl, '--json');
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const done = JSON.parse(restore.stdout) as { tables: number; pendingMigrations: string[]; auditId: number };
    expect(done.pendingMigrations).toEqual([]);

    restored = createDb({ url: restoredUrl, max: 2 });
    expect(await pendingMigrations(restored)).toEqual([]);
    const after = await tableRowCounts(restored);
    // The copy holds the restore's own audit entry, the source the backup's (written after the dump).
    expect(after).toEqual({ ...before, audit_log: before['audit_log']! + 1 });
    restoredCounts = after;
    // The app's queries run on the copy, and a write takes the next id (sequences restored).
    expect(await listCalendarYears(restored)).toEqual(await listCalendarYears(source.db));
    const restoredEntries = await searchAudit(restored, { action: 'backup.restore' }, { limit: 5, offset: 0 });
    expect(restoredEntries.rows.map((r) => r.id)).toEqual([done.auditId]);
  });

  it('refuses a missing file, a file that is not a dump and a target that is not empty; --force overwrites', async () => {
    const missing = await cli('restore', join(dir, 'nope.dump'), '--into', restoredUrl);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no such backup file: ${join(dir, 'nope.dump')}`);

    const text = join(dir, 'notes.csv');
    await writeFile(text, 'name,phone\n张三,13800000000\n');
    const notDump = await cli('restore', text, '--into', restoredUrl);
    expect(notDump.code).toBe(2);
    expect(notDump.stderr).toContain('is not a pg_dump archive');

    const truncated = join(dir, 'truncated.dump');
    await writeFile(truncated, 'PGDMP\u0001\u000e\u0000');
    const cut = await cli('restore', truncated, '--into', restoredUrl);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('cannot be read');

    // The source itself is not empty: refused, named, and nothing written there but the refusal's audit.
    const countsBefore = await tableRowCounts(source.db);
    const file = join(dir, 'demo.dump');
    const busy = await cli('restore', file, '--into', source.url);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`the target database ${source.name} is not empty`);
    expect(await tableRowCounts(source.db)).toEqual(countsBefore);

    // --force: the restored copy, changed since, is overwritten with the archive again.
    await rawQuery(restored!, 'create table leftover (id int)');
    await recordAudit(restored!, { action: 'auth.login', actorUsername: 'after-restore' });
    await restored!.destroy();
    restored = undefined;
    const forced = await cli('restore', file, '--into', restoredUrl, '--force', '--json');
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    restored = createDb({ url: restoredUrl, max: 2 });
    // Exactly the archive again (no leftover table, no later entry) and the restore's entry.
    expect(await tableRowCounts(restored)).toEqual(restoredCounts);
    expect(await pendingMigrations(restored)).toEqual([]);
  });
});
