import { sql, type Kysely } from 'kysely';

// Frozen. Issue 8 §3–§4: the date the system went into service, and the interval each worker beats at.
export async function up(db: Kysely<any>): Promise<void> {
  // At most one row: the bureau's settings. `in_service_from` bounds the reconcile and the alert scan,
  // so a first start mid-year does not create (and raise as overdue) the obligations of periods that
  // ended before the system existed. `supervise migrate` / `start` set it once, to the day they first
  // run; without the row nothing is bounded (the test template, a database migrated by hand).
  await db.schema
    .createTable('service_setting')
    .addColumn('id', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`id`),
    )
    .addColumn('in_service_from', 'date', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'bigint', (c) => c.references('app_user.id'))
    .execute();

  // The worker says how often it beats, so /healthz can judge a beat stale (three intervals)
  // without being configured twice.
  await db.schema
    .alterTable('worker_heartbeat')
    .addColumn('interval_ms', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(30_000)
        .check(sql`interval_ms > 0`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('worker_heartbeat').dropColumn('interval_ms').execute();
  await db.schema.dropTable('service_setting').execute();
}
