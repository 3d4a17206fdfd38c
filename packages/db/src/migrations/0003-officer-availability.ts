import { sql, type Kysely } from 'kysely';

// Frozen. The officer directory's availability: declared leave, and recusals (回避) — an officer
// who must not inspect an entity (a conflict of interest, a relative, another station's area…).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('officer_leave')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('officer_id', 'bigint', (c) => c.notNull().references('officer.id'))
    .addColumn('from_on', 'date', (c) => c.notNull())
    .addColumn('to_on', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('officer_leave_range', sql`from_on <= to_on`)
    .execute();
  await db.schema.createIndex('officer_leave_officer').on('officer_leave').columns(['officer_id', 'from_on']).execute();

  await db.schema
    .createTable('officer_recusal')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('officer_id', 'bigint', (c) => c.notNull().references('officer.id'))
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_on', 'date', (c) => c.notNull())
    // A recusal ends when withdrawn (the conflict is gone); it is never deleted.
    .addColumn('withdrawn_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index officer_recusal_active on officer_recusal (officer_id, entity_id) where withdrawn_on is null`.execute(
    db,
  );
  await db.schema.createIndex('officer_recusal_entity').on('officer_recusal').column('entity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('officer_recusal').ifExists().execute();
  await db.schema.dropTable('officer_leave').ifExists().execute();
}
