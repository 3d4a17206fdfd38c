import { sql, type Kysely } from 'kysely';

// Frozen. Obligations planned from the schedule rules (packages/core planPeriod), the link from an
// inspection to the obligation it fulfils, roster bookkeeping for census inspections (who was assigned
// how, and every manual override with its reason), and the progress of reconcile batches.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('obligation')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // The planner's deterministic key (no rule version in it): the one guard against doubles.
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('census', 'campaign', 'spot_check')`))
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'text', (c) => c.notNull())
    // The entity kind (census: the entity's; campaign / spot check: the population's).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'bigint', (c) => c.references('entity.id'))
    // The calendar period the obligation belongs to: census → its cadence window; campaign and spot
    // check → their year. The due window may be shorter (a campaign's quarter).
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('window_start', 'date', (c) => c.notNull())
    .addColumn('window_end', 'date', (c) => c.notNull())
    .addColumn('cadence', 'text')
    .addColumn('purpose', 'text')
    .addColumn('clause', 'text', (c) => c.notNull())
    .addColumn('quota_source', 'text', (c) => c.notNull().check(sql`quota_source in ('rulebook', 'superior')`))
    .addColumn('quota_reference', 'text')
    .addColumn('quota_issued_by', 'text')
    // Campaigns: sequence in the year, how many a year, population and minimum; spot checks: maximum.
    .addColumn('sequence', 'integer')
    .addColumn('per_year', 'integer')
    .addColumn('population', 'integer')
    .addColumn('min_share', 'text')
    .addColumn('min_count', 'integer')
    .addColumn('max_share', 'text')
    .addColumn('max_count', 'integer')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'fulfilled', 'cancelled')`),
    )
    .addColumn('fulfilled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('obligation_window_range', sql`window_start <= window_end and period_start <= period_end`)
    .addCheckConstraint('obligation_census_entity', sql`(type = 'census') = (entity_id is not null)`)
    .execute();
  await db.schema.createIndex('obligation_due').on('obligation').columns(['status', 'window_end']).execute();
  await db.schema.createIndex('obligation_entity').on('obligation').column('entity_id').execute();
  await db.schema.createIndex('obligation_period').on('obligation').columns(['period_start', 'type']).execute();

  // The obligation an inspection fulfils (null: patrol, complaint, post-case… not from the schedule).
  await db.schema
    .alterTable('inspection')
    .addColumn('obligation_id', 'bigint', (c) => c.references('obligation.id'))
    .execute();
  // One live census inspection per census obligation: the roster step inserts on conflict do nothing.
  await sql`create unique index inspection_census_obligation on inspection (obligation_id) where trigger = 'census' and status <> 'cancelled'`.execute(
    db,
  );
  await db.schema.createIndex('inspection_obligation').on('inspection').column('obligation_id').execute();
  await db.schema.createIndex('inspection_planned_on').on('inspection').column('planned_on').execute();

  // How an officer came onto an inspection: the roster, a draw, a manual override, or by hand.
  await db.schema
    .alterTable('inspection_officer')
    .addColumn('assigned_by', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('inspection_officer_officer').on('inspection_officer').column('officer_id').execute();

  // Issue 4 §3: a scheduler may replace a rostered officer by hand, with a reason; logged and counted.
  await db.schema
    .createTable('roster_override')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('inspection_id', 'bigint', (c) => c.notNull().references('inspection.id'))
    .addColumn('replaced_officer_id', 'bigint', (c) => c.notNull().references('officer.id'))
    .addColumn('with_officer_id', 'bigint', (c) => c.notNull().references('officer.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('overridden_by', 'bigint', (c) => c.notNull().references('app_user.id'))
    .addColumn('overridden_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('roster_override_distinct', sql`replaced_officer_id <> with_officer_id`)
    .addCheckConstraint('roster_override_reason', sql`length(btrim(reason)) > 0`)
    .execute();
  await db.schema.createIndex('roster_override_inspection').on('roster_override').column('inspection_id').execute();
  await db.schema.createIndex('roster_override_at').on('roster_override').column('overridden_at').execute();

  // Reconcile progress: one row per (period, part, entity-id range), upserted when the batch finishes.
  await db.schema
    .createTable('reconcile_batch')
    .addColumn('period_kind', 'text', (c) => c.notNull().check(sql`period_kind in ('month', 'two_months', 'quarter', 'year')`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull().check(sql`part in ('census', 'quotas')`))
    .addColumn('after_id', 'bigint', (c) => c.notNull())
    .addColumn('up_to_id', 'bigint', (c) => c.notNull())
    .addColumn('entities', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('planned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rostered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unrostered', 'integer', (c) => c.notNull().defaultTo(0))
    // e.g. 'calendar-year-missing:2027' when day-spreading was skipped.
    .addColumn('note', 'text')
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('reconcile_batch_pk', ['period_kind', 'period_start', 'part', 'after_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reconcile_batch').ifExists().execute();
  await db.schema.dropTable('roster_override').ifExists().execute();
  await db.schema.dropIndex('inspection_officer_officer').ifExists().execute();
  await db.schema.alterTable('inspection_officer').dropColumn('assigned_at').dropColumn('assigned_by').execute();
  await db.schema.dropIndex('inspection_planned_on').ifExists().execute();
  await db.schema.dropIndex('inspection_obligation').ifExists().execute();
  await db.schema.dropIndex('inspection_census_obligation').ifExists().execute();
  await db.schema.alterTable('inspection').dropColumn('obligation_id').execute();
  await db.schema.dropTable('obligation').ifExists().execute();
}
