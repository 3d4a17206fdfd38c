/**
 * A registry upload (issue 15 §1), the one use-case behind the web page and the worker:
 * 1. `acceptRegistryUpload` (web): the file is already on disk (streamed there, `saveUpload`); records
 *    an `uploaded` batch naming it, audits, and hands the parse to the worker (`enqueue`). The request
 *    never parses: a zip bomb costs the web app nothing.
 * 2. `parseRegistryUpload` (worker): reads the file within the upload limits (an XLSX in a worker
 *    thread), validates every row, stores the content, the preview and every problem (file, row,
 *    field), and removes the file. The import itself stays all or nothing (`startImport`,
 *    `runEntityImport`).
 * 3. `failRegistryUpload` (worker, last attempt): the batch failed with why; the file removed.
 */
import type { ImportIssue } from '@supervise/core';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { readUpload, removeUpload, type StoredUpload } from '../import/upload-store.js';
import { recordAudit } from '../repositories/audit.repository.js';
import {
  examineEntityFile,
  findImportBatch,
  importerScope,
  type ImportBatchView,
} from '../repositories/registry-import.repository.js';
import { auditActor, type Actor } from './actor.js';

/** The preview of a batch not parsed yet. */
const NO_PREVIEW = JSON.stringify({ header: [], rows: [] });

export interface AcceptUploadInput {
  fileName: string;
  upload: StoredUpload;
  uploadDir: string;
  /** The importer (an account: the batch page is its uploader's). */
  actor: Actor;
  /** Hands the parse to the worker (`parse-registry-upload` with the batch id). */
  enqueue: (batchId: number) => Promise<unknown>;
}

export interface AcceptUploadResult {
  batch: ImportBatchView;
  /** The same content was already imported, is being imported, or waits for its parse: that batch. */
  existing: boolean;
}

export async function acceptRegistryUpload(db: Kysely<DB>, input: AcceptUploadInput): Promise<AcceptUploadResult> {
  const { upload, actor } = input;
  if (actor.id === null) throw new Error('a registry upload needs an account (actor.id)');
  const fileName = input.fileName.slice(0, 255) || 'upload';
  const id = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('import_batch')
      .values({
        kind: 'entities',
        file_name: fileName,
        content_sha256: upload.sha256,
        content: null,
        upload_file: upload.name,
        size_bytes: upload.size,
        format: upload.format,
        status: 'uploaded',
        preview: NO_PREVIEW,
        created_by: actor.id!,
      })
      .onConflict((oc) =>
        oc
          .columns(['kind', 'content_sha256'])
          .doUpdateSet({
            file_name: fileName,
            content: null,
            upload_file: upload.name,
            size_bytes: upload.size,
            format: upload.format,
            encoding: null,
            status: 'uploaded',
            row_count: 0,
            error_count: 0,
            errors: sql`'[]'::jsonb`,
            preview: NO_PREVIEW,
            failure: null,
            processed: 0,
            created_by: actor.id!,
            created_at: sql`now()`,
            finished_at: null,
          })
          // Never reopen a batch that is done, running, or waiting for its parse.
          .where('import_batch.status', 'in', ['previewed', 'failed']),
      )
      .returning('id')
      .executeTakeFirst();
    if (!r) return null;
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'registry.import.upload',
      entityType: 'import_batch',
      entityId: r.id,
      details: { fileName, sha256: upload.sha256, bytes: upload.size, format: upload.format },
    });
    return r.id;
  });
  if (id === null) {
    // The same content is done, importing or queued: this copy is not needed.
    await removeUpload(input.uploadDir, upload.name);
    const other = await db
      .selectFrom('import_batch')
      .select('id')
      .where('kind', '=', 'entities')
      .where('content_sha256', '=', upload.sha256)
      .executeTakeFirstOrThrow();
    return { batch: (await findImportBatch(db, other.id))!, existing: true };
  }
  try {
    await input.enqueue(id);
  } catch (e) {
    await failRegistryUpload(db, id, input.uploadDir, 'queue_unavailable');
    throw e;
  }
  return { batch: (await findImportBatch(db, id))!, existing: false };
}

