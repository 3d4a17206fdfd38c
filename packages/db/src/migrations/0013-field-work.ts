import { sql, type Kysely } from 'kysely';

// Frozen. Issue 10: field work recorded by inspectors on a phone.
// - The inspection record: start/end time, the checklist result per catalogue item, the officers'
//   confirmations (the second officer with their own credentials), the inspected side's signature
//   (drawn on screen) or a recorded refusal/absence, audio-video flag (R03), closing.
// - Hazards keep their checklist item and whether they were fixed on the spot; photos are stored in
//   PostgreSQL, content-addressed by SHA-256 (one backup, written in the same transaction as the
//   hazard, no shared volume between web instances; sizes are capped by core's photo rule).
// - Rectification notices are issued (numbered by a per-prefix, per-year counter), served (time
//   recorded), extended (a request and its decision), reviewed (the unit's request, then a review
//   inspection linked to the notice), closed or reopened by the review's opinion.
// - Official documents (notice, penalty decision) are frozen once served: their content and its hash
//   are stored and never change (trigger).
// - Penalties carry the case facts and the procedure records the law requires.
export async function up(db: Kysely<any>): Promise<void> {
  // --- the inspection record -------------------------------------------------------------------
  await sql`alter table inspection drop constraint inspection_trigger_check`.execute(db);
  await sql`alter table inspection add constraint inspection_trigger_check check (trigger in
      ('census', 'campaign', 'spot_check', 'patrol', 'complaint', 'post_case', 'event', 'review'))`.execute(db);
  await db.schema
    .alterTable('inspection')
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('audio_video_recorded', 'boolean')
    .addColumn('signature_status', 'text', (c) => c.check(sql`signature_status in ('signed', 'refused', 'absent')`))
    .addColumn('signer_role', 'text', (c) => c.check(sql`signer_role in ('unit_head', 'accompanying_person')`))
    .addColumn('signer_name', 'text')
    .addColumn('signature_note', 'text')
    // The drawn signature, a PNG no larger than core's limit.
    .addColumn('signature_png', 'bytea')
    .addColumn('summary', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'bigint', (c) => c.references('app_user.id'))
    .execute();

  await db.schema
    .createTable('inspection_checklist_result')
    .addColumn('inspection_id', 'bigint', (c) => c.notNull().references('inspection.id').onDelete('cascade'))
    // The catalogue item's id, e.g. R09-C2 (core: regimes/catalogue.ts ChecklistItem.id).
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('pass', 'fail', 'not_applicable')`))
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('inspection_checklist_result_pk', ['inspection_id', 'item_key'])
    .execute();

  // Each officer on site shows their ID and confirms the record; the second officer confirms with
  // their own password (the use-case checks it), so one phone cannot sign for two people unseen.
  await db.schema
    .alterTable('inspection_officer')
    .addColumn('id_shown', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('confirmed_by_user', 'bigint', (c) => c.references('app_user.id'))
    .execute();

  // --- hazards and photos ----------------------------------------------------------------------
  await db.schema
    .alterTable('hazard')
    .addColumn('item_key', 'text')
    .addColumn('fixed_on_spot', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
    .execute();

  await db.schema
    .createTable('photo_blob')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('image/jpeg', 'image/png', 'image/webp', 'image/heic')`))
    .addColumn('byte_size', 'integer', (c) => c.notNull().check(sql`byte_size > 0`))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('photo_blob_size', sql`octet_length(bytes) = byte_size`)
    .execute();

  await db.schema
    .createTable('hazard_photo')
    .addColumn('hazard_id', 'bigint', (c) => c.notNull().references('hazard.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('photo_blob.sha256'))
    .addColumn('file_name', 'text')
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('added_by', 'bigint', (c) => c.references('app_user.id'))
    .addPrimaryKeyConstraint('hazard_photo_pk', ['hazard_id', 'sha256'])
    .execute();

  // --- rectification ---------------------------------------------------------------------------
  // A notice is issued first and served later: served_on becomes optional, served_at the time.
  await db.schema
    .alterTable('rectification')
    .alterColumn('served_on', (c) => c.dropNotNull())
    .execute();
  await sql`alter table rectification drop constraint rectification_status_check`.execute(db);
  await sql`alter table rectification add constraint rectification_status_check check (status in
      ('open', 'completed', 'overdue', 'review_requested', 'reopened'))`.execute(db);
  await db.schema
    .alterTable('rectification')
    .addColumn('issued_on', 'date')
    .addColumn('issued_at', 'timestamptz')
    .addColumn('issued_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('served_at', 'timestamptz')
    // Which named deadline of core fixed the date (e.g. R03-RECTIFICATION), or null where the seed
    // sets none and the officer's date was accepted with a recorded note.
    .addColumn('deadline_rule', 'text')
    .addColumn('review_requested_on', 'date')
    .addColumn('review_due_on', 'date')
    .addColumn('review_inspection_id', 'bigint', (c) => c.references('inspection.id'))
    .addColumn('review_opinion', 'text', (c) => c.check(sql`review_opinion in ('passed', 'failed')`))
    .addColumn('review_note', 'text')
    .execute();

  // 鹿公治限改字〔2026〕0001号: one counter per document prefix and year, taken in the issuing transaction.
  await db.schema
    .createTable('document_counter')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull().check(sql`last_no > 0`))
    .addPrimaryKeyConstraint('document_counter_pk', ['prefix', 'year'])
    .execute();

  await db.schema
    .createTable('rectification_extension')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('rectification_id', 'bigint', (c) => c.notNull().references('rectification.id'))
    .addColumn('requested_on', 'date', (c) => c.notNull())
    .addColumn('requested_deadline_on', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn('requested_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('decided_on', 'date')
    .addColumn('decided_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('decision_note', 'text')
    .addCheckConstraint('rectification_extension_decided', sql`(status = 'pending') = (decided_on is null)`)
    .execute();
  await db.schema.createIndex('rectification_extension_rect').on('rectification_extension').column('rectification_id').execute();

  // --- official documents, frozen once served ----------------------------------------------------
  await db.schema
    .createTable('official_document')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('rectification_notice', 'penalty_decision')`))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('rectification_id', 'bigint', (c) => c.unique().references('rectification.id'))
    .addColumn('penalty_id', 'bigint', (c) => c.unique().references('penalty.id'))
    // What the document says, as rendered: frozen at first service.
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull().check(sql`content_sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('first_served_at', 'timestamptz')
    .addCheckConstraint(
      'official_document_subject',
      sql`(kind = 'rectification_notice' and rectification_id is not null and penalty_id is null)
        or (kind = 'penalty_decision' and penalty_id is not null and rectification_id is null)`,
    )
    .execute();
  // Once served, a document's text never changes (nor is it deleted).
  await sql`create function official_document_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.first_served_at is not null then
          raise exception 'official document % was served and cannot be deleted', old.number using errcode = 'P0001';
        end if;
        return old;
      end if;
      if old.first_served_at is not null and (new.content is distinct from old.content
          or new.content_sha256 is distinct from old.content_sha256 or new.number is distinct from old.number
          or new.first_served_at is distinct from old.first_served_at) then
        raise exception 'official document % was served and is frozen', old.number using errcode = 'P0001';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger official_document_frozen before update or delete on official_document
    for each row execute function official_document_frozen()`.execute(db);

  // --- penalties ---------------------------------------------------------------------------------
  await db.schema
    .alterTable('penalty')
    .addColumn('rectification_id', 'bigint', (c) => c.references('rectification.id'))
    .addColumn('party_type', 'text', (c) => c.check(sql`party_type in ('unit', 'individual')`))
    .addColumn('party_name', 'text')
    .addColumn('severity', 'text')
    .addColumn('facts', 'text')
    .addColumn('individual_fines', 'jsonb')
    .addColumn('suspend_business', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hearing_notified_on', 'date')
    .addColumn('hearing_requested', 'boolean')
    .addColumn('collective_discussion_on', 'date')
    .addColumn('collective_discussion_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'bigint', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('penalty_inspection').on('penalty').column('inspection_id').execute();
  await db.schema.createIndex('penalty_entity').on('penalty').column('entity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of [
    'rectification_id',
    'party_type',
    'party_name',
    'severity',
    'facts',
    'individual_fines',
    'suspend_business',
    'hearing_notified_on',
    'hearing_requested',
    'collective_discussion_on',
    'collective_discussion_note',
    'created_at',
    'created_by',
  ]) {
    await db.schema.alterTable('penalty').dropColumn(c).execute();
  }
  await db.schema.dropTable('official_document').execute();
  await sql`drop function official_document_frozen()`.execute(db);
  await db.schema.dropTable('rectification_extension').execute();
  await db.schema.dropTable('document_counter').execute();
  for (const c of [
    'issued_on',
    'issued_at',
    'issued_by',
    'served_at',
    'deadline_rule',
    'review_requested_on',
    'review_due_on',
    'review_inspection_id',
    'review_opinion',
    'review_note',
  ]) {
    await db.schema.alterTable('rectification').dropColumn(c).execute();
  }
  await db.schema.dropTable('hazard_photo').execute();
  await db.schema.dropTable('photo_blob').execute();
  for (const c of ['item_key', 'fixed_on_spot', 'created_at', 'created_by']) {
    await db.schema.alterTable('hazard').dropColumn(c).execute();
  }
  for (const c of ['id_shown', 'confirmed_at', 'confirmed_by_user']) {
    await db.schema.alterTable('inspection_officer').dropColumn(c).execute();
  }
  await db.schema.dropTable('inspection_checklist_result').execute();
  for (const c of [
    'started_at',
    'ended_at',
    'audio_video_recorded',
    'signature_status',
    'signer_role',
    'signer_name',
    'signature_note',
    'signature_png',
    'summary',
    'closed_at',
    'closed_by',
  ]) {
    await db.schema.alterTable('inspection').dropColumn(c).execute();
  }
}
