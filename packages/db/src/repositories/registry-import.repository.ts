import { createHash } from 'node:crypto';
import {
  storedFileName,
  can,
  storedEntityScopeIssues,
  validateEntityTable,
  type EntityScopeCheck,
  type ImportIssue,
  type ValidatedEntity,
} from '@supervise/core';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import {
  isZipBytes,
  readRegistryFile,
  UploadRefusedError,
  type DetectedEncoding,
  type FileFormat,
} from '../import/registry-file.js';
import { recordAudit } from './audit.repository.js';
import { batches } from './registry.repository.js';
import { auditActor, type Actor } from '../use-cases/actor.js';
import { findRoleGrants } from './account.repository.js';
import { entityColumns, registryWriteScope, setChangeContext, storedEntityScopes } from './registry-admin.repository.js';

/**
 * Registry import (issue 5 §3): preview → commit → run. A file is stored once per kind and content
 * hash (`import_batch_content` unique): uploading the same file again finds the same batch, and once
 * it is done nothing changes. The run is all or nothing: the file is validated again and every row is
 * upserted by entity code in ONE transaction (a row equal to the stored one is a no-op: no update, no
 * history row). Progress goes to `import_batch.processed` from OUTSIDE that transaction, so the page
 * that polls it sees it move while the data stays invisible until the commit.
 */
/** `uploaded`: the file waits in the upload directory for the worker's parse (migration 0028). */
export type ImportStatus = 'uploaded' | 'previewed' | 'importing' | 'done' | 'failed';

export interface ImportBatchView {
  id: number;
  kind: string;
  fileName: string;
  format: FileFormat;
  encoding: DetectedEncoding;
  status: ImportStatus;
  rowCount: number;
  errorCount: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportIssue[];
  preview: { header: string[]; rows: { row: number; cells: string[] }[] };
  failure: string | null;
  /** Bytes as uploaded (null for batches from before migration 0028). */
  sizeBytes: number | null;
  createdBy: number;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 10;
/** Rows per upsert statement and per progress report. */
export const IMPORT_CHUNK = 250;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function stationsOf(db: Kysely<DB>) {
  return db.selectFrom('police_station').select(['id', 'name_zh', 'name_en']).execute();
}

export async function findImportBatch(db: Kysely<DB>, id: number): Promise<ImportBatchView | undefined> {
  const r = await db
    .selectFrom('import_batch')
    .select([
      'id',
      'kind',
      'file_name',
      'format',
      'encoding',
      'status',
      'row_count',
      'error_count',
      'processed',
      'inserted',
      'updated',
      'unchanged',
      'errors',
      'preview',
      'failure',
      'size_bytes',
      'created_by',
      'created_at',
      'finished_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    format: r.format as FileFormat,
    encoding: r.encoding as DetectedEncoding,
    status: r.status as ImportStatus,
    rowCount: r.row_count,
    errorCount: r.error_count,
    processed: r.processed,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    errors: r.errors as unknown as ImportIssue[],
    preview: r.preview as unknown as ImportBatchView['preview'],
    failure: r.failure,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  };
}

export interface PreviewInput {
  fileName: string;
  bytes: Uint8Array;
  /** The importer: rows outside its `registry.manage` scope, as written or as stored, are errors. */
  actor: Actor;
}

export interface PreviewResult {
  batch: ImportBatchView;
  /** The same file was already imported (or is being imported): nothing more will change. */
  alreadyImported: boolean;
}

export interface ExaminedFile {
  format: FileFormat;
  encoding: DetectedEncoding;
  /** Every problem, by row; a refused file (zip bomb, UTF-16 …) is one issue on row 1. */
  issues: ImportIssue[];
  rowCount: number;
  preview: ImportBatchView['preview'];
}

/**
 * Reads a registry file within the upload limits (an XLSX in a worker thread) and validates every
 * row: the columns, the stations, and the importer's scope (`inScope`, undefined for the trusted
 * system) as written and as stored. Writes nothing. Shared by the in-request preview and the
 * worker's parse of an upload (issue 15).
 */
export async function examineEntityFile(
  db: Kysely<DB>,
  bytes: Uint8Array,
  inScope: EntityScopeCheck | undefined,
): Promise<ExaminedFile> {
  try {
    const read = await readRegistryFile(bytes);
    const result = validateEntityTable(read.table, { stations: await stationsOf(db), inScope });
    // Issue 15: a code that names a stored entity outside the importer's scope is refused too.
    const stored = inScope
      ? await storedEntityScopes(
          db,
          result.entities.map((e) => e.code),
        )
      : new Map();
    const issues = [...result.issues, ...(inScope ? storedEntityScopeIssues(result.entities, stored, inScope) : [])].sort(
      (a, b) => a.row - b.row,
    );
    return {
      format: read.format,
      encoding: read.encoding,
      issues,
      rowCount: result.rowCount,
      preview: {
        header: [...read.table.header],
        rows: read.table.rows
          .filter((r) => r.cells.some((c) => c.trim() !== ''))
          .slice(0, PREVIEW_ROWS)
          .map((r) => ({ row: r.row, cells: [...r.cells] })),
      },
    };
  } catch (e) {
    if (!(e instanceof UploadRefusedError)) throw e;
    // Issue 15: a zip bomb, a UTF-16 or binary CSV, a formula without its value …: refused with why.
    const { zh, en } = e.refusal;
    return {
      format: isZipBytes(bytes) ? 'xlsx' : 'csv',
      encoding: null,
      issues: [{ code: 'unreadable_file', row: 1, column: null, zh, en }],
      rowCount: 0,
      preview: { header: [], rows: [] },
    };
  }
}

/**
 * Reads and validates a file of entities and records it as a previewed batch with EVERY problem
 * found. The same content again returns the existing batch (re-validated unless already imported).
 */
/** An import batch belongs to an account (its preview page is the uploader's). */
function accountOf(actor: Actor): number {
  if (actor.id === null) throw new Error('a registry import needs an account (actor.id)');
  return actor.id;
}

export async function previewEntityImport(db: Kysely<DB>, input: PreviewInput): Promise<PreviewResult> {
  const hash = sha256Hex(input.bytes);
  const existing = await db
    .selectFrom('import_batch')
    .select(['id', 'status'])
    .where('kind', '=', 'entities')
    .where('content_sha256', '=', hash)
    .executeTakeFirst();
  if (existing && (existing.status === 'done' || existing.status === 'importing')) {
    return { batch: (await findImportBatch(db, existing.id))!, alreadyImported: true };
  }
  const { format, encoding, issues, rowCount, preview } = await examineEntityFile(
    db,
    input.bytes,
    registryWriteScope(input.actor),
  );
  const values = {
    kind: 'entities',
    file_name: storedFileName(input.fileName),
    content_sha256: hash,
    content: Buffer.from(input.bytes),
    format,
    encoding,
    status: 'previewed',
    row_count: rowCount,
    error_count: issues.length,
    errors: JSON.stringify(issues),
    preview: JSON.stringify(preview),
    created_by: accountOf(input.actor),
  };
  const row = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('import_batch')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['kind', 'content_sha256'])
          .doUpdateSet({
            file_name: values.file_name,
            status: 'previewed',
            row_count: values.row_count,
            error_count: values.error_count,
            errors: values.errors,
            preview: values.preview,
            created_by: values.created_by,
            failure: null,
            processed: 0,
          })
          // Never reopen a batch that is done or running (a concurrent preview of the same file).
          .where('import_batch.status', 'in', ['previewed', 'failed']),
      )
      .returning('id')
      .executeTakeFirst();
    const id = r?.id ?? existing?.id;
    if (id === undefined) throw new Error('import batch vanished');
    await recordAudit(trx, {
      ...auditActor(input.actor),
      action: 'registry.import.preview',
      outcome: issues.length ? 'failure' : 'success',
      entityType: 'import_batch',
      entityId: id,
      details: { fileName: values.file_name, sha256: hash, rows: rowCount, errors: issues.length, encoding },
    });
    return { id, fresh: r !== undefined };
  });
  const batch = (await findImportBatch(db, row.id))!;
  return { batch, alreadyImported: !row.fresh && (batch.status === 'done' || batch.status === 'importing') };
}

