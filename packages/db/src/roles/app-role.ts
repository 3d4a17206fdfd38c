/**
 * The least-privilege database role of the apps (issue 15, high: the apps connected as a superuser
 * that owned the tables, so their own role could `ALTER TABLE … DISABLE TRIGGER` the append-only
 * audit log and the 三权分立 trigger, or `SET session_replication_role = replica`).
 *
 * The app role may read and write rows (DML) and nothing else: it owns no table, so it cannot alter,
 * drop or disable the triggers of one; it is not a superuser, so `session_replication_role` is
 * refused; it holds no CREATE on the schema (PostgreSQL 15 revokes it from PUBLIC), so no DDL. The
 * append-only tables get SELECT and INSERT only. Run by the OWNER (the role migrations run as), after
 * the migrations; default privileges cover the tables of later migrations.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/** Tables that are only ever appended to: no UPDATE or DELETE even through the grants. */
const APPEND_ONLY = ['audit_log', 'entity_history'] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface AppRoleOptions {
  /** The role's login password; omitted for a role that logs in by trust, peer or certificate. */
  password?: string;
  /** BullMQ's schema when it is not `bullmq` (QUEUE_SCHEMA); create it first (`migrateQueueBackend`). */
  queueSchema?: string;
}

/**
 * Creates the app role when missing (a login role, no superuser, no CREATEDB/CREATEROLE, no
 * replication, no RLS bypass) and grants it DML on this database's tables and sequences, now and for
 * tables the owner creates later. Idempotent. The caller connects as the owner with CREATEROLE.
 */
export async function grantAppRole(db: Kysely<DB>, role: string, opts: AppRoleOptions = {}): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`not a plain role name: ${JSON.stringify(role)}`);
  const r = sql.id(role);
  const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${role}`.execute(db);
  if (exists.rows[0]!.n === 0) await sql`create role ${r} login`.execute(db);
  await sql`alter role ${r} nosuperuser nocreatedb nocreaterole noreplication nobypassrls login`.execute(db);
  if (opts.password !== undefined) await sql`alter role ${r} password ${sql.lit(opts.password)}`.execute(db);
  const database = (await sql<{ d: string }>`select current_database() as d`.execute(db)).rows[0]!.d;
  await sql`grant connect, temporary on database ${sql.id(database)} to ${r}`.execute(db);
  for (const schema of await appSchemas(db, opts.queueSchema)) {
    const s = sql.id(schema);
    await sql`revoke create on schema ${s} from ${r}`.execute(db);
    await sql`grant usage on schema ${s} to ${r}`.execute(db);
    await sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`.execute(db);
    await sql`grant usage, select, update on all sequences in schema ${s} to ${r}`.execute(db);
    await sql`grant execute on all functions in schema ${s} to ${r}`.execute(db);
    await sql`alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${r}`.execute(db);
    await sql`alter default privileges in schema ${s} grant usage, select, update on sequences to ${r}`.execute(db);
  }
  for (const table of APPEND_ONLY) {
    const found = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename = ${table}`.execute(db);
    if (found.rows[0]!.n) await sql`revoke update, delete, truncate on ${sql.id(table)} from ${r}`.execute(db);
  }
}

/** Our schema, and BullMQ's when its PostgreSQL backend has created it (at migrate time). */
async function appSchemas(db: Kysely<DB>, queueSchema = 'bullmq'): Promise<string[]> {
  const rows = await sql<{ nspname: string }>`select nspname from pg_namespace
    where nspname in ('public', 'bullmq', ${queueSchema})`.execute(db);
  return rows.rows.map((x) => x.nspname).sort();
}

/**
 * The app role's connection string: `ownerUrl` (same server and database) with the role's name and
 * password.
 */
export function appRoleUrl(ownerUrl: string, role: string, password?: string): string {
  const u = new URL(ownerUrl);
  u.username = encodeURIComponent(role);
  u.password = password === undefined ? '' : encodeURIComponent(password);
  return u.toString();
}

/** Whether the connected role may create the app role (a superuser, or CREATEROLE). */
export async function canCreateRoles(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{
    ok: boolean;
  }>`select (rolsuper or rolcreaterole) as ok from pg_roles where rolname = current_user`.execute(db);
  return r.rows[0]?.ok === true;
}
