import { sql, type Kysely } from 'kysely';

// Frozen: this migration imports nothing from src/ and never changes once released.
// Issue 4 §4–§5: overdue alerts (each raised once per item and escalation level) and their reminders
// (one row per recipient and channel, deduplicated by key), the users' contact preferences and the
// brigades' group-robot webhooks (DingTalk, WeCom).
export async function up(db: Kysely<any>): Promise<void> {
  // One row per (kind, subject, level). The subject is the obligation, the rectification or the
  // inspection the alert is about; exactly one of the three ids is set, matching the kind.
  await db.schema
    .createTable('alert')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('obligation_due_soon', 'obligation_overdue', 'rectification_overdue', 'review_late', 'notice_late')`),
    )
    // The subject in one comparable text key (`obligation.12`, `rectification.7`, `inspection.3`),
    // so the unique key needs no coalesce over three nullable columns.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('obligation_id', 'bigint', (c) => c.references('obligation.id'))
    .addColumn('rectification_id', 'bigint', (c) => c.references('rectification.id'))
    .addColumn('inspection_id', 'bigint', (c) => c.references('inspection.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('inspector', 'scheduler', 'leader')`))
    .addColumn('regime_code', 'text', (c) => c.notNull())
    .addColumn('brigade_id', 'text', (c) => c.notNull().references('brigade.id'))
    // The day the item fell due (due soon: the window's last day) and the day it was found.
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('detected_on', 'date', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('resolved_at', 'timestamptz')
    .addCheckConstraint(
      'alert_one_subject',
      sql`(case when obligation_id is null then 0 else 1 end + case when rectification_id is null then 0 else 1 end
          + case when inspection_id is null then 0 else 1 end) = 1`,
    )
    .addUniqueConstraint('alert_once', ['kind', 'subject', 'level'])
    .execute();
  await sql`create index alert_open on alert (brigade_id, raised_at) where resolved_at is null`.execute(db);

  // Contact preferences of an account: where it may be reached besides the in-app inbox, and when.
  await db.schema
    .createTable('notification_channel')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('email_opt_in', 'boolean', (c) => c.notNull().defaultTo(false))
    // Quiet hours, local time of Asia/Shanghai; start = end means none. E-mail and webhooks wait.
    .addColumn('quiet_start', 'text', (c) =>
      c
        .notNull()
        .defaultTo('22:00')
        .check(sql`quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    )
    .addColumn('quiet_end', 'text', (c) =>
      c
        .notNull()
        .defaultTo('07:00')
        .check(sql`quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('notification_channel_email', sql`email_opt_in = false or email is not null`)
    .execute();

  // A brigade's group robot (钉钉 / 企业微信 群机器人). The URL carries the robot's access token and
  // the secret signs DingTalk requests: both are credentials, shown to no page.
  await db.schema
    .createTable('webhook_endpoint')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('brigade_id', 'text', (c) => c.notNull().references('brigade.id'))
    .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('dingtalk', 'wecom')`))
    .addColumn('url', 'text', (c) => c.notNull().check(sql`url ~ '^https?://'`))
    .addColumn('secret', 'text')
    .addColumn('msgtype', 'text', (c) =>
      c
        .notNull()
        .defaultTo('markdown')
        .check(sql`msgtype in ('text', 'markdown')`),
    )
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('quiet_start', 'text', (c) => c.notNull().defaultTo('22:00'))
    .addColumn('quiet_end', 'text', (c) => c.notNull().defaultTo('07:00'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('webhook_endpoint_brigade').on('webhook_endpoint').column('brigade_id').execute();

  // One delivery of one alert to one recipient over one channel. `dedup_key` is the guard against a
  // second delivery: a rescan or a doubled job finds the row and adds nothing.
  await db.schema
    .createTable('reminder')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
    .addColumn('alert_id', 'bigint', (c) => c.notNull().references('alert.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('inbox', 'email', 'webhook')`))
    .addColumn('recipient_user_id', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('webhook_endpoint_id', 'bigint', (c) => c.references('webhook_endpoint.id'))
    // pending → sending (claimed) → sent | failed. A row in 'sending' is never claimed again.
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'sent', 'failed')`),
    )
    // Not before this instant (quiet hours); the inbox is never held back.
    .addColumn('not_before', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'reminder_recipient',
      sql`(channel = 'webhook') = (webhook_endpoint_id is not null) and (channel = 'webhook') = (recipient_user_id is null)`,
    )
    .execute();
  await sql`create index reminder_inbox on reminder (recipient_user_id, created_at desc) where channel = 'inbox'`.execute(db);
  await sql`create index reminder_pending on reminder (not_before) where status = 'pending'`.execute(db);
  await db.schema.createIndex('reminder_alert').on('reminder').column('alert_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminder').ifExists().execute();
  await db.schema.dropTable('webhook_endpoint').ifExists().execute();
  await db.schema.dropTable('notification_channel').ifExists().execute();
  await db.schema.dropTable('alert').ifExists().execute();
}
