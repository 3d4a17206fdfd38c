import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * The exact number of rows of every table in the `public` schema, by name (the backup drill compares
 * a restored database with its source table by table; the fuzz and load drills count writes).
 */
export async function tableRowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts[name] = r.rows[0]!.n;
  }
  return counts;
}
