import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * Every row of every table of the database (every schema: the queue's PostgreSQL backend included),
 * as JSON text per `schema.table`, for tests that search stored data for what must not be there (issue
 * 13 §4: an informant's identity). `except` names tables (`schema.table`) to leave out.
 */
export async function rowsAsText(db: Kysely<DB>, except: readonly string[] = []): Promise<Map<string, string>> {
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`.execute(db);
  const out = new Map<string, string>();
  for (const t of tables.rows) {
    const key = `${t.schema}.${t.name}`;
    if (except.includes(key)) continue;
    const rows = await sql<{ j: string }>`select row_to_json(x)::text as j from ${sql.table(key)} x`.execute(db);
    out.set(key, rows.rows.map((r) => r.j).join('\n'));
  }
  return out;
}
