import { sql, type Kysely } from 'kysely';

// Frozen. Issue 12 §5: the leaders' dashboard reads small rollup tables instead of counting the
// source rows at request time.
// - dashboard_rollup: the rows behind each figure (the drill-down's row sets), counted per row set,
//   regime, unit (entity brigade / station), defining day (coverage: the window's end; inspections:
//   the day done; rectifications: the deadline in force; reviews / service: the due day; penalties:
//   the day decided) and the keys a figure is cut by (coverage kind, violation, fine band, and
//   `early`: a notice completed or reopened, a review done, a notice served — rows that count before
//   their day has come). Any period's figure is a sum over a range of days; what "today" decides is
//   decided at read time, so a cell never goes stale as the days pass.
//   Three grains of the same cells: 'day_station' (the cells above, counted from the row SQL), 'day'
//   (summed over the stations: a brigade's day) and 'month' (the 'day' cells of a month summed, `day`
//   its first day). A reader cut by police station sums 'day_station'; any other sums whole months
//   from 'month' (but the month of today, where "today" decides) and the rest from 'day', so even a
//   province's year is a few thousand rows.
// - dashboard_rollup_dirty: (regime, day) cells whose source rows changed, written by the statement-
//   level triggers below (one insert per statement, however many rows it writes); a null regime means
//   every regime of that day (a deleted row whose regime can no longer be looked up). The worker's
//   `refresh-dashboard-rollups` job recomputes those cells from the row SQL the drill-down lists
//   (packages/db/src/repositories/dashboard-rollup.repository.ts); a rebuild recomputes every cell.
// The cells are computed in TypeScript's SQL, not here, so the figures' definitions stay in one place.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table dashboard_rollup (
      grain text not null default 'day_station' check (grain in ('day_station', 'day', 'month')),
      row_set text not null check (row_set in ('obligations', 'inspections', 'rectifications', 'reviews', 'service', 'penalties')),
      regime text not null,
      brigade_id text not null,
      station_id text,
      day date not null,
      kind text not null default '',
      band text not null default '',
      early boolean not null default false,
      n integer not null,
      hits integer not null default 0,
      still_open integer not null default 0,
      without_review integer not null default 0,
      hazards integer not null default 0,
      single_officer integer not null default 0,
      warnings integer not null default 0,
      fine_fen bigint not null default 0,
      served integer not null default 0,
      review_requested integer not null default 0,
      completed integer not null default 0
    );
    create unique index dashboard_rollup_cell on dashboard_rollup
      (grain, day, regime, row_set, brigade_id, station_id, kind, band, early) nulls not distinct;
    create index dashboard_rollup_station on dashboard_rollup (station_id, day) where grain = 'day_station';

    create table dashboard_rollup_dirty (
      id bigint generated always as identity primary key,
      regime text,
      day date not null
    );

    -- The refresh recounts one day of a regime from the row SQL: each set's defining day indexed
    -- (inspections: inspection_regime_date; penalties: penalty_regime_date; draws' targets:
    -- inspection_draw_entity), and a notice's reviews (the triggers, "closed without review").
    create index obligation_census_window_end on obligation (window_end, regime) where type = 'census';
    create index rectification_deadline_in_force on rectification ((coalesce(extended_deadline_on, deadline_on)));
    create index rectification_service_due on rectification (service_due_on);
    create index rectification_review_due on rectification_review (due_on);
    create index rectification_review_notice on rectification_review (rectification_id);
    -- The supervision panel's officers with overdue work: open items only, so it reads the backlog.
    create index inspection_planned_open on inspection (planned_on) where status = 'planned';
    create index rectification_open_deadline on rectification ((coalesce(extended_deadline_on, deadline_on)))
      where completed_on is null;

    -- The rows of a statement a trigger looks at: inserted, deleted, or (an update) the old and new
    -- versions of the rows where one of the columns the figures read changed.
    create function dashboard_changed_rows(op text, key text, cols text) returns text language sql stable as $$
      select case op
        when 'INSERT' then 'select * from new_rows'
        when 'DELETE' then 'select * from old_rows'
        else format(
          'select o.* from old_rows o join new_rows n using (%1$s) where row(%2$s) is distinct from row(%3$s)
           union all select n.* from old_rows o join new_rows n using (%1$s) where row(%2$s) is distinct from row(%3$s)',
          key,
          (select string_agg('o.' || trim(c), ', ') from unnest(string_to_array(cols, ',')) c),
          (select string_agg('n.' || trim(c), ', ') from unnest(string_to_array(cols, ',')) c))
      end
    $$;

    -- The statement that marks the (regime, day) pairs a query over the changed rows x yields. The
    -- trigger function EXECUTEs it itself: transition tables are visible to its own queries only.
    create function dashboard_mark(op text, key text, cols text, pairs text) returns text language sql stable as $$
      select format(
        'insert into dashboard_rollup_dirty (regime, day)
         select distinct p.regime, p.day from (%s) x cross join lateral (%s) p(regime, day) where p.day is not null',
        dashboard_changed_rows(op, key, cols), pairs)
    $$;

    -- The days of a notice's rows (rectifications: deadline in force; service: due day; its reviews).
    create function dashboard_notice_days(hazard_id bigint, notice_id bigint, deadline date, service_due date)
      returns table (regime text, day date) language sql stable as $$
      select i.regime_code, d.day from (
        select deadline as day union all select service_due
        union all select rr.due_on from rectification_review rr where rr.rectification_id = notice_id
      ) d left join hazard h on h.id = hazard_id left join inspection i on i.id = h.inspection_id
    $$;

    create function dashboard_mark_obligation() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id', 'type, status, regime, entity_id, window_start, window_end',
        $q$ select x.regime, x.window_end where x.type = 'census' $q$);
      return null;
    end $$;

    -- An inspection counts on its day done; it covers the census obligations of its entity whose
    -- window holds its day, and the draw it is a target of (a draw's window never changes: 0005's
    -- guard); its notices carry its regime and entity.
    create function dashboard_mark_inspection() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id', 'status, inspected_on, planned_on, regime_code, entity_id, draw_id, trigger',
        $q$ select x.regime_code, x.inspected_on
          union all select o.regime, o.window_end from obligation o
            where o.entity_id = x.entity_id and o.regime = x.regime_code and o.type = 'census'
              and coalesce(x.inspected_on, x.planned_on) between o.window_start and o.window_end
          union all select x.regime_code, d.window_to from draw d where d.id = x.draw_id
          union all select nd.regime, nd.day from hazard h join rectification r on r.hazard_id = h.id
            cross join lateral dashboard_notice_days(h.id, r.id, coalesce(r.extended_deadline_on, r.deadline_on), r.service_due_on) nd
            where h.inspection_id = x.id $q$);
      return null;
    end $$;

    create function dashboard_mark_hazard() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id', 'inspection_id',
        $q$ select i.regime_code, i.inspected_on from inspection i where i.id = x.inspection_id $q$);
      return null;
    end $$;

    create function dashboard_mark_inspection_officer() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'inspection_id, officer_id', 'inspection_id, officer_id',
        $q$ select i.regime_code, i.inspected_on from inspection i where i.id = x.inspection_id $q$);
      return null;
    end $$;

    create function dashboard_mark_rectification() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id',
        'hazard_id, status, deadline_on, extended_deadline_on, completed_on, served_on, service_due_on, review_requested_on',
        $q$ select nd.regime, nd.day from dashboard_notice_days(x.hazard_id, x.id,
          coalesce(x.extended_deadline_on, x.deadline_on), x.service_due_on) nd $q$);
      return null;
    end $$;

    -- A review counts on its due day; a passing one decides whether its notice closed without review.
    create function dashboard_mark_review() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id', 'rectification_id, due_on, reviewed_on, opinion',
        $q$ select i.regime_code, d.day from (select 1) one
          left join rectification r on r.id = x.rectification_id
          left join hazard h on h.id = r.hazard_id left join inspection i on i.id = h.inspection_id
          cross join lateral (select x.due_on as day union all select coalesce(r.extended_deadline_on, r.deadline_on)) d $q$);
      return null;
    end $$;

    create function dashboard_mark_penalty() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id', 'decided_on, regime_code, entity_id, fine_fen, individual_fines, warning, violation_code',
        $q$ select x.regime_code, x.decided_on $q$);
      return null;
    end $$;

    -- An entity moved to another brigade or station: every day of its rows.
    create function dashboard_mark_entity() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id', 'brigade_id, station_id',
        $q$ select o.regime, o.window_end from obligation o where o.entity_id = x.id and o.type = 'census'
          union all select i.regime_code, d.day from inspection i
            cross join lateral (select i.inspected_on as day
              union all select dr.window_to from draw dr where dr.id = i.draw_id) d where i.entity_id = x.id
          union all select nd.regime, nd.day from inspection i join hazard h on h.inspection_id = i.id
            join rectification r on r.hazard_id = h.id
            cross join lateral dashboard_notice_days(h.id, r.id, coalesce(r.extended_deadline_on, r.deadline_on), r.service_due_on) nd
            where i.entity_id = x.id
          union all select p.regime_code, p.decided_on from penalty p where p.entity_id = x.id $q$);
      return null;
    end $$;
  `.execute(db);

  // Records that exist already (an upgrade): every day they count on is marked, so the worker counts
  // them even if nothing else does; `prepareDatabase` rebuilds at once after applying this migration.
  await sql`
    insert into dashboard_rollup_dirty (regime, day)
    select null, x.day from (
      select window_end from obligation where type = 'census'
      union select window_to from draw
      union select inspected_on from inspection
      union select coalesce(extended_deadline_on, deadline_on) from rectification
      union select service_due_on from rectification
      union select due_on from rectification_review
      union select decided_on from penalty
    ) x(day) where x.day is not null
  `.execute(db);

  const tables: [string, string, ('insert' | 'update' | 'delete')[]][] = [
    ['obligation', 'dashboard_mark_obligation', ['insert', 'update', 'delete']],
    ['inspection', 'dashboard_mark_inspection', ['insert', 'update', 'delete']],
    ['hazard', 'dashboard_mark_hazard', ['insert', 'update', 'delete']],
    ['inspection_officer', 'dashboard_mark_inspection_officer', ['insert', 'delete']],
    ['rectification', 'dashboard_mark_rectification', ['insert', 'update', 'delete']],
    ['rectification_review', 'dashboard_mark_review', ['insert', 'update', 'delete']],
    ['penalty', 'dashboard_mark_penalty', ['insert', 'update', 'delete']],
    ['entity', 'dashboard_mark_entity', ['update']],
  ];
  for (const [table, fn, events] of tables)
    for (const ev of events) {
      const referencing =
        ev === 'insert'
          ? sql`new table as new_rows`
          : ev === 'delete'
            ? sql`old table as old_rows`
            : sql`old table as old_rows new table as new_rows`;
      await sql`create trigger ${sql.raw(`${table}_dashboard_${ev}`)} after ${sql.raw(ev)} on ${sql.table(table)}
        referencing ${referencing} for each statement execute function ${sql.raw(fn)}()`.execute(db);
    }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists obligation_dashboard_insert on obligation;
    drop trigger if exists obligation_dashboard_update on obligation;
    drop trigger if exists obligation_dashboard_delete on obligation;
    drop trigger if exists inspection_dashboard_insert on inspection;
    drop trigger if exists inspection_dashboard_update on inspection;
    drop trigger if exists inspection_dashboard_delete on inspection;
    drop trigger if exists hazard_dashboard_insert on hazard;
    drop trigger if exists hazard_dashboard_update on hazard;
    drop trigger if exists hazard_dashboard_delete on hazard;
    drop trigger if exists inspection_officer_dashboard_insert on inspection_officer;
    drop trigger if exists inspection_officer_dashboard_delete on inspection_officer;
    drop trigger if exists rectification_dashboard_insert on rectification;
    drop trigger if exists rectification_dashboard_update on rectification;
    drop trigger if exists rectification_dashboard_delete on rectification;
    drop trigger if exists rectification_review_dashboard_insert on rectification_review;
    drop trigger if exists rectification_review_dashboard_update on rectification_review;
    drop trigger if exists rectification_review_dashboard_delete on rectification_review;
    drop trigger if exists penalty_dashboard_insert on penalty;
    drop trigger if exists penalty_dashboard_update on penalty;
    drop trigger if exists penalty_dashboard_delete on penalty;
    drop trigger if exists entity_dashboard_update on entity;
    drop function if exists dashboard_mark_obligation, dashboard_mark_inspection, dashboard_mark_hazard,
      dashboard_mark_inspection_officer, dashboard_mark_rectification, dashboard_mark_review, dashboard_mark_penalty,
      dashboard_mark_entity, dashboard_notice_days, dashboard_mark, dashboard_changed_rows;
    drop index if exists obligation_census_window_end, rectification_deadline_in_force, rectification_service_due,
      rectification_review_due, rectification_review_notice, inspection_planned_open, rectification_open_deadline;
    drop table if exists dashboard_rollup_dirty;
    drop table if exists dashboard_rollup;
  `.execute(db);
}
