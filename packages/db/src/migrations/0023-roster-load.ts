import { sql, type Kysely } from 'kysely';

// Frozen. Issue 14 §3: the roster's load kept incrementally. Rostering a page of census obligations
// used to re-aggregate every live inspection of the window (officers' load, each unit's load per
// day): once per 1,000-obligation page, so a year's reconcile grew quadratically with the registry.
// Two counters are now kept by statement-level triggers (one grouped upsert per statement, however
// many rows it writes), so a page reads only the rows of its own units and officers:
// - roster_load_unit_day: live (not cancelled) inspections per responsible unit and planned day;
// - roster_load_officer_day: live inspections per officer and planned day.
// inspection.roster_unit is the responsible unit when the inspection was created (the police station,
// else the brigade): kept on the row so that a later move of the entity cannot unbalance the counter.
// roster_load_rebuild() recomputes both from scratch; a test checks the two agree.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table inspection add column roster_unit text;
    update inspection i set roster_unit = coalesce(e.station_id, e.brigade_id) from entity e where e.id = i.entity_id;

    create table roster_load_unit_day (
      unit text not null,
      day date not null,
      n integer not null,
      primary key (unit, day)
    );
    create table roster_load_officer_day (
      officer_id bigint not null references officer (id),
      day date not null,
      n integer not null,
      primary key (officer_id, day)
    );

    create function roster_load_rebuild() returns void language sql as $$
      delete from roster_load_unit_day;
      delete from roster_load_officer_day;
      insert into roster_load_unit_day (unit, day, n)
        select roster_unit, planned_on, count(*) from inspection
        where status <> 'cancelled' and roster_unit is not null group by 1, 2;
      insert into roster_load_officer_day (officer_id, day, n)
        select io.officer_id, i.planned_on, count(*) from inspection_officer io join inspection i on i.id = io.inspection_id
        where i.status <> 'cancelled' group by 1, 2;
    $$;
    select roster_load_rebuild();

    create function roster_unit_of_new_inspection() returns trigger language plpgsql as $$
    begin
      if new.roster_unit is null then
        select coalesce(e.station_id, e.brigade_id) into new.roster_unit from entity e where e.id = new.entity_id;
      end if;
      return new;
    end $$;
    create trigger inspection_roster_unit before insert on inspection
      for each row execute function roster_unit_of_new_inspection();

    create function roster_load_inspection_inserted() returns trigger language plpgsql as $$
    begin
      insert into roster_load_unit_day (unit, day, n)
        select roster_unit, planned_on, count(*) from new_rows
        where status <> 'cancelled' and roster_unit is not null group by 1, 2
      on conflict (unit, day) do update set n = roster_load_unit_day.n + excluded.n;
      return null;
    end $$;
    create trigger inspection_roster_load_insert after insert on inspection
      referencing new table as new_rows for each statement execute function roster_load_inspection_inserted();

    create function roster_load_inspection_updated() returns trigger language plpgsql as $$
    begin
      with changed as (
        select o.id, o.planned_on as old_day, o.roster_unit as old_unit, o.status <> 'cancelled' as old_live,
               n.planned_on as new_day, n.roster_unit as new_unit, n.status <> 'cancelled' as new_live
        from old_rows o join new_rows n on n.id = o.id
        where o.planned_on is distinct from n.planned_on
           or o.roster_unit is distinct from n.roster_unit
           or (o.status <> 'cancelled') <> (n.status <> 'cancelled')
      )
      insert into roster_load_unit_day (unit, day, n)
        select unit, day, sum(d)::int from (
          select old_unit as unit, old_day as day, -1 as d from changed where old_live and old_unit is not null
          union all
          select new_unit, new_day, 1 from changed where new_live and new_unit is not null
        ) x group by 1, 2
      on conflict (unit, day) do update set n = roster_load_unit_day.n + excluded.n;
      with changed as (
        select o.id, o.planned_on as old_day, o.status <> 'cancelled' as old_live,
               n.planned_on as new_day, n.status <> 'cancelled' as new_live
        from old_rows o join new_rows n on n.id = o.id
        where o.planned_on is distinct from n.planned_on or (o.status <> 'cancelled') <> (n.status <> 'cancelled')
      )
      insert into roster_load_officer_day (officer_id, day, n)
        select officer_id, day, sum(d)::int from (
          select io.officer_id, c.old_day as day, -1 as d
            from changed c join inspection_officer io on io.inspection_id = c.id where c.old_live
          union all
          select io.officer_id, c.new_day, 1
            from changed c join inspection_officer io on io.inspection_id = c.id where c.new_live
        ) x group by 1, 2
      on conflict (officer_id, day) do update set n = roster_load_officer_day.n + excluded.n;
      return null;
    end $$;
    create trigger inspection_roster_load_update after update on inspection
      referencing old table as old_rows new table as new_rows for each statement execute function roster_load_inspection_updated();

    -- A deleted inspection: its officers are counted off here, while their rows still exist (the
    -- cascade removes them after, when the inspection can no longer be joined).
    create function roster_load_inspection_deleted() returns trigger language plpgsql as $$
    begin
      if old.status <> 'cancelled' then
        if old.roster_unit is not null then
          update roster_load_unit_day set n = n - 1 where unit = old.roster_unit and day = old.planned_on;
        end if;
        update roster_load_officer_day l set n = l.n - 1
          from inspection_officer io where io.inspection_id = old.id and l.officer_id = io.officer_id and l.day = old.planned_on;
      end if;
      return old;
    end $$;
    create trigger inspection_roster_load_delete before delete on inspection
      for each row execute function roster_load_inspection_deleted();

    create function roster_load_officers_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into roster_load_officer_day (officer_id, day, n)
          select o.officer_id, i.planned_on, -count(*)::int from old_rows o join inspection i on i.id = o.inspection_id
          where i.status <> 'cancelled' group by 1, 2
        on conflict (officer_id, day) do update set n = roster_load_officer_day.n + excluded.n;
      end if;
      if tg_op in ('UPDATE', 'INSERT') then
        insert into roster_load_officer_day (officer_id, day, n)
          select o.officer_id, i.planned_on, count(*)::int from new_rows o join inspection i on i.id = o.inspection_id
          where i.status <> 'cancelled' group by 1, 2
        on conflict (officer_id, day) do update set n = roster_load_officer_day.n + excluded.n;
      end if;
      return null;
    end $$;
    create trigger inspection_officer_roster_load_insert after insert on inspection_officer
      referencing new table as new_rows for each statement execute function roster_load_officers_changed();
    create trigger inspection_officer_roster_load_update after update on inspection_officer
      referencing old table as old_rows new table as new_rows for each statement execute function roster_load_officers_changed();
    create trigger inspection_officer_roster_load_delete after delete on inspection_officer
      referencing old table as old_rows for each statement execute function roster_load_officers_changed();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger inspection_officer_roster_load_delete on inspection_officer;
    drop trigger inspection_officer_roster_load_update on inspection_officer;
    drop trigger inspection_officer_roster_load_insert on inspection_officer;
    drop trigger inspection_roster_load_delete on inspection;
    drop trigger inspection_roster_load_update on inspection;
    drop trigger inspection_roster_load_insert on inspection;
    drop trigger inspection_roster_unit on inspection;
    drop function roster_load_officers_changed();
    drop function roster_load_inspection_deleted();
    drop function roster_load_inspection_updated();
    drop function roster_load_inspection_inserted();
    drop function roster_unit_of_new_inspection();
    drop function roster_load_rebuild();
    drop table roster_load_officer_day;
    drop table roster_load_unit_day;
    alter table inspection drop column roster_unit;
  `.execute(db);
}
