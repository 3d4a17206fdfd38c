import { sql, type Kysely } from 'kysely';

// Frozen: this migration imports nothing from src/ and never changes once released.
// Issue 9 §5–§6: one inbox entry per alert and person, one account per officer, and no account that
// holds a business role and an administrator role at once.
/**
 * §5: an inbox reminder was keyed by (kind, subject, LEVEL, user). A scheduler who stands in for an
 * item nobody is rostered on (the inspector level) was reminded again when the item escalated to the
 * scheduler level: every reminder twice. The key is now (kind, subject, user): the earliest entry of
 * each stays, the later duplicates go, and the survivors get the new key so the scan never adds one.
 * Exported for its test; idempotent.
 */
export async function foldInboxDuplicates(db: Kysely<any>): Promise<void> {
  await sql`
    delete from reminder m
    using alert a
    where m.alert_id = a.id
      and m.channel = 'inbox'
      and exists (
        select 1 from reminder m2 join alert a2 on a2.id = m2.alert_id
        where m2.channel = 'inbox'
          and m2.recipient_user_id = m.recipient_user_id
          and a2.kind = a.kind
          and a2.subject = a.subject
          and m2.id < m.id
      )`.execute(db);
  await sql`
    update reminder m
    set dedup_key = a.kind || '.' || a.subject || '.inbox.u' || m.recipient_user_id
    from alert a
    where a.id = m.alert_id and m.channel = 'inbox'`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await foldInboxDuplicates(db);

  // §6: an account stands for one officer, and an officer has at most one account.
  await sql`create unique index app_user_one_per_officer on app_user (officer_id) where officer_id is not null`.execute(db);
  await sql`create index reminder_inbox_alert on reminder (recipient_user_id, alert_id) where channel = 'inbox'`.execute(db);

  // §6 (三权分立, GB/T 22239-2019 8.1.4.2): besides at most one administrative role, an account holds
  // either business roles (leader, scheduler, inspector, complaints officer) or one administrative
  // role, never both. The row lock on app_user serialises concurrent grants to one account.
  await sql`
    create or replace function user_role_separation_of_duties() returns trigger language plpgsql as $$
    declare
      is_admin boolean := new.role in ('system_admin', 'security_admin', 'audit_admin');
    begin
      perform 1 from app_user where id = new.user_id for update;
      if is_admin and exists (
        select 1 from user_role
        where user_id = new.user_id
          and role in ('system_admin', 'security_admin', 'audit_admin')
          and role <> new.role
          and id <> new.id
      ) then
        raise exception 'separation of duties: account % already holds another administrative role', new.user_id
          using errcode = '23514', constraint = 'user_role_separation_of_duties';
      end if;
      if exists (
        select 1 from user_role
        where user_id = new.user_id
          and id <> new.id
          and (role in ('system_admin', 'security_admin', 'audit_admin')) <> is_admin
      ) then
        raise exception 'separation of duties: account % may not hold a business role and an administrative role', new.user_id
          using errcode = '23514', constraint = 'user_role_business_admin';
      end if;
      return new;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function user_role_separation_of_duties() returns trigger language plpgsql as $$
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
  await sql`drop index if exists reminder_inbox_alert`.execute(db);
  await sql`drop index if exists app_user_one_per_officer`.execute(db);
}
