import { sql, type Kysely } from 'kysely';

// Frozen. Issue 5 §2–§3: the full history of every change to a supervised entity, the import batches
// of registry files, and the indexes that keep search and filters fast at 200,000 entities.
export async function up(db: Kysely<any>): Promise<void> {
  // Trigram indexes make `ilike '%…%'` on names, addresses, licences and codes an index scan.
  await sql`create extension if not exists pg_trgm`.execute(db);

  // Who, when, before and after, written by a trigger so that no write path can forget it. The
  // actor comes from the transaction-local setting `supervise.actor_id` (set_config(…, true)), set
  // by the repository in the same transaction as the write; null means a system write (seed, CLI).
  await db.schema
    .createTable('entity_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_id', 'bigint', (c) => c.notNull().references('entity.id'))
    .addColumn('op', 'text', (c) => c.notNull().check(sql`op in ('insert', 'update')`))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('changed_by', 'bigint', (c) => c.references('app_user.id'))
    .addColumn('source', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entity_history_entity').on('entity_history').columns(['entity_id', 'id']).execute();

  await sql`
    create function entity_history_write() returns trigger language plpgsql as $$
    declare
      actor text := nullif(current_setting('supervise.actor_id', true), '');
      src text := nullif(current_setting('supervise.change_source', true), '');
    begin
      if tg_op = 'UPDATE' and (to_jsonb(old) - 'updated_at') = (to_jsonb(new) - 'updated_at') then
        return new; -- nothing changed: no history row
      end if;
      insert into entity_history (entity_id, op, changed_by, source, before, after)
      values (new.id, lower(tg_op), actor::bigint, src,
              case when tg_op = 'UPDATE' then to_jsonb(old) - 'updated_at' end, to_jsonb(new) - 'updated_at');
      return new;
    end $$`.execute(db);
  await sql`create trigger entity_history_write after insert or update on entity
            for each row execute function entity_history_write()`.execute(db);
  // History is append-only, like the audit log.
  await sql`
    create function entity_history_refuse() returns trigger language plpgsql as $$
    begin
      raise exception 'entity_history is append-only';
    end $$`.execute(db);
  await sql`create trigger entity_history_append_only before update or delete on entity_history
            for each row execute function entity_history_refuse()`.execute(db);

  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('entities', 'officers')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    // The file itself, so the worker job carries the batch id only (never registry data).
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'xlsx')`))
    .addColumn('encoding', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('previewed', 'importing', 'done', 'failed')`))
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('preview', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('failure', 'text')
    .addColumn('created_by', 'bigint', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('import_batch_content', ['kind', 'content_sha256'])
    .execute();

  // Search (name, code, licence, address) and filters at 200,000 entities.
  await sql`create index entity_name_trgm on entity using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index entity_address_trgm on entity using gin (address gin_trgm_ops)`.execute(db);
  await sql`create index entity_licence_trgm on entity using gin (licence_no gin_trgm_ops)`.execute(db);
  await sql`create index entity_code_trgm on entity using gin (code gin_trgm_ops)`.execute(db);
  // Scoped lists are ordered by code within a brigade (keyset pagination).
  await db.schema.createIndex('entity_brigade_code').on('entity').columns(['brigade_id', 'code']).execute();
  await db.schema.createIndex('entity_risk_grade').on('entity').columns(['risk_grade', 'code']).execute();
  await sql`create index officer_name_trgm on officer using gin (name gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists officer_name_trgm`.execute(db);
  for (const i of [
    'entity_risk_grade',
    'entity_brigade_code',
    'entity_code_trgm',
    'entity_licence_trgm',
    'entity_address_trgm',
    'entity_name_trgm',
  ]) {
    await sql`drop index if exists ${sql.id(i)}`.execute(db);
  }
  await db.schema.dropTable('import_batch').ifExists().execute();
  await sql`drop trigger if exists entity_history_write on entity`.execute(db);
  await db.schema.dropTable('entity_history').ifExists().execute();
  await sql`drop function if exists entity_history_write()`.execute(db);
  await sql`drop function if exists entity_history_refuse()`.execute(db);
}