/** Marks a clean previewed batch as importing; false when it has errors or is not previewed. */
export async function startImport(db: Kysely<DB>, batchId: number, actor: Actor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('import_batch')
      .set({ status: 'importing', started_at: sql`now()`, processed: 0, failure: null })
      .where('id', '=', batchId)
      .where('status', '=', 'previewed')
      .where('error_count', '=', 0)
      .returning(['id', 'row_count'])
      .executeTakeFirst();
    if (!r) return false;
    await recordAudit(trx, {
      ...auditActor(actor),
      action: 'registry.import.start',
      entityType: 'import_batch',
      entityId: batchId,
      details: { rows: r.row_count },
    });
    return true;
  });
}

export interface ImportOutcome {
  status: 'done' | 'failed' | 'skipped';
  inserted: number;
  updated: number;
  unchanged: number;
  issues: ImportIssue[];
}

async function upsertChunk(trx: Kysely<DB>, rows: readonly ValidatedEntity[]): Promise<{ inserted: number; updated: number }> {
  const values = rows.map(entityColumns);
  const cols = [
    'regime_code',
    'kind',
    'name',
    'licence_no',
    'address',
    'brigade_id',
    'station_id',
    'contact_name',
    'contact_phone',
    'vehicle_counts',
    'risk_grade',
    'status',
    'registered_on',
    'closed_on',
  ] as const;
  const returned = await trx
    .insertInto('entity')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({ ...Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)])), updated_at: sql`now()` }))
        // Equal rows are left alone: re-importing the same data changes nothing, not even updated_at.
        .where(
          sql<boolean>`(${sql.join(cols.map((c) => sql.ref(`entity.${c}`)))}) is distinct from (${sql.join(cols.map((c) => sql.ref(`excluded.${c}`)))})`,
        ),
    )
    // xmax = 0 only for a freshly inserted row version.
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const inserted = returned.filter((r) => r.inserted).length;
  return { inserted, updated: returned.length - inserted };
}

