import { sql, type Kysely } from 'kysely';

// Frozen. Issue 14 §2: the year's first reconcile grew faster than the province (4× the entities,
// 13.5× the time). While it writes, the dashboard's refresh (every 5 s, in the same worker) recounts
// the (regime, day) cells its obligations mark, and a period's last day holds a census obligation of
// nearly every entity (2026-12-31: 37,317 at 50,000 entities): each recount looked up every such
// obligation's coverage — the first done inspection of its entity and regime inside its window —
// through inspection_entity (entity_id), reading all of the entity's five years of inspections
// (≈ 49 rows, 58 buffers per obligation: 3.1 s per recount of that day at 50,000 entities, 1.2 s at
// 25,000). So each tick cost more as the province grew, and the ticks were more as the run grew
// longer. This index holds done inspections only, by entity, regime and the day they count on, so the
// lookup reads the one row it returns (0.48 s for the same recount, EXPLAIN ANALYZE, bench/README.md).
// The reconcile's planned inspections are not in it: its inserts pay nothing for it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index inspection_done_coverage on inspection (entity_id, regime_code, (coalesce(inspected_on, planned_on)))
      where status = 'done'
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index inspection_done_coverage`.execute(db);
}
