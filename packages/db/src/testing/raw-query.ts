import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * A test's own SQL, with $1… parameters, for tests outside this package that check a figure against
 * the database independently of the repositories (e.g. the dashboard's browser test).
 */
export async function rawQuery<R>(db: Kysely<DB>, text: string, parameters: readonly unknown[] = []): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]))).rows;
}
