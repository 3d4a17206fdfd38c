import { sql, type Kysely } from 'kysely';

// Frozen. Issue 14 §2: a province's draw (30,000 targets) is recorded in one transaction and its
// inspection tasks are created after it by the worker, a bounded batch per transaction, because
// writing 30,000 inspections and 60,000 officer rows with their keys and triggers takes longer than
// the whole draw may. `tasks_pending_from` is the rank (0-based, in `selected`) from which tasks are
// still to be created; null when none are (a district's draw creates them with its execution, and a
// replaced draw creates no more). The partial index is the worker's look-up of owed work.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table draw add column tasks_pending_from integer check (tasks_pending_from >= 0);
    create index draw_tasks_pending on draw (executed_at) where tasks_pending_from is not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index draw_tasks_pending;
    alter table draw drop column tasks_pending_from;
  `.execute(db);
}
