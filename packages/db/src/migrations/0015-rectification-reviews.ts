import { sql, type Kysely } from 'kysely';

// Frozen. Issue 10 §3: rectification, as the case file needs it beyond 0013.
// - One row per review round (复查): the unit's request, the due date and where its time limit comes
//   from, the review inspection, the opinion and, when it failed, the new deadline. A case can fail a
//   review and be reviewed again; rectification.review_* keep the latest round.
// - The start of the current rectification period (the notice's issue, or the failed review that
//   reopened it): R03's 30 days in all are counted from it.
// - Service: the R14 due date and whether the notice was served late, with the recorded reason.
// - Served notices are frozen in the data too: the hazard text and the deadline a served notice shows
//   cannot be changed (triggers), whoever writes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rectification')
    .addColumn('period_started_on', 'date')
    .addColumn('service_due_on', 'date')
    .addColumn('served_late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('late_service_reason', 'text')
    .execute();
  await db.schema
    .alterTable('rectification')
    .addCheckConstraint(
      'rectification_late_reason',
      sql`not served_late or (late_service_reason is not null and length(trim(late_service_reason)) > 0)`,
    )
    .execute();

  await db.schema
    .createTable('rectification_review')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('rectification_id', 'bigint', (c) => c.notNull().references('rectification.id'))
    .addColumn('requested_on', 'date', (c) => c.notNull())
    .addColumn('requested_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('request_note', 'text')
    .addColumn('due_on', 'date', (c) => c.notNull())
    // R03-REVIEW (the seed's clause) or BUREAU-REVIEW-5WD (the bureau's practice elsewhere).
    .addColumn('due_rule', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'bigint', (c) => c.notNull().unique().references('inspection.id'))
    .addColumn('opinion', 'text', (c) => c.check(sql`opinion in ('passed', 'failed')`))
    .addColumn('note', 'text')
    .addColumn('reviewed_on', 'date')
    .addColumn('reviewed_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('new_deadline_on', 'date')
    .addColumn('new_deadline_rule', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('rectification_review_decided', sql`(opinion is null) = (reviewed_on is null)`)
    .addCheckConstraint('rectification_review_reopen', sql`(opinion = 'failed') = (new_deadline_on is not null)`)
    .execute();
  // One open round per notice.
  await sql`create unique index rectification_review_open on rectification_review (rectification_id) where opinion is null`.execute(
    db,
  );

  await sql`create function rectification_served_frozen() returns trigger language plpgsql as $$
    begin
      if (old.served_at is not null or old.served_on is not null) and (new.deadline_on is distinct from old.deadline_on
          or new.notice_no is distinct from old.notice_no or new.hazard_id is distinct from old.hazard_id
          or new.issued_on is distinct from old.issued_on) then
        raise exception 'rectification notice % was served: its number, hazard and deadline are frozen', old.notice_no
          using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger rectification_served_frozen before update on rectification
    for each row execute function rectification_served_frozen()`.execute(db);

  await sql`create function hazard_served_frozen() returns trigger language plpgsql as $$
    declare n text;
    begin
      select r.notice_no into n from rectification r
        where r.hazard_id = old.id and (r.served_at is not null or r.served_on is not null) limit 1;
      if n is not null and (tg_op = 'DELETE' or new.description is distinct from old.description
          or new.severity is distinct from old.severity or new.inspection_id is distinct from old.inspection_id) then
        raise exception 'hazard % is shown on the served notice % and is frozen', old.id, n using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger hazard_served_frozen before update or delete on hazard
    for each row execute function hazard_served_frozen()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger hazard_served_frozen on hazard`.execute(db);
  await sql`drop function hazard_served_frozen()`.execute(db);
  await sql`drop trigger rectification_served_frozen on rectification`.execute(db);
  await sql`drop function rectification_served_frozen()`.execute(db);
  await db.schema.dropTable('rectification_review').execute();
  await db.schema.alterTable('rectification').dropConstraint('rectification_late_reason').execute();
  for (const c of ['period_started_on', 'service_due_on', 'served_late', 'late_service_reason']) {
    await db.schema.alterTable('rectification').dropColumn(c).execute();
  }
}
