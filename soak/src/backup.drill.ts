import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupDatabase, createDb, pendingMigrations, restoreDatabase, withDatabase, type Actor } from '@supervise/db';
import { rawQuery, tableRowCounts, testServerUrl } from '@supervise/db/testing';
import { demoDatabase } from './drill-database.js';
import type { DrillResult } from './drill.js';

const SOAK_ACTOR: Actor = { id: null, username: 'soak', principal: null, via: 'cli' };

/**
 * Issue 15 §6, the backup drill (its CLI twin is apps/cli/src/commands/backup.command.int.spec.ts):
 * the demo district backed up with the backup use-case, restored into a fresh database, and the copy
 * compared: migrations state, the row count of every table, and a query of the app on it.
 */
export async function backupDrill(): Promise<DrillResult> {
  const source = await demoDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'supervise-soak-backup-'));
  const target = `supervise_test_soak_restore_${process.pid}`;
  const targetUrl = withDatabase(testServerUrl(), target);
  const admin = createDb({ url: withDatabase(testServerUrl(), 'postgres'), max: 1 });
  try {
    const before = await tableRowCounts(source.db);
    const t0 = Date.now();
    const backup = await backupDatabase(SOAK_ACTOR, { url: source.url, out: join(dir, 'demo.dump') });
    const t1 = Date.now();
    const restored = await restoreDatabase(SOAK_ACTOR, { file: backup.file, into: targetUrl });
    const t2 = Date.now();
    const copy = createDb({ url: targetUrl, max: 1 });
    try {
      const after = await tableRowCounts(copy);
      const pending = await pendingMigrations(copy);
      const differing = Object.keys({ ...before, ...after }).filter(
        (k) => (after[k] ?? -1) !== (before[k] ?? -1) + (k === 'audit_log' ? 1 : 0),
      );
      const [{ n }] = (await rawQuery<{ n: number }>(copy, 'select count(*)::int as n from inspection where status = $1', [
        'done',
      ])) as [{ n: number }];
      const rows = Object.values(before).reduce((a, b) => a + b, 0);
      return {
        name: 'backup',
        tried: `demo district (${Object.keys(before).length} tables, ${rows} rows) backed up and restored into a fresh database`,
        ok: differing.length === 0 && pending.length === 0 && restored.pendingMigrations.length === 0 && n > 0,
        figures: {
          'archive bytes': backup.bytes,
          tables: restored.tables,
          rows,
          'tables differing': differing.length,
          'pending migrations': pending.length,
          'backup ms': t1 - t0,
          'restore ms': t2 - t1,
          ...(differing.length ? { 'first differing': differing[0]! } : {}),
        },
      };
    } finally {
      await copy.destroy();
    }
  } finally {
    await rawQuery(admin, `drop database if exists "${target}" with (force)`).catch(() => {});
    await admin.destroy();
    await rm(dir, { recursive: true, force: true });
    await source.drop();
  }
}
