import { sql, type Kysely } from 'kysely';

// Frozen. Issue 14 §3, issue 15 §2–3: the worker's own record of its work, in PostgreSQL, so that
// nothing the queue loses (keys deleted, a job hash gone, a worker killed) leaves a hole.
// - reconcile_ledger: one row per (period, part, entity-id range) the reconcile has asked for. Each
//   reconcile takes a run number from reconcile_run_seq and raises wanted_run; a batch that finishes
//   sets done_run to the wanted_run it read when it started. A row with done_run < wanted_run is work
//   still owed: the next reconcile re-adds it under a fresh job id if its job is gone from the queue.
// - job_checkpoint: where a long job stopped (SIGTERM), so its next attempt resumes there. Keyed by
//   the job's domain key (never by a BullMQ id, which a lost Redis forgets).
// - draw.execute_failures / last_execute_failure / last_execute_failed_at: an execution that failed
//   after its retries is marked on the draw (its commitment stays published, it stays frozen and can
//   be executed again with the same result), so the scheduler sees it on the draw page instead of a
//   draw silently stuck. Not guarded by draw_guard: they are the record of attempts, not the result.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create sequence reconcile_run_seq;
    create table reconcile_ledger (
      period_kind text not null check (period_kind in ('month', 'two_months', 'quarter', 'year')),
      period_start date not null,
      part text not null check (part in ('census', 'quotas')),
      after_id bigint not null,
      up_to_id bigint not null,
      wanted_run bigint not null,
      done_run bigint not null default 0,
      enqueues integer not null default 0,
      job_id text,
      enqueued_at timestamptz,
      done_at timestamptz,
      primary key (period_kind, period_start, part, after_id)
    );
    create index reconcile_ledger_owed on reconcile_ledger (period_kind, period_start) where done_run < wanted_run;
    alter table draw add column execute_failures integer not null default 0;
    alter table draw add column last_execute_failure text;
    alter table draw add column last_execute_failed_at timestamptz;
    create table job_checkpoint (
      job_key text primary key,
      position jsonb not null,
      saved_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists job_checkpoint;
    alter table draw drop column if exists last_execute_failed_at;
    alter table draw drop column if exists last_execute_failure;
    alter table draw drop column if exists execute_failures;
    drop table if exists reconcile_ledger;
    drop sequence if exists reconcile_run_seq;
  `.execute(db);
}
