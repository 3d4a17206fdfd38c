import { sql, type Kysely } from 'kysely';

// Frozen. Issue 14 §2: two per-page costs of the year's reconcile that grew with the province.
// - obligation_period becomes (period_start, type, entity_id) instead of (period_start, type). A
//   reconcile page asks for the open census obligations of one period whose entity lies in its
//   1,000-id range (`censusObligationsWithoutInspection`, first thing of every page, in the first run
//   and the rerun alike); with the period alone in the index it read every census obligation of the
//   period and kept the page's: at 50,000 entities the year's page read 37,000 rows to keep 140
//   (1,142 buffers; 123 with the entity in the index), so a period's pages cost its obligations times
//   its pages — quadratic in the province. The old index was a prefix of the new one: nothing else
//   loses it, and no index is added (the inserts maintain as many as before).
// - The dashboard's inspection trigger (0024) looked up, for each inserted inspection, the census
//   obligations of its entity whose window holds its day, to mark their (regime, window end) cells;
//   the reconcile's first run writes ≈ 190,000 planned census inspections at 50,000 entities. An
//   obligation's coverage counts done inspections only (`obligationRowsSql`: covered_on is the first
//   *done* inspection in the window), so a version of an inspection that is not done changes no
//   coverage figure: the lookup is now made for done rows only. An inspection becoming done (or
//   undone, or a done one moved or deleted) still marks its obligations' cells through its done
//   version, which is among the rows the trigger looks at (the old and the new versions of an update).
//   Every other mark is as before: the day done, a draw's window end (a draw's targets count whatever
//   their status), the notices' days.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    drop index obligation_period;
    create index obligation_period on obligation (period_start, type, entity_id);

    create or replace function dashboard_mark_inspection() returns trigger language plpgsql as $$
    begin
      execute dashboard_mark(tg_op, 'id', 'status, inspected_on, planned_on, regime_code, entity_id, draw_id, trigger',
        $q$ select x.regime_code, x.inspected_on
          union all select o.regime, o.window_end from obligation o
            where x.status = 'done' and o.entity_id = x.entity_id and o.regime = x.regime_code and o.type = 'census'
              and coalesce(x.inspected_on, x.planned_on) between o.window_start and o.window_end
          union all select x.regime_code, d.window_to from draw d where d.id = x.draw_id
          union all select nd.regime, nd.day from hazard h join rectification r on r.hazard_id = h.id
            cross join lateral dashboard_notice_days(h.id, r.id, coalesce(r.extended_deadline_on, r.deadline_on), r.service_due_on) nd
            where h.inspection_id = x.id $q$);
      return null;
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index obligation_period;
    create index obligation_period on obligation (period_start, type);

    create or replace function dashboard_mark_inspection() returns trigger language plpgsql as $$
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
  `.execute(db);
}
