import { createDb, ensureDatabase, pendingMigrations, prepareDatabase, withDatabase, type Database } from '@supervise/db';
import { CliError } from './cli-output.js';
import type { CliEnv } from './env.js';
import { localPostgresUrl, startLocalPostgres, type LocalPostgres } from './local/embedded-postgres.js';
import { todayInShanghai } from './output.js';

/** The application's database when PostgreSQL is the embedded one. */
const LOCAL_DATABASE = 'supervise';

export interface AppDatabase {
  url: string;
  local: LocalPostgres | undefined;
  /** Stops the embedded PostgreSQL if this process started it. */
  release(): Promise<void>;
}

/** The connection string of the database in use: DATABASE_URL, else the embedded one (running or not). */
export function appDatabaseUrl(env: CliEnv): string {
  return env.DATABASE_URL ?? withDatabase(localPostgresUrl(env.EMBEDDED_PG_PORT), LOCAL_DATABASE);
}

/** DATABASE_URL when given (its database is created if missing), else the embedded PostgreSQL. */
export async function resolveDatabase(env: CliEnv, log: (line: string) => void): Promise<AppDatabase> {
  let local: LocalPostgres | undefined;
  if (!env.DATABASE_URL) local = await startLocalPostgres(env.SUPERVISE_DATA_DIR, env.EMBEDDED_PG_PORT, log);
  const url = appDatabaseUrl(env);
  try {
    await ensureDatabase(url);
  } catch (e) {
    await local?.stop();
    throw new Error(`cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
  }
  return { url, local, release: async () => local?.stop() };
}

/**
 * Makes the database ready for a command. The embedded database is ours: it is migrated (and the
 * calendar seeded) first, as `npm start` does, so any command can be the first one typed on a fresh
 * clone. A database given by DATABASE_URL is the operator's: a schema behind the code is refused
 * with what to run, never migrated behind their back.
 */
async function readyDatabase(db: Database, app: AppDatabase, log: (line: string) => void): Promise<void> {
  if (app.local) {
    const prepared = await prepareDatabase(db, todayInShanghai());
    if (prepared.applied.length) log(`Migrations applied: ${prepared.applied.join(', ')}`);
    if (prepared.calendarSeeded.length)
      log(`Calendar seeded from chinese-days: ${prepared.calendarSeeded[0]}–${prepared.calendarSeeded.at(-1)}`);
    return;
  }
  const pending = await pendingMigrations(db);
  if (pending.length) {
    throw new CliError(
      `${redact(app.url)} 的数据库结构未更新（${pending.length} 项迁移待执行）：请先运行 pnpm supervise migrate`,
      `the database at ${redact(app.url)} is behind the code (${pending.length} migrations to run, first ${pending[0]}): run \`pnpm supervise migrate\` first`,
    );
  }
}

/**
 * Runs `fn` with a Kysely client on the application database, then closes everything. `schema:
 * 'as-is'` skips the readiness step (for `migrate` itself).
 */
export async function withAppDb<T>(
  env: CliEnv,
  log: (line: string) => void,
  fn: (db: Database, url: string) => Promise<T>,
  options: { schema?: 'ready' | 'as-is' } = {},
): Promise<T> {
  const app = await resolveDatabase(env, log);
  const db = createDb({ url: app.url, max: 4, applicationName: 'supervise-cli' });
  try {
    if (options.schema !== 'as-is') await readyDatabase(db, app, log);
    return await fn(db, app.url);
  } finally {
    await db.destroy();
    await app.release();
  }
}

/** A URL fit for a log line: the password replaced. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
