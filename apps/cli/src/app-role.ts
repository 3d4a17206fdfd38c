/**
 * Issue 15: the migrations (ours and BullMQ's schema) run as the OWNER of the tables; the web app and
 * the worker connect as the apps' least-privilege role (`grantAppRole`: rows only, no DDL, no trigger
 * control, no `session_replication_role`). Used by `supervise migrate` and `supervise start`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoleUrl, canCreateRoles, databaseName, grantAppRole, type Database } from '@supervise/db';
import { migrateQueueBackend } from '@supervise/queue';
import type { CliEnv } from './env.js';

/** BullMQ's schema on the PostgreSQL backend (no REDIS_URL), created or upgraded as the owner. */
export async function migrateQueueAsOwner(env: CliEnv, ownerUrl: string): Promise<void> {
  if (env.REDIS_URL) return;
  await migrateQueueBackend({ kind: 'postgres', url: ownerUrl, ...(env.QUEUE_SCHEMA ? { schema: env.QUEUE_SCHEMA } : {}) });
}

const queueSchemaOf = (env: CliEnv) => (env.QUEUE_SCHEMA ? { queueSchema: env.QUEUE_SCHEMA } : {});

/**
 * Grants `appUrl`'s role the apps' rights, connected as the owner (`db`). Refused when it is the
 * owner itself (it would keep DDL): false then.
 */
export async function grantAppRoleOf(db: Database, env: CliEnv, ownerUrl: string, appUrl: string): Promise<boolean> {
  const app = new URL(appUrl);
  const role = decodeURIComponent(app.username);
  if (!role || role === decodeURIComponent(new URL(ownerUrl).username)) return false;
  await grantAppRole(db, role, {
    password: app.password ? decodeURIComponent(app.password) : undefined,
    ...queueSchemaOf(env),
  });
  return true;
}

/** `<database>_app`, or `supervise_app` when the database's name is not a plain identifier. */
export function appRoleName(ownerUrl: string): string {
  const name = `${databaseName(ownerUrl)}_app`;
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name) ? name : 'supervise_app';
}

/** The app role's password for `npm start`: generated once into the data folder (mode 0600). */
function storedPassword(dataDir: string): string {
  const file = join(dataDir, 'app-db-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * The database URL `npm start` gives the web app and the worker. With DATABASE_OWNER_URL, DATABASE_URL
 * names the app role (granted here). Otherwise the owner (the embedded server's superuser, or
 * DATABASE_URL) creates `<database>_app` with a password kept in the data folder. An owner that may
 * not create roles leaves the apps on the owner's role, said out loud.
 */
export async function appUrlForStart(db: Database, env: CliEnv, ownerUrl: string, log: (line: string) => void): Promise<string> {
  if (env.DATABASE_OWNER_URL && env.DATABASE_URL) {
    if (await grantAppRoleOf(db, env, ownerUrl, env.DATABASE_URL)) return env.DATABASE_URL;
    log('DATABASE_URL uses the owner role: the apps keep DDL rights (see SECURITY.md).');
    return env.DATABASE_URL;
  }
  if (!(await canCreateRoles(db))) {
    log(
      `The role of ${new URL(ownerUrl).username || 'DATABASE_URL'} may not create roles: the web app and the worker run as the owner (see SECURITY.md: set DATABASE_OWNER_URL).`,
    );
    return ownerUrl;
  }
  const role = appRoleName(ownerUrl);
  const password = storedPassword(env.SUPERVISE_DATA_DIR);
  await grantAppRole(db, role, { password, ...queueSchemaOf(env) });
  return appRoleUrl(ownerUrl, role, password);
}