export interface ParseUploadOutcome {
  status: 'previewed' | 'failed' | 'skipped';
  rowCount: number;
  errorCount: number;
}

const FILE_GONE: ImportIssue = {
  code: 'unreadable_file',
  row: 1,
  column: null,
  zh: '上传的文件已不在服务器上，请重新上传',
  en: 'The uploaded file is no longer on the server; upload it again',
};

/** The worker's parse of an `uploaded` batch; anything else is skipped (a doubled job changes nothing). */
export async function parseRegistryUpload(db: Kysely<DB>, batchId: number, uploadDir: string): Promise<ParseUploadOutcome> {
  const b = await db
    .selectFrom('import_batch')
    .innerJoin('app_user', 'app_user.id', 'import_batch.created_by')
    .select(['import_batch.id', 'import_batch.upload_file', 'import_batch.created_by', 'app_user.username'])
    .where('import_batch.id', '=', batchId)
    .where('import_batch.status', '=', 'uploaded')
    .where('import_batch.kind', '=', 'entities')
    .executeTakeFirst();
  if (!b?.upload_file) return { status: 'skipped', rowCount: 0, errorCount: 0 };
  let bytes: Buffer;
  try {
    bytes = await readUpload(uploadDir, b.upload_file);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
    await markFailed(db, batchId, [FILE_GONE], 'file_gone');
    return { status: 'failed', rowCount: 0, errorCount: 1 };
  }
  // The uploader's grants as they are now, as the import run checks them.
  const examined = await examineEntityFile(db, bytes, await importerScope(db, b.created_by));
  const done = await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('import_batch')
      .set({
        status: 'previewed',
        content: bytes,
        upload_file: null,
        format: examined.format,
        encoding: examined.encoding,
        row_count: examined.rowCount,
        error_count: examined.issues.length,
        errors: JSON.stringify(examined.issues),
        preview: JSON.stringify(examined.preview),
      })
      .where('id', '=', batchId)
      .where('status', '=', 'uploaded')
      .returning('id')
      .executeTakeFirst();
    if (!r) return false;
    await recordAudit(trx, {
      actorId: b.created_by,
      actorUsername: b.username,
      userAgent: 'supervise-worker',
      action: 'registry.import.preview',
      outcome: examined.issues.length ? 'failure' : 'success',
      entityType: 'import_batch',
      entityId: batchId,
      details: { rows: examined.rowCount, errors: examined.issues.length, encoding: examined.encoding },
    });
    return true;
  });
  await removeUpload(uploadDir, b.upload_file);
  if (!done) return { status: 'skipped', rowCount: 0, errorCount: 0 };
  return { status: 'previewed', rowCount: examined.rowCount, errorCount: examined.issues.length };
}

async function markFailed(db: Kysely<DB>, batchId: number, issues: ImportIssue[], failure: string): Promise<string | null> {
  const r = await db
    .updateTable('import_batch')
    .set({
      status: 'failed',
      errors: JSON.stringify(issues),
      error_count: issues.length,
      failure,
      upload_file: null,
      finished_at: sql`now()`,
    })
    .where('id', '=', batchId)
    .where('status', '=', 'uploaded')
    .returning('id')
    .executeTakeFirst();
  return r ? String(r.id) : null;
}

/** The parse could not run (the last attempt failed, or the queue refused the job): failed, file removed. */
export async function failRegistryUpload(db: Kysely<DB>, batchId: number, uploadDir: string, failure: string): Promise<void> {
  const b = await db.selectFrom('import_batch').select('upload_file').where('id', '=', batchId).executeTakeFirst();
  await markFailed(db, batchId, [], failure.slice(0, 500));
  await removeUpload(uploadDir, b?.upload_file);
}
