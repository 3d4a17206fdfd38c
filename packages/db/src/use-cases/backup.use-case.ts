/**
 * Backup and restore of the application database (issue 15 §6): PostgreSQL's own `pg_dump` in its
 * custom format and `pg_restore`, found on PATH or in `PG_BIN_DIR`. One use-case for the CLI (and
 * whatever else needs it): a backup taken is audited in the database it was taken from, a restore in
 * the database it was restored into; every refusal is an error saying what is wrong and where.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { createDb } from '../client.js';
import { pendingMigrations } from '../migrate.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { databaseName, ensureDatabase } from '../server.js';
import { type Actor, auditActor } from './actor.js';

export type BackupErrorCode =
  | 'file_missing'
  | 'file_exists'
  | 'not_a_dump'
  | 'target_not_empty'
  | 'tool_missing'
  | 'tool_too_old'
  | 'dump_failed'
  | 'restore_failed';

/** A refused or failed backup or restore, in both languages; `badInput` when the file itself is wrong. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly zh: string,
    readonly en: string,
    readonly badInput = false,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** Every custom-format archive of pg_dump starts with these bytes. */
const DUMP_MAGIC = 'PGDMP';

function tool(name: 'pg_dump' | 'pg_restore'): string {
  return process.env.PG_BIN_DIR ? join(process.env.PG_BIN_DIR, name) : name;
}

interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a PostgreSQL client tool; the URL goes in `--dbname`, so no shell ever sees it. */
function runTool(name: 'pg_dump' | 'pg_restore', args: string[]): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool(name), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') {
        reject(
          new BackupError(
            'tool_missing',
            `找不到 ${name}（PostgreSQL 客户端工具）：请安装，或用 PG_BIN_DIR 指明其目录`,
            `${name} (PostgreSQL's client tools) not found: install it or name its folder in PG_BIN_DIR`,
          ),
        );
      } else reject(e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The major version of a client tool (`pg_dump (PostgreSQL) 15.14` → 15). */
async function toolMajor(name: 'pg_dump' | 'pg_restore'): Promise<number> {
  const r = await runTool(name, ['--version']);
  const m = /\) (\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : 0;
}

async function serverMajor(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ v: string }>('show server_version_num');
    return Math.floor(Number(r.rows[0]!.v) / 10_000);
  } finally {
    await c.end();
  }
}

/** pg_dump and pg_restore refuse a server newer than themselves: say so before they do. */
async function checkToolFor(name: 'pg_dump' | 'pg_restore', url: string): Promise<void> {
  const [client, server] = await Promise.all([toolMajor(name), serverMajor(url)]);
  if (client < server) {
    throw new BackupError(
      'tool_too_old',
      `${name} 的版本（${client}）低于数据库服务器（PostgreSQL ${server}）：请安装 PostgreSQL ${server} 的客户端工具并用 PG_BIN_DIR 指明`,
      `${name} ${client} is older than the server (PostgreSQL ${server}): install PostgreSQL ${server}'s client tools and name their folder in PG_BIN_DIR`,
    );
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** The last lines of a tool's error output, for a message. */
const tail = (s: string): string => s.trim().split('\n').slice(-3).join(' | ');

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  database: string;
  auditId: number;
}

/**
 * Dumps the database at `url` into `out` (custom format), never over an existing file: it is written
 * under a `.partial` name and renamed when pg_dump has finished, so a failed dump leaves nothing that
 * looks complete. The backup is audited (`backup.create`, file, size, SHA-256) in the same database,
 * after the dump: the archive does not hold its own entry.
 */
export async function backupDatabase(actor: Actor, input: { url: string; out: string }): Promise<BackupResult> {
  const database = databaseName(input.url);
  const audit = async (outcome: 'success' | 'failure', reason: string | null, details: Record<string, unknown>) => {
    const db = createDb({ url: input.url, max: 1, applicationName: 'supervise-backup' });
    try {
      return await recordAudit(db, {
        action: 'backup.create',
        outcome,
        reason,
        ...auditActor(actor),
        entityType: 'database',
        entityId: database,
        details: { via: actor.via, file: input.out, ...details },
      });
    } finally {
      await db.destroy();
    }
  };
  try {
    if (await exists(input.out)) {
      throw new BackupError(
        'file_exists',
        `文件已存在，不覆盖：${input.out}`,
        `the file exists, not overwritten: ${input.out}`,
        true,
      );
    }
    await checkToolFor('pg_dump', input.url);
    const partial = `${input.out}.partial`;
    const r = await runTool('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${input.url}`]);
    if (r.code !== 0) {
      await rm(partial, { force: true });
      throw new BackupError('dump_failed', `pg_dump 失败：${tail(r.stderr)}`, `pg_dump failed: ${tail(r.stderr)}`);
    }
    await rename(partial, input.out);
  } catch (e) {
    if (e instanceof BackupError) await audit('failure', e.code, {}).catch(() => {});
    throw e;
  }
  const [{ size }, sha256] = await Promise.all([stat(input.out), sha256Of(input.out)]);
  const auditId = await audit('success', null, { bytes: size, sha256 });
  return { file: input.out, bytes: size, sha256, database, auditId };
}

/** Tables outside PostgreSQL's own schemas: a database holding any is not empty. */
async function userTableCount(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'`,
    );
    return r.rows[0]!.n;
  } finally {
    await c.end();
  }
}

