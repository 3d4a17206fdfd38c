import { sql, type Kysely } from 'kysely';

// Frozen. The statutory calendar: the State Council's yearly holiday notice as data. A year is
// covered only when a row in calendar_year says so; working-day maths refuses any other year.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    // Where the year's data came from: the chinese-days package, or an admin's import of the notice.
    .addColumn('source', 'text', (c) => c.notNull())
    // Checked day by day against the published notice.
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('notice', 'text')
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('imported_by', 'bigint', (c) => c.references('app_user.id'))
    .execute();

  // Only the exceptions to the week are stored: holidays (rest days) and makeup working days (调休上班).
  await db.schema
    .createTable('calendar_day')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('calendar_year.year').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'makeup_workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addCheckConstraint('calendar_day_in_year', sql`extract(year from date) = year`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_day').ifExists().execute();
  await db.schema.dropTable('calendar_year').ifExists().execute();
}
