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