/** Thrown inside the import transaction to roll it back when a stored row is outside the scope. */
class StoredOutOfScope extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super('stored entity out of scope');
  }
}

/** What the batch's uploader may write now (`registry.manage`, from its current grants). */
export async function importerScope(db: Kysely<DB>, userId: number): Promise<EntityScopeCheck> {
  const principal = { roles: await findRoleGrants(db, userId) };
  return (e) => can(principal, 'registry.manage', { regime: e.regime, brigadeId: e.brigadeId, stationId: e.stationId });
}

/**
 * Runs an `importing` batch: validates the stored file again, then upserts every row in one
 * transaction (all or nothing). Idempotent: a batch that is done is skipped. `onProgress` receives
 * the rows processed so far (the queue job's progress); the batch row is updated too.
 */
export async function runEntityImport(
  db: Kysely<DB>,
  batchId: number,
  opts: {
    onProgress?: (processed: number, total: number) => Promise<void> | void;
    chunkSize?: number;
    /**
     * Whether an error in the run marks the batch failed (default). A queue job that will be retried
     * passes false: the transaction rolled back, the batch stays `importing`, and the retry runs it.
     */
    failOnError?: boolean;
  } = {},
): Promise<ImportOutcome> {
  const b = await db
    .selectFrom('import_batch')
    .select(['id', 'status', 'content', 'created_by', 'kind'])
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!b || b.kind !== 'entities' || b.status !== 'importing' || !b.content) {
    return { status: 'skipped', inserted: 0, updated: 0, unchanged: 0, issues: [] };
  }
  const fail = async (issues: ImportIssue[], failure: string) => {
    await db
      .updateTable('import_batch')
      .set({ status: 'failed', errors: JSON.stringify(issues), error_count: issues.length, failure, finished_at: sql`now()` })
      .where('id', '=', batchId)
      .execute();
    return { status: 'failed' as const, inserted: 0, updated: 0, unchanged: 0, issues };
  };
  const read = await readRegistryFile(b.content);
  // The uploader's grants as they are now (a grant revoked since the preview no longer covers it).
  const inScope = await importerScope(db, b.created_by);
  const { entities, issues, rowCount } = validateEntityTable(read.table, { stations: await stationsOf(db), inScope });
  // A station removed since the preview, say: refused as a whole, with every row named.
  if (issues.length) return fail(issues, 'validation');

  const progress = async (n: number) => {
    // Outside the import transaction: visible to the polling page at once.
    await db
      .updateTable('import_batch')
      .set({ processed: n })
      .where('id', '=', batchId)
      .where('status', '=', 'importing')
      .execute();
    await opts.onProgress?.(n, rowCount);
  };
  try {
    const totals = await db.transaction().execute(async (trx) => {
      await setChangeContext(trx, b.created_by, `import:${batchId}`);
      // Issue 15: the stored rows this import would overwrite, locked and checked against the
      // uploader's scope in the transaction that writes them.
      const stored = await storedEntityScopes(
        trx,
        entities.map((e) => e.code),
        { forUpdate: true },
      );
      const refused = storedEntityScopeIssues(entities, stored, inScope);
      if (refused.length) throw new StoredOutOfScope(refused);
      let inserted = 0;
      let updated = 0;
      let processed = 0;
      for (const chunk of batches(entities, opts.chunkSize ?? IMPORT_CHUNK)) {
        const r = await upsertChunk(trx, chunk);
        inserted += r.inserted;
        updated += r.updated;
        processed += chunk.length;
        await progress(processed);
      }
      const unchanged = entities.length - inserted - updated;
      await trx
        .updateTable('import_batch')
        .set({ status: 'done', processed, inserted, updated, unchanged, finished_at: sql`now()` })
        .where('id', '=', batchId)
        .execute();
      const actor = await trx.selectFrom('app_user').select('username').where('id', '=', b.created_by).executeTakeFirst();
      await recordAudit(trx, {
        actorId: b.created_by,
        actorUsername: actor?.username ?? null,
        action: 'registry.import.done',
        entityType: 'import_batch',
        entityId: batchId,
        details: { rows: entities.length, inserted, updated, unchanged },
      });
      return { inserted, updated, unchanged };
    });
    return { status: 'done', ...totals, issues: [] };
  } catch (e) {
    if (e instanceof StoredOutOfScope) return fail(e.issues, 'validation');
    // The transaction rolled back: nothing was written. The error text names no row data.
    if (opts.failOnError ?? true) await fail([], (e as Error).message.slice(0, 500));
    throw e;
  }
}
