import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { BackupError, backupDatabase, restoreDatabase } from '@supervise/db';
import { CliError, EXIT_BAD_INPUT, EXIT_REFUSED, printJson, printLines, reportCliErrors } from '../cli-output.js';
import { redact, resolveDatabase } from '../database.js';
import { parseEnv, type CliEnv } from '../env.js';
import { operatorActor } from '../operator-actor.js';
import { logErr } from '../output.js';

/** A path as the operator typed it: relative to where they ran `pnpm supervise` (pnpm moves to the root). */
function fromOperatorCwd(file: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/** `supervise-<database>-20261130T234512Z.dump` under the data folder's backups/. */
function defaultBackupFile(env: CliEnv, database: string): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return resolve(env.SUPERVISE_DATA_DIR, 'backups', `supervise-${database}-${stamp}.dump`);
}

function asCliError(e: unknown): unknown {
  if (e instanceof BackupError) return new CliError(e.zh, e.en, e.badInput ? EXIT_BAD_INPUT : EXIT_REFUSED);
  return e;
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('dump the database (pg_dump, custom format), audited / 备份数据库（pg_dump custom 格式），记入审计')
    .option('--out <file>', 'the archive to write (never overwritten); default .data/backups/supervise-<db>-<time>.dump')
    .option('--json', 'print JSON')
    .action((opts: { out?: string; json?: boolean }) =>
      reportCliErrors(async () => {
        const env = parseEnv();
        const app = await resolveDatabase(env, logErr);
        try {
          // The owner when the roles are split (it reads everything); else the one role there is.
          const url = env.DATABASE_OWNER_URL ?? app.url;
          const out = opts.out ? fromOperatorCwd(opts.out) : defaultBackupFile(env, new URL(url).pathname.slice(1));
          await mkdir(dirname(out), { recursive: true });
          const r = await backupDatabase(operatorActor(), { url, out }).catch((e: unknown) => {
            throw asCliError(e);
          });
          if (opts.json) printJson(r);
          else printLines([r.file, `${r.bytes} bytes  sha256 ${r.sha256}`]);
        } finally {
          await app.release();
        }
      }),
    );

  program
    .command('restore')
    .description('restore a backup into a database (pg_restore), audited / 从备份恢复数据库，记入审计')
    .argument('<file>', 'an archive written by `supervise backup`')
    .option('--into <url>', "the target database's URL (created when missing); default the database in use")
    .option('--force', 'overwrite a target that holds tables (its schemas are dropped first) / 覆盖非空的目标数据库')
    .option('--json', 'print JSON')
    .action((file: string, opts: { into?: string; force?: boolean; json?: boolean }) =>
      reportCliErrors(async () => {
        const env = parseEnv();
        if (opts.into !== undefined && !/^postgres(ql)?:\/\//.test(opts.into)) {
          throw new CliError('--into 应为 postgres:// 连接串', '--into must be a postgres:// URL', EXIT_BAD_INPUT);
        }
        const app = opts.into ? undefined : await resolveDatabase(env, logErr);
        try {
          const into = opts.into ?? env.DATABASE_OWNER_URL ?? app!.url;
          const r = await restoreDatabase(operatorActor(), { file: fromOperatorCwd(file), into, force: opts.force }).catch(
            (e: unknown) => {
              throw asCliError(e);
            },
          );
          if (opts.json) printJson(r);
          else {
            printLines([`${redact(into)}  ${r.tables} tables`]);
            if (r.pendingMigrations.length) {
              logErr(
                `备份早于当前版本：请运行 pnpm supervise migrate / the backup predates this release (${r.pendingMigrations.length} migrations to run): run \`pnpm supervise migrate\``,
              );
            }
          }
        } finally {
          await app?.release();
        }
      }),
    );
}
