import { sql, type Kysely } from 'kysely';

// Frozen. Issue 13 §5–§7.
// - supervision_case (案件): R11–R13 cases opened from an incident an officer recorded (what, where,
//   when, which unit, how it was found), or a case opened from a complaint (any regime); the
//   inspection it opens (its rectification and penalty follow that inspection's case file), and its
//   closing conclusion.
// - credit_grade (R03 失信): a unit's grade, the officer's reason and the one record it rests on (a
//   penalty or a rectification notice of that unit); the seed defines no criteria.
// - R01 window service: window staff, the satisfaction raters' monthly results (imported), complaints
//   per staff member with their follow-up call or visit, the measure decided for a flagged member, and
//   the two configured thresholds (the seed gives no numbers: 投诉较多 / 满意率较低).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence supervision_case_number_seq`.execute(db);
  await db.schema
    .createTable('supervision_case')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('regime_code', 'text', (c) => c.notNull().check(sql`regime_code ~ '^R(0[1-9]|1[0-4])$'`))
    .addColumn('brigade_id', 'text', (c) => c.notNull().references('brigade.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('incident', 'complaint')`))
    .addColumn('method', 'text', (c) => c.check(sql`method in ('daily_work', 'site_check', 'technical', 'post_case')`))
    .addColumn('complaint_id', 'bigint', (c) => c.unique().references('complaint.id'))
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('what', 'text', (c) => c.notNull().check(sql`length(btrim(what)) > 0`))
    .addColumn('place', 'text')
    // Local time (Asia/Shanghai) as entered: the bureau's wall clock.
    .addColumn('occurred_at', 'timestamp', (c) => c.notNull())
    .addColumn('opened_on', 'date', (c) => c.notNull())
    .addColumn('inspection_id', 'bigint', (c) => c.unique().references('inspection.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('conclusion', 'text')
    .addColumn('closed_on', 'date')
    .addColumn('closed_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'supervision_case_source',
      sql`case when source = 'complaint' then complaint_id is not null and method is null
               else complaint_id is null and method is not null and regime_code in ('R11', 'R12', 'R13')
                    and length(btrim(coalesce(place, ''))) > 0 end`,
    )
    .addCheckConstraint(
      'supervision_case_closed',
      sql`(status = 'closed') = (closed_on is not null and conclusion is not null and inspection_id is not null)`,
    )
    .execute();
  await sql`create index supervision_case_open on supervision_case (regime_code, opened_on) where status = 'open'`.execute(db);

  await db.schema
    .createTable('credit_grade')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('grade', 'text', (c) => c.notNull().check(sql`grade in ('general', 'serious', 'severe')`))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(btrim(reason)) > 0`))
    .addColumn('penalty_id', 'bigint', (c) => c.unique().references('penalty.id'))
    .addColumn('rectification_id', 'bigint', (c) => c.unique().references('rectification.id'))
    .addColumn('graded_on', 'date', (c) => c.notNull())
    .addColumn('graded_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('credit_grade_one_basis', sql`(penalty_id is null) <> (rectification_id is null)`)
    .execute();
  await db.schema.createIndex('credit_grade_entity').on('credit_grade').column('entity_id').execute();

  await db.schema
    .createTable('window_staff')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('code', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`length(btrim(code)) > 0`),
    )
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(btrim(name)) > 0`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('window_rating')
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('window_staff.id'))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('rated', 'integer', (c) => c.notNull().check(sql`rated > 0`))
    .addColumn('satisfied', 'integer', (c) => c.notNull().check(sql`satisfied >= 0`))
    .addColumn('source_file', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('window_rating_pk', ['staff_id', 'month'])
    .addCheckConstraint('window_rating_counts', sql`satisfied <= rated`)
    .execute();
  await db.schema
    .createTable('window_complaint')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('window_staff.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('phone', 'box', 'on_site', 'supervision')`))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull().check(sql`length(btrim(content)) > 0`))
    .addColumn('follow_up', 'text', (c) => c.check(sql`follow_up in ('call', 'visit')`))
    .addColumn('follow_up_on', 'date')
    .addColumn('follow_up_note', 'text')
    .addColumn('recorded_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'window_complaint_follow_up',
      sql`(follow_up is null) = (follow_up_on is null) and (follow_up is null or length(btrim(coalesce(follow_up_note, ''))) > 0)`,
    )
    .execute();
  await db.schema
    .createTable('window_measure')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('window_staff.id'))
    .addColumn('month', 'text', (c) => c.notNull().check(sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('measure', 'text', (c) => c.notNull().check(sql`measure in ('retraining', 'reassignment')`))
    .addColumn('note', 'text', (c) => c.notNull().check(sql`length(btrim(note)) > 0`))
    .addColumn('decided_on', 'date', (c) => c.notNull())
    .addColumn('decided_by', 'bigint', (c) => c.references('app_user.id'))
    .addUniqueConstraint('window_measure_once', ['staff_id', 'month'])
    .execute();
  await db.schema
    .alterTable('service_setting')
    .addColumn('window_min_satisfaction_pct', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(90)
        .check(sql`window_min_satisfaction_pct between 1 and 100`),
    )
    .addColumn('window_max_complaints', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`window_max_complaints between 1 and 100`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('service_setting')
    .dropColumn('window_max_complaints')
    .dropColumn('window_min_satisfaction_pct')
    .execute();
  await db.schema.dropTable('window_measure').execute();
  await db.schema.dropTable('window_complaint').execute();
  await db.schema.dropTable('window_rating').execute();
  await db.schema.dropTable('window_staff').execute();
  await db.schema.dropTable('credit_grade').execute();
  await db.schema.dropTable('supervision_case').execute();
  await sql`drop sequence supervision_case_number_seq`.execute(db);
}
