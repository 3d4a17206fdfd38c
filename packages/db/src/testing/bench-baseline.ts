import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { sql } from 'kysely';
import type { Database } from '../client.js';

/**
 * The benchmark's floor for writing `rows` rows: one `insert … select generate_series` into a scratch
 * table of three columns (an id, a date, a short text), the least work PostgreSQL can do to store that
 * many rows. Returns the milliseconds it took; the table is dropped after.
 */
export async function bulkInsertFloorMs(db: Database, rows: number): Promise<number> {
  await sql`create unlogged table if not exists bench_floor (id bigint, on_day date, note text)`.execute(db);
  await sql`truncate bench_floor`.execute(db);
  const start = performance.now();
  await sql`insert into bench_floor
            select g, date '2026-01-01' + (g % 365), 'row ' || g from generate_series(1, ${rows}::int) g`.execute(db);
  const ms = performance.now() - start;
  await sql`drop table bench_floor`.execute(db);
  return ms;
}

/**
 * The floor of writing rows the application wrote: `COPY (select …) TO STDOUT` piped into `COPY … FROM
 * STDIN` of an unlogged table shaped like the source (no indexes, no triggers), one source at a time.
 * The benchmark's baseline for the worker's obligations and rosters (issue 14 §2).
 */
export async function copyRowsFloorMs(
  url: string,
  sources: readonly { table: string; where?: string }[],
): Promise<{ ms: number; rows: number }> {
  const reader = new pg.Client({ connectionString: url });
  const writer = new pg.Client({ connectionString: url });
  await Promise.all([reader.connect(), writer.connect()]);
  let ms = 0;
  let rows = 0;
  try {
    for (const s of sources) {
      const copy = `bench_copy_${s.table}`;
      await writer.query(`drop table if exists ${copy}; create unlogged table ${copy} (like ${s.table})`);
      const start = performance.now();
      const out = reader.query(copyTo(`COPY (select * from ${s.table} ${s.where ? `where ${s.where}` : ''}) TO STDOUT`));
      const into = writer.query(copyFrom(`COPY ${copy} FROM STDIN`));
      await pipeline(out, into);
      ms += performance.now() - start;
      rows += Number((await writer.query<{ n: string }>(`select count(*) as n from ${copy}`)).rows[0]!.n);
      await writer.query(`drop table ${copy}`);
    }
  } finally {
    await Promise.all([reader.end(), writer.end()]);
  }
  return { ms, rows };
}

/**
 * The floor of writing the same rows into the real tables, with their keys, indexes, foreign keys and
 * triggers, in a transaction that is rolled back: `COPY (select …) TO STDOUT` of each source piped
 * into `COPY <table> FROM STDIN` of the table itself, one source at a time (parents first). The rows
 * are there already, so each source says how its key columns are moved (`shift`: column → SQL
 * expression, e.g. a new id and key) to copies that clash with nothing and still reference each other
 * and the registry. The benchmark's second baseline for the worker's obligations and rosters (issue
 * 14 §2): what the schema's guarantees cost at best, without planning, batches or round trips.
 */
export async function copyRowsIntoTablesMs(
  url: string,
  sources: readonly { table: string; where?: string; shift: Readonly<Record<string, string>> }[],
): Promise<{ ms: number; rows: number }> {
  const reader = new pg.Client({ connectionString: url });
  const writer = new pg.Client({ connectionString: url });
  await Promise.all([reader.connect(), writer.connect()]);
  let ms = 0;
  let rows = 0;
  try {
    await writer.query('begin');
    for (const s of sources) {
      const columns = (
        await reader.query<{ c: string }>(
          `select attname as c from pg_attribute
            where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
          [s.table],
        )
      ).rows.map((r) => r.c);
      const select = columns.map((c) => `${s.shift[c] ?? pg.escapeIdentifier(c)} as ${pg.escapeIdentifier(c)}`).join(', ');
      const list = columns.map((c) => pg.escapeIdentifier(c)).join(', ');
      const start = performance.now();
      const out = reader.query(copyTo(`COPY (select ${select} from ${s.table} ${s.where ? `where ${s.where}` : ''}) TO STDOUT`));
      const into = writer.query(copyFrom(`COPY ${s.table} (${list}) FROM STDIN`));
      await pipeline(out, into);
      ms += performance.now() - start;
      rows += into.rowCount ?? 0;
    }
  } finally {
    await writer.query('rollback').catch(() => {});
    await Promise.all([reader.end(), writer.end()]);
  }
  return { ms, rows };
}
