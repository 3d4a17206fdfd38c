import { sql, type Kysely } from 'kysely';

// Frozen. Issue 15 §1: a registry upload is streamed to a file in the upload directory by the web
// app and parsed by the worker (never held in the request's memory). A batch is `uploaded` from the
// upload until the worker's parse: it names its file (a bare name inside UPLOAD_DIR, never a path)
// and has no content yet; the parse stores the content, the preview and every problem, and removes
// the file. `size_bytes` is the file's size as received.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table import_batch drop constraint import_batch_status_check;
    alter table import_batch add constraint import_batch_status_check
      check (status in ('uploaded', 'previewed', 'importing', 'done', 'failed'));
    alter table import_batch alter column content drop not null;
    alter table import_batch add column upload_file text
      check (upload_file ~ '^[0-9a-f]{32}\\.upload$');
    alter table import_batch add column size_bytes bigint check (size_bytes >= 0);
    alter table import_batch add constraint import_batch_uploaded_names_file
      check (status <> 'uploaded' or upload_file is not null);
    alter table import_batch add constraint import_batch_parsed_has_content
      check (status in ('uploaded', 'failed') or content is not null);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    delete from import_batch where content is null;
    alter table import_batch drop constraint import_batch_parsed_has_content;
    alter table import_batch drop constraint import_batch_uploaded_names_file;
    alter table import_batch drop column size_bytes;
    alter table import_batch drop column upload_file;
    alter table import_batch alter column content set not null;
    alter table import_batch drop constraint import_batch_status_check;
    alter table import_batch add constraint import_batch_status_check
      check (status in ('previewed', 'importing', 'done', 'failed'));
  `.execute(db);
}
