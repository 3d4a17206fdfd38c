import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './generated/db.js';
import { NulMarkPlugin } from './nul-mark.plugin.js';

export type Database = Kysely<DB>;

// Postgres `bigint` and `numeric` come back as strings by default; our ids and fen amounts fit in a
// JS number (< 2^53), so parse int8 as number once for every pool.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface DbConfig {
  url: string;
  /** Pool size; keep small, every process opens its own. */
  max?: number;
  applicationName?: string;
}

export function createDb(config: DbConfig): Database {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.max ?? 10,
    application_name: config.applicationName ?? 'supervise',
    // No JIT compilation (PostgreSQL's default compiles any plan above jit_above_cost): this is a
    // transactional workload of short statements, and the compile is never repaid — issue 14 found
    // 0.8 s of a province's draw spent compiling the inspection dashboard trigger's plan, and the
    // same for every inspection insert of more than ≈ 2,300 rows (the reconcile's, an import's).
    options: '-c jit=off',
  });
  // An idle client whose backend ends (pg_terminate_backend, a PostgreSQL restart) is dropped by the
  // pool, which then emits 'error': unheard, that would kill the process (issue 15 §3). The next query opens a new
  // connection; a query in flight fails on its own promise (issue 15 §3).
  pool.on('error', () => {});
  // The same for a checked-out client between two queries (inside a transaction): the query that
  // follows fails, the transaction is abandoned, and the pool discards the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new NulMarkPlugin()] });
}
