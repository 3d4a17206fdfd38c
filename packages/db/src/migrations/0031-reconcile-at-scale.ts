import { sql, type Kysely } from 'kysely';

// Frozen. Issue 14 §2–3: a province's year of obligations and rosters.
// - obligation_entity becomes (entity_id, regime, window_start). The dashboard's inspection trigger
//   (0024) looks up, per inserted inspection, the census obligations of its entity and regime whose
//   window holds its day. While the obligation table has no statistics yet — the first generation of
//   a year into an empty table, exactly when the reconcile writes 190,000 inspections — the planner
//   took obligation_census_window_end (window_end, regime) for it and read ~88,000 index entries per
//   inspection: 4.3 s for a statement of 318 inspections (EXPLAIN ANALYZE, bench/README.md). With the
//   entity, regime and window start in one index it reads the entity's few rows whatever the
//   statistics say. The old index was a prefix of the new one, so every query that used it can use
//   this one (the foreign key's checks on entity included): no index is added.
// - reconcile_quota_count: the year's campaign and spot-check quotas are counted in bounded batches
//   over entity-id ranges (like the census batches); each batch stores its range's population per
//   (kind, window) under the reconcile run it worked for, and the batch that finds every range of the
//   period counted for the wanted run plans the quotas from the sums (on conflict do nothing).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    drop index obligation_entity;
    create index obligation_entity on obligation (entity_id, regime, window_start);

    create table reconcile_quota_count (
      period_kind text not null check (period_kind in ('month', 'two_months', 'quarter', 'year')),
      period_start date not null,
      after_id bigint not null,
      up_to_id bigint not null,
      run bigint not null,
      counts jsonb not null,
      counted_at timestamptz not null default now(),
      primary key (period_kind, period_start, after_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table reconcile_quota_count;
    drop index obligation_entity;
    create index obligation_entity on obligation (entity_id);
  `.execute(db);
}
