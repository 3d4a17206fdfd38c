import { sql, type Kysely } from 'kysely';

// Frozen. Issue 12/14: the dashboard's figures are a function of the rollups, the query and today,
// so the apps cache them in the process keyed by the rollups' generation. One row: `generation` is
// incremented in the same transaction as every change of `dashboard_rollup` cells (a refresh that
// recounted marks, a rebuild); `epoch` is drawn when the row is created, so a table made again (a
// restored or re-migrated database) never repeats an (epoch, generation) a process has cached.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table dashboard_rollup_state (
      one boolean primary key default true check (one),
      epoch uuid not null default gen_random_uuid(),
      generation bigint not null default 0 check (generation >= 0)
    );
    insert into dashboard_rollup_state default values;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table dashboard_rollup_state`.execute(db);
}
