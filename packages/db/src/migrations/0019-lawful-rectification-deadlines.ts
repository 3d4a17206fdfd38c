import { sql, type Kysely } from 'kysely';

// Frozen. Issue 11 §4: the database itself refuses rectification deadlines the law does not allow,
// whoever writes (a use-case, the demo seed, a test fixture or psql). The use-cases check the same
// rules first with core's validators and say why in words; these triggers are the last line.
//
// The numbers are core's (packages/core/src/deadlines/deadline.ts, each with its seed clause); the
// spec 0019-lawful-rectification-deadlines.spec.ts fails when they drift apart.
export const DB_RECTIFICATION_LIMITS = {
  // R03 监管措施（一）: 限期整改消除事故隐患的，期限最长15日；特殊情况，经负责人同意，可以延长至30日.
  r03Days: 15,
  r03ExtendedDays: 30,
  // R14 监督检查程序 2: 整改期限最长不超过二个月.
  r14Months: 2,
} as const;

const L = DB_RECTIFICATION_LIMITS;

export async function up(db: Kysely<any>): Promise<void> {
  // The 期间 clause (《公安机关办理行政案件程序规定》): a period whose last day is a rest day ends on the
  // next working day. The statutory calendar stores only the exceptions to the week; a year it does
  // not cover is never guessed (core's CalendarYearMissingError): the write is refused, naming it.
  await sql`create function statutory_period_end(d date) returns date language plpgsql stable as $$
    declare k text;
    begin
      loop
        if not exists (select 1 from calendar_year where year = extract(year from d)::int) then
          raise exception 'the statutory calendar lacks the year %: a period ending on % cannot be counted', extract(year from d)::int, d
            using errcode = 'P0001';
        end if;
        select kind into k from calendar_day where date = d;
        if k = 'makeup_workday' or (k is null and extract(isodow from d) < 6) then
          return d;
        end if;
        d := d + 1;
      end loop;
    end $$`.execute(db);

  // A last day later than \`start + span\` is lawful only where the 期间 clause moved it (off rest days).
  // The calendar is read only beyond the plain span, as core does.
  await sql`create function deadline_beyond(due date, plain_end date) returns boolean language plpgsql stable as $$
    begin
      if due <= plain_end then return false; end if;
      return due > statutory_period_end(plain_end);
    end $$`.execute(db);

  // The row as it stands at commit (deferred): a notice inserted and extended in one transaction (the
  // demo seed, an approval) is judged once, whole.
  await sql`create function rectification_deadline_lawful() returns trigger language plpgsql as $$
    declare
      r rectification%rowtype;
      regime text;
      severity text;
      fixed boolean;
      issued date;
      start date;
    begin
      select * into r from rectification where id = new.id;
      if not found then return null; end if;
      select i.regime_code, h.severity, h.fixed_on_spot into regime, severity, fixed
        from hazard h join inspection i on i.id = h.inspection_id where h.id = r.hazard_id;
      -- No notice for a hazard fixed on the spot; R03 监管措施（一）: a general hazard is put right at
      -- once (责令立即整改), only a major one gets a written deadline (core's noticeRefusalForHazard).
      if fixed then
        raise exception 'rectification notice %: the hazard was fixed on the spot and needs no notice', r.notice_no
          using errcode = '23514';
      end if;
      if regime = 'R03' and severity <> 'major' then
        raise exception 'R03 监管措施（一）: rectification notice %: a general hazard is put right at once; a written deadline is for major hazards only',
          r.notice_no using errcode = '23514';
      end if;
      issued := coalesce(r.issued_on, r.served_on);
      if issued is null then
        raise exception 'rectification notice %: no issue date (issued_on or served_on) to count its deadline from', r.notice_no
          using errcode = '23514';
      end if;
      -- The current period starts at the issue, or at the failed review that reopened the case.
      start := coalesce(r.period_started_on, issued);
      if r.deadline_on <= issued then
        raise exception 'rectification notice %: the deadline % must fall after the notice date %', r.notice_no, r.deadline_on, issued
          using errcode = '23514';
      end if;
      if r.extended_deadline_on is not null and r.extended_deadline_on <= start then
        raise exception 'rectification notice %: the deadline in force % must fall after the start of its period %',
          r.notice_no, r.extended_deadline_on, start using errcode = '23514';
      end if;
      if regime = 'R03' then
        -- R03 监管措施（一）: at most ${sql.raw(String(L.r03Days))} days from the notice.
        if deadline_beyond(r.deadline_on, issued + ${sql.lit(L.r03Days)}::int) then
          raise exception 'R03 监管措施（一）: rectification notice %: the deadline % exceeds ${sql.raw(String(L.r03Days))} days from %',
            r.notice_no, r.deadline_on, issued using errcode = '23514';
        end if;
        if r.extended_deadline_on is not null then
          -- At most ${sql.raw(String(L.r03ExtendedDays))} days in all, and beyond ${sql.raw(String(L.r03Days))} only by an approved extension.
          if deadline_beyond(r.extended_deadline_on, start + ${sql.lit(L.r03ExtendedDays)}::int) then
            raise exception 'R03 监管措施（一）: rectification notice %: the deadline % exceeds ${sql.raw(String(L.r03ExtendedDays))} days from %',
              r.notice_no, r.extended_deadline_on, start using errcode = '23514';
          end if;
          if not exists (select 1 from rectification_extension x where x.rectification_id = r.id and x.status = 'approved'
                and x.requested_deadline_on = r.extended_deadline_on) then
            if deadline_beyond(r.extended_deadline_on, start + ${sql.lit(L.r03Days)}::int) then
              raise exception 'R03 监管措施（一）: rectification notice %: the deadline % exceeds ${sql.raw(String(L.r03Days))} days from % without an approved extension',
                r.notice_no, r.extended_deadline_on, start using errcode = '23514';
            end if;
          end if;
        end if;
      elsif regime = 'R14' then
        -- R14 监督检查程序 2: at most ${sql.raw(String(L.r14Months))} months, extension included.
        if deadline_beyond(r.deadline_on, (issued + ${sql.lit(`${L.r14Months} months`)}::interval)::date) then
          raise exception 'R14 监督检查程序 2: rectification notice %: the deadline % exceeds ${sql.raw(String(L.r14Months))} months from %',
            r.notice_no, r.deadline_on, issued using errcode = '23514';
        end if;
        if r.extended_deadline_on is not null
            and deadline_beyond(r.extended_deadline_on, (start + ${sql.lit(`${L.r14Months} months`)}::interval)::date) then
          raise exception 'R14 监督检查程序 2: rectification notice %: the deadline % exceeds ${sql.raw(String(L.r14Months))} months from %',
            r.notice_no, r.extended_deadline_on, start using errcode = '23514';
        end if;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger rectification_deadline_lawful
    after insert or update of deadline_on, extended_deadline_on, issued_on, served_on, period_started_on, hazard_id
    on rectification deferrable initially deferred
    for each row execute function rectification_deadline_lawful()`.execute(db);

  // An extension extends a deadline that still runs (R03 监管措施（一）; core checks it for every
  // regime): asked for and approved before the deadline in force when it was asked for, and later
  // than it. Rows older than 0019 take the notice's deadline; the checks bind rows written from now on.
  await db.schema.alterTable('rectification_extension').addColumn('deadline_in_force_on', 'date').execute();
  await sql`update rectification_extension x set deadline_in_force_on = r.deadline_on
    from rectification r where r.id = x.rectification_id`.execute(db);
  await sql`alter table rectification_extension alter column deadline_in_force_on set not null`.execute(db);
  await sql`alter table rectification_extension
    add constraint rectification_extension_later check (requested_deadline_on > deadline_in_force_on) not valid,
    add constraint rectification_extension_asked_in_time check (requested_on < deadline_in_force_on) not valid,
    add constraint rectification_extension_approved_in_time
      check (status <> 'approved' or decided_on < deadline_in_force_on) not valid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rectification_extension').dropColumn('deadline_in_force_on').execute();
  await sql`drop trigger rectification_deadline_lawful on rectification`.execute(db);
  await sql`drop function rectification_deadline_lawful()`.execute(db);
  await sql`drop function deadline_beyond(date, date)`.execute(db);
  await sql`drop function statutory_period_end(date)`.execute(db);
}
