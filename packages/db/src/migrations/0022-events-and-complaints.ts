import { sql, type Kysely } from 'kysely';

// Frozen. Issue 13: work that comes from events.
// - R05/R06: an event or assembly application (organiser = a registered entity of the regime), with
//   the pre-event site survey and the on-site duty it creates (two new inspection triggers), and the
//   security plan's review.
// - Complaints and reports (举报/投诉): intake by phone, at the window or on the public form, a number,
//   the officer it is assigned to, the inspection it opened, the reply and its deadline. The
//   informant's identity sits in a table of its own that only the complaints use-case reads.
// - Alerts about a complaint's reply deadline (the alert table gains a fourth subject).
// - The configured reply period (service_setting): no statutory period was verified.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table inspection drop constraint inspection_trigger_check`.execute(db);
  await sql`alter table inspection add constraint inspection_trigger_check check (trigger in
      ('census', 'campaign', 'spot_check', 'patrol', 'complaint', 'post_case', 'event', 'review',
       'event_survey', 'event_duty'))`.execute(db);

  await db.schema
    .createTable('event_application')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('regime_code', 'text', (c) => c.notNull().check(sql`regime_code in ('R05', 'R06')`))
    // The organiser (承办者 / 负责的举行者) as registered.
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('place', 'text', (c) => c.notNull().check(sql`length(btrim(place)) > 0`))
    // Local time (Asia/Shanghai) as entered: the bureau's wall clock.
    .addColumn('starts_at', 'timestamp', (c) => c.notNull())
    .addColumn('ends_at', 'timestamp', (c) => c.notNull())
    .addColumn('expected_size', 'integer', (c) => c.notNull().check(sql`expected_size > 0`))
    .addColumn('representative', 'text')
    .addColumn('route', 'text')
    .addColumn('on_site_officers', 'integer', (c) => c.notNull().check(sql`on_site_officers >= 2`))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('survey_inspection_id', 'bigint', (c) => c.notNull().unique().references('inspection.id'))
    .addColumn('duty_inspection_id', 'bigint', (c) => c.notNull().unique().references('inspection.id'))
    .addColumn('plan_decision', 'text', (c) => c.check(sql`plan_decision in ('approved', 'changes_required')`))
    .addColumn('plan_opinion', 'text')
    .addColumn('plan_reviewed_on', 'date')
    .addColumn('plan_reviewed_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('event_application_span', sql`starts_at < ends_at`)
    // R06 一、监督检查对象: the assembly's responsible person (负责人) is named.
    .addCheckConstraint(
      'event_application_r06_representative',
      sql`regime_code <> 'R06' or length(btrim(coalesce(representative, ''))) > 0`,
    )
    .addCheckConstraint(
      'event_application_review',
      sql`(plan_decision is null) = (plan_reviewed_on is null) and (plan_decision is null or length(btrim(coalesce(plan_opinion, ''))) > 0)`,
    )
    .execute();
  await db.schema.createIndex('event_application_starts').on('event_application').column('starts_at').execute();

  await db.schema
    .alterTable('service_setting')
    .addColumn('complaint_reply_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(15)
        .check(sql`complaint_reply_days between 1 and 90`),
    )
    .execute();

  // The complaint's number (JB2026-000001) counts up across the years (core complaintNumber).
  await sql`create sequence complaint_number_seq`.execute(db);
  await db.schema
    .createTable('complaint')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('phone', 'window', 'web')`))
    .addColumn('regime_code', 'text', (c) => c.notNull().check(sql`regime_code ~ '^R(0[1-9]|1[0-4])$'`))
    .addColumn('brigade_id', 'text', (c) => c.notNull().references('brigade.id'))
    .addColumn('entity_id', 'bigint', (c) => c.references('entity.id'))
    .addColumn('place', 'text')
    .addColumn('content', 'text', (c) => c.notNull().check(sql`length(btrim(content)) > 0`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('reply_days', 'integer', (c) => c.notNull())
    .addColumn('reply_due_on', 'date', (c) => c.notNull())
    .addColumn('assigned_officer_id', 'bigint', (c) => c.references('officer.id'))
    .addColumn('inspection_id', 'bigint', (c) => c.unique().references('inspection.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'replied')`),
    )
    .addColumn('reply', 'text')
    .addColumn('replied_on', 'date')
    .addColumn('replied_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
    .addCheckConstraint('complaint_reply', sql`(status = 'replied') = (replied_on is not null and reply is not null)`)
    .execute();
  await sql`create index complaint_open_due on complaint (reply_due_on) where status = 'open'`.execute(db);

  // Kept apart so no listing, export or job ever selects it by accident (issue 13 §4).
  await db.schema
    .createTable('complaint_informant')
    .addColumn('complaint_id', 'bigint', (c) => c.primaryKey().references('complaint.id').onDelete('cascade'))
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addCheckConstraint('complaint_informant_something', sql`name is not null or phone is not null`)
    .execute();

  await sql`alter table alert drop constraint alert_kind_check`.execute(db);
  await sql`alter table alert add constraint alert_kind_check check (kind in ('obligation_due_soon', 'obligation_overdue',
      'rectification_overdue', 'review_late', 'notice_late', 'complaint_reply_due_soon', 'complaint_reply_overdue'))`.execute(db);
  await db.schema
    .alterTable('alert')
    .addColumn('complaint_id', 'bigint', (c) => c.references('complaint.id'))
    .execute();
  await sql`alter table alert drop constraint alert_one_subject`.execute(db);
  await sql`alter table alert add constraint alert_one_subject check (
      (case when obligation_id is null then 0 else 1 end + case when rectification_id is null then 0 else 1 end
       + case when inspection_id is null then 0 else 1 end + case when complaint_id is null then 0 else 1 end) = 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from alert where complaint_id is not null`.execute(db);
  await sql`alter table alert drop constraint alert_one_subject`.execute(db);
  await sql`alter table alert add constraint alert_one_subject check (
      (case when obligation_id is null then 0 else 1 end + case when rectification_id is null then 0 else 1 end
       + case when inspection_id is null then 0 else 1 end) = 1)`.execute(db);
  await db.schema.alterTable('alert').dropColumn('complaint_id').execute();
  await sql`alter table alert drop constraint alert_kind_check`.execute(db);
  await sql`alter table alert add constraint alert_kind_check check (kind in ('obligation_due_soon', 'obligation_overdue',
      'rectification_overdue', 'review_late', 'notice_late'))`.execute(db);
  await db.schema.dropTable('complaint_informant').execute();
  await db.schema.dropTable('complaint').execute();
  await sql`drop sequence complaint_number_seq`.execute(db);
  await db.schema.alterTable('service_setting').dropColumn('complaint_reply_days').execute();
  await db.schema.dropTable('event_application').execute();
  await sql`alter table inspection drop constraint inspection_trigger_check`.execute(db);
  await sql`alter table inspection add constraint inspection_trigger_check check (trigger in
      ('census', 'campaign', 'spot_check', 'patrol', 'complaint', 'post_case', 'event', 'review'))`.execute(db);
}
