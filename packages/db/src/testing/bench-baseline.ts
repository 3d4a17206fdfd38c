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
