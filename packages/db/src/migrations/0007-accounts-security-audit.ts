import { sql, type Kysely } from 'kysely';

// Frozen: this migration imports nothing from src/ and never changes once released.
// Accounts (GB/T 22239-2019 level 3, 8.1.4.1 identification and authentication), three-way
// administration (8.1.4.2 access control, 三权分立) and the security audit log (8.1.4.3).

export async function up(db: Kysely<any>): Promise<void> {
  // Password age (maximum age forces a change), a forced change at first login / after a reset, and
  // the TOTP second factor: the secret is stored encrypted (AES-256-GCM, key outside the database);
  // enabled once the user confirmed a code. totp_last_step refuses a code's replay.
  await db.schema
    .alterTable('app_user')
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    .addColumn('totp_last_step', 'bigint')
    .execute();

  // The last passwords of each account, so a change cannot go back to one of them.
  await db.schema
    .createTable('password_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('password_history_user').on('password_history').columns(['user_id', 'created_at']).execute();

  // A session is 'totp' between the password and the second factor, then 'active'. The notice of the
  // previous login and the failures since is computed at login and shown while the session lives.
  await db.schema
    .alterTable('user_session')
    .addColumn('stage', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`stage in ('totp', 'active')`),
    )
    .addColumn('login_notice', 'jsonb')
    .execute();
  // One live session per account: at most one un-ended session row per user. Sessions left live by
  // earlier versions end now, all but each user's newest, so the index can be built.
  await sql`
    update user_session set ended_at = now()
    where ended_at is null
      and id_hash not in (
        select distinct on (user_id) id_hash from user_session where ended_at is null order by user_id, created_at desc
      )`.execute(db);
  await sql`create unique index user_session_one_live on user_session (user_id) where ended_at is null`.execute(db);

  // Fixed-window failure counters for login rate limiting, keyed `account:<name>` / `address:<ip>`.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  // 三权分立: an account holds at most one of the three administrative roles. The row lock on
  // app_user serialises concurrent grants to one account, so two racing grants cannot both pass.
  await sql`
    create function user_role_separation_of_duties() returns trigger language plpgsql as $$
    begin
      if new.role in ('system_admin', 'security_admin', 'audit_admin') then
        perform 1 from app_user where id = new.user_id for update;
        if exists (
          select 1 from user_role
          where user_id = new.user_id
            and role in ('system_admin', 'security_admin', 'audit_admin')
            and role <> new.role
            and id <> new.id
        ) then
          raise exception 'separation of duties: account % already holds another administrative role', new.user_id
            using errcode = '23514', constraint = 'user_role_separation_of_duties';
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger user_role_separation_of_duties before insert or update on user_role
    for each row execute function user_role_separation_of_duties()`.execute(db);

  // The security audit log: every login attempt, every write (before and after), every view of
  // confidential data. Append-only: UPDATE, DELETE and TRUNCATE are refused by triggers. Kept at
  // least 180 days (网络安全法 第二十一条: six months); nothing here ever deletes a row.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // No foreign key: the log must outlive anything it names.
    .addColumn('actor_id', 'bigint')
    .addColumn('actor_username', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c
        .notNull()
        .defaultTo('success')
        .check(sql`outcome in ('success', 'failure', 'denied')`),
    )
    .addColumn('reason', 'text')
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('details', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_actor_at').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('audit_log_action_at').on('audit_log').columns(['action', 'at']).execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id', 'at']).execute();

  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists audit_log`.execute(db);
  await sql`drop function if exists audit_log_append_only()`.execute(db);
  await sql`drop trigger if exists user_role_separation_of_duties on user_role`.execute(db);
  await sql`drop function if exists user_role_separation_of_duties()`.execute(db);
  await db.schema.dropTable('login_throttle').ifExists().execute();
  await sql`drop index if exists user_session_one_live`.execute(db);
  await db.schema.alterTable('user_session').dropColumn('login_notice').dropColumn('stage').execute();
  await db.schema.dropTable('password_history').ifExists().execute();
  await db.schema
    .alterTable('app_user')
    .dropColumn('totp_last_step')
    .dropColumn('totp_enabled_at')
    .dropColumn('totp_secret_enc')
    .dropColumn('must_change_password')
    .dropColumn('password_changed_at')
    .execute();
}
