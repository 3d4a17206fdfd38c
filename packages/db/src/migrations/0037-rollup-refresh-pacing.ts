import { sql, type Kysely } from 'kysely';

// Frozen. Issue 14 §3: the worker's rollup refresh (every 5 s) recounted a province's busiest cells
// again and again while a bulk write kept marking them: a month-end day of R09 holds some 60,000
// census obligations and takes 0.5–2.6 s to recount, and the year's reconcile marks it for as long as
// its jobs run (a fifth of the reconcile's database time, bench/README.md). A cell whose recount took
// long rests here until `until`, in proportion to what it cost; its marks wait meanwhile
// (`refreshDirtyRollups` with pacing, which the worker's cycle asks for).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table dashboard_rollup_rest (
      regime text not null,
      day date not null,
      until timestamptz not null,
      primary key (regime, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table dashboard_rollup_rest`.execute(db);
}