/** `--force`: every schema of the target but PostgreSQL's own is dropped, and `public` made again. */
async function emptyDatabase(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\\_%'`,
    );
    await c.query('begin');
    for (const { nspname } of r.rows) await c.query(`drop schema ${pg.escapeIdentifier(nspname)} cascade`);
    await c.query('create schema public');
    await c.query('commit');
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
}

/** Refuses a file that is missing or is not a pg_dump custom-format archive whose contents list reads. */
async function checkDumpFile(file: string): Promise<void> {
  let head: Buffer;
  try {
    const fh = await open(file, 'r');
    try {
      head = Buffer.alloc(DUMP_MAGIC.length);
      await fh.read(head, 0, head.length, 0);
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError('file_missing', `找不到备份文件：${file}`, `no such backup file: ${file}`, true);
    throw new BackupError(
      'file_missing',
      `无法读取备份文件 ${file}：${code}`,
      `cannot read the backup file ${file}: ${code}`,
      true,
    );
  }
  if (head.toString('latin1') !== DUMP_MAGIC) {
    throw new BackupError(
      'not_a_dump',
      `${file} 不是 pg_dump 的备份文件（custom 格式，应以 PGDMP 开头）`,
      `${file} is not a pg_dump archive (custom format, starting with PGDMP)`,
      true,
    );
  }
  const list = await runTool('pg_restore', ['--list', file]);
  if (list.code !== 0) {
    throw new BackupError(
      'not_a_dump',
      `${file} 无法读取：${tail(list.stderr)}`,
      `${file} cannot be read: ${tail(list.stderr)}`,
      true,
    );
  }
}

export interface RestoreResult {
  file: string;
  database: string;
  tables: number;
  /** Migrations the restored database has not run (a backup from an older release): run migrate. */
  pendingMigrations: string[];
  auditId: number;
}

/**
 * Restores a custom-format archive into the database at `into` (created when missing). A database
 * holding tables is refused unless `force`, which drops its schemas first. Owners and grants are
 * not restored (the target's roles may differ): the restoring role owns everything, and `supervise
 * migrate` with DATABASE_OWNER_URL grants the apps' role again. Audited (`backup.restore`) in the
 * restored database.
 */
export async function restoreDatabase(
  actor: Actor,
  input: { file: string; into: string; force?: boolean },
): Promise<RestoreResult> {
  await checkDumpFile(input.file);
  await ensureDatabase(input.into);
  await checkToolFor('pg_restore', input.into);
  const database = databaseName(input.into);
  const existing = await userTableCount(input.into);
  if (existing > 0) {
    if (!input.force) {
      throw new BackupError(
        'target_not_empty',
        `目标数据库 ${database} 不是空的（${existing} 张表）：恢复会覆盖它；确需覆盖请加 --force`,
        `the target database ${database} is not empty (${existing} tables): a restore would overwrite it; add --force to do so`,
      );
    }
    await emptyDatabase(input.into);
  }
  const r = await runTool('pg_restore', [
    '--no-owner',
    '--no-acl',
    '--exit-on-error',
    '--single-transaction',
    '--no-password',
    `--dbname=${input.into}`,
    input.file,
  ]);
  if (r.code !== 0) {
    throw new BackupError(
      'restore_failed',
      `pg_restore 失败（未写入任何内容）：${tail(r.stderr)}`,
      `pg_restore failed (nothing written): ${tail(r.stderr)}`,
    );
  }
  const db = createDb({ url: input.into, max: 1, applicationName: 'supervise-restore' });
  try {
    const [pending, sha256, tables] = await Promise.all([
      pendingMigrations(db),
      sha256Of(input.file),
      userTableCount(input.into),
    ]);
    const auditId = await recordAudit(db, {
      action: 'backup.restore',
      ...auditActor(actor),
      entityType: 'database',
      entityId: database,
      details: { via: actor.via, file: input.file, sha256, tables, force: Boolean(input.force) },
    });
    return { file: input.file, database, tables, pendingMigrations: pending, auditId };
  } finally {
    await db.destroy();
  }
}
