import { sql, type Kysely } from 'kysely';

// Issue 12/14: the web process learns of a new rollup generation, and of a session that must stop
// working, by LISTEN instead of asking the database on every request (dashboard-change-listener.ts).
// NOTIFY is sent at commit, only by transactions that commit, and only on these rare writes: a
// rollup refresh or rebuild that moved the generation; any change of a session row the session
// check reads (ended, cut short, another stage, its last activity); an account changed (disabled, password, second factor, name); a role granted,
// changed or revoked; the statutory calendar changed (it moves the generation). Nothing here fires on the field work's writes (no notify on the hot path).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function dashboard_notify_generation() returns trigger language plpgsql as $$
    begin
      perform pg_notify('supervise_rollup_generation', new.epoch::text || ':' || new.generation::text);
      return null;
    end $$;
    create trigger dashboard_rollup_state_notify after update on dashboard_rollup_state
      for each row when (old.generation is distinct from new.generation or old.epoch is distinct from new.epoch)
      execute function dashboard_notify_generation();

    create function session_notify_session() returns trigger language plpgsql as $$
    begin
      perform pg_notify('supervise_session', 'session:' || old.id_hash);
      return null;
    end $$;
    -- Every column the session check reads (last_seen_at: once a minute per active session at most).
    create trigger user_session_notify_update after update of id_hash, user_id, created_at, last_seen_at, expires_at,
        ended_at, stage, login_notice on user_session
      for each row execute function session_notify_session();
    create trigger user_session_notify_delete after delete on user_session
      for each row execute function session_notify_session();

    create function session_notify_user() returns trigger language plpgsql as $$
    begin
      perform pg_notify('supervise_session', 'user:' || (case when tg_op = 'DELETE' then old else new end).id::text);
      return null;
    end $$;
    create trigger app_user_notify_update after update of disabled_at, password_changed_at, must_change_password,
        totp_enabled_at, username, display_name, locale, officer_id on app_user
      for each row execute function session_notify_user();
    create trigger app_user_notify_delete after delete on app_user
      for each row execute function session_notify_user();

    create function session_notify_role() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform pg_notify('supervise_session', 'user:' || old.user_id::text); end if;
      if tg_op <> 'DELETE' then perform pg_notify('supervise_session', 'user:' || new.user_id::text); end if;
      return null;
    end $$;
    create trigger user_role_notify after insert or update or delete on user_role
      for each row execute function session_notify_role();

    -- The statutory calendar (a notice imported, a year replaced) is read by what the dashboard shows
    -- beside its figures (next year's calendar missing): its change moves the generation like a
    -- refresh, so every process's cached dashboard is made anew at once.
    create function dashboard_calendar_changed() returns trigger language plpgsql as $$
    begin
      update dashboard_rollup_state set generation = generation + 1;
      return null;
    end $$;
    create trigger calendar_year_dashboard after insert or update or delete on calendar_year
      for each statement execute function dashboard_calendar_changed();
    create trigger calendar_day_dashboard after insert or update or delete on calendar_day
      for each statement execute function dashboard_calendar_changed();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists calendar_day_dashboard on calendar_day;
    drop trigger if exists calendar_year_dashboard on calendar_year;
    drop function if exists dashboard_calendar_changed();
    drop trigger if exists user_role_notify on user_role;
    drop function if exists session_notify_role();
    drop trigger if exists app_user_notify_delete on app_user;
    drop trigger if exists app_user_notify_update on app_user;
    drop function if exists session_notify_user();
    drop trigger if exists user_session_notify_delete on user_session;
    drop trigger if exists user_session_notify_update on user_session;
    drop function if exists session_notify_session();
    drop trigger if exists dashboard_rollup_state_notify on dashboard_rollup_state;
    drop function if exists dashboard_notify_generation();
  `.execute(db);
}
