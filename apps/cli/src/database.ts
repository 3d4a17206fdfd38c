import { createDb, ensureDatabase, withDatabase, type Database } from '@supervise/db';
import type { CliEnv } from './env.js';
import { startLocalPostgres, type LocalPostgres } from './local/embedded-postgres.js';

/** The application's database when PostgreSQL is the embedded one. */
const LOCAL_DATABASE = 'supervise';

export interface AppDatabase {
  url: string;
  local: LocalPostgres | undefined;
  /** Stops the embedded PostgreSQL if this process started it. */
  release(): Promise<void>;
}

/** DATABASE_URL when given (its database is created if missing), else the embedded PostgreSQL. */
export async function resolveDatabase(env: CliEnv, log: (line: string) => void): Promise<AppDatabase> {
  let local: LocalPostgres | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    local = await startLocalPostgres(env.SUPERVISE_DATA_DIR, env.EMBEDDED_PG_PORT, log);
    url = withDatabase(local.url, LOCAL_DATABASE);
  }
  try {
    await ensureDatabase(url);
  } catch (e) {
    await local?.stop();
    throw new Error(`cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
  }
  return { url, local, release: async () => local?.stop() };
}

/** Runs `fn` with a Kysely client on the application database, then closes everything. */
export async function withAppDb<T>(env: CliEnv, log: (line: string) => void, fn: (db: Database) => Promise<T>): Promise<T> {
  const app = await resolveDatabase(env, log);
  const db = createDb({ url: app.url, max: 4, applicationName: 'supervise-cli' });
  try {
    return await fn(db);
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
