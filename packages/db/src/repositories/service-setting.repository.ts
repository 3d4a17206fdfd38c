import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/** The day the system went into service (issue 8 §4), or null while it was never set. */
export async function inServiceFrom(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('service_setting').select('in_service_from').executeTakeFirst();
  return row ? String(row.in_service_from) : null;
}

/**
 * Sets the in-service day once, at the first `supervise migrate` / `start`: `today`, or the earliest
 * period of obligations already stored, so a database that was in use keeps all of its work in
 * service. Later calls change nothing. Returns the day in force.
 */
export async function ensureInServiceFrom(db: Kysely<DB>, today: string): Promise<string> {
  // Every CLI command on the embedded database comes through here: once set, one read is all it costs.
  const set = await inServiceFrom(db);
  if (set !== null) return set;
  const earliest = await db
    .selectFrom('obligation')
    .select((eb) => eb.fn.min('period_start').as('first'))
    .executeTakeFirst();
  const first = earliest?.first ? String(earliest.first) : null;
  const day = first !== null && first < today ? first : today;
  await db
    .insertInto('service_setting')
    .values({ in_service_from: day })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await inServiceFrom(db))!;
}

/** Writes the in-service day (the use-case checks who may, and audits). */
export async function writeInServiceFrom(db: Kysely<DB>, day: string, byUserId: number | null): Promise<void> {
  await db
    .insertInto('service_setting')
    .values({ in_service_from: day, updated_by: byUserId })
    .onConflict((oc) => oc.column('id').doUpdateSet({ in_service_from: day, updated_by: byUserId, updated_at: new Date() }))
    .execute();
}
