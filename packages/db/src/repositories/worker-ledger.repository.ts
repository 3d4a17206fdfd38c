/**
 * The worker's own record of its work (issue 14 §3, issue 15 §2–3), so that what the queue loses
 * never leaves a hole: the reconcile's ledger of batches owed per period, and the checkpoints where a
 * long job stopped on SIGTERM. Postgres is the truth; the queue only delivers.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

type Db = Kysely<DB>;

export type LedgerPeriodKind = 'month' | 'two_months' | 'quarter' | 'year';

export interface LedgerBatchKey {
  periodKind: LedgerPeriodKind;
  periodStart: string;
  part: 'census' | 'quotas';
  afterId: number;
  upToId: number;
}

export interface OwedBatch extends LedgerBatchKey {
  wantedRun: number;
  doneRun: number;
  /** How many times a job was added for it (the next fresh job id uses enqueues + 1). */
  enqueues: number;
  /** The job added last (null: never added). */
  jobId: string | null;
}

/**
 * Opens a reconcile run: takes a run number and records every batch of it as wanted by this run (new
 * ranges inserted, known ones raised). Returns the run number.
 */
export async function openReconcileRun(db: Db, batches: readonly LedgerBatchKey[]): Promise<number> {
  const { run } = await sql<{ run: string }>`select nextval('reconcile_run_seq') as run`.execute(db).then((r) => r.rows[0]!);
  const wanted = Number(run);
  for (let i = 0; i < batches.length; i += 1000) {
    const chunk = batches.slice(i, i + 1000);
    await db
      .insertInto('reconcile_ledger')
      .values(
        chunk.map((b) => ({
          period_kind: b.periodKind,
          period_start: b.periodStart,
          part: b.part,
          after_id: b.afterId,
          up_to_id: b.upToId,
          wanted_run: wanted,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['period_kind', 'period_start', 'part', 'after_id']).doUpdateSet((eb) => ({
          up_to_id: eb.ref('excluded.up_to_id'),
          wanted_run: eb.ref('excluded.wanted_run'),
        })),
      )
      .execute();
  }
  return wanted;
}

const owedColumns = [
  'period_kind as periodKind',
  'period_start as periodStart',
  'part',
  'after_id as afterId',
  'up_to_id as upToId',
  'wanted_run as wantedRun',
  'done_run as doneRun',
  'enqueues',
  'job_id as jobId',
] as const;

function toOwed(r: {
  periodKind: string;
  periodStart: unknown;
  part: string;
  afterId: string | number;
  upToId: string | number;
  wantedRun: string | number;
  doneRun: string | number;
  enqueues: number;
  jobId: string | null;
}): OwedBatch {
  return {
    periodKind: r.periodKind as LedgerPeriodKind,
    periodStart: String(r.periodStart),
    part: r.part as 'census' | 'quotas',
    afterId: Number(r.afterId),
    upToId: Number(r.upToId),
    wantedRun: Number(r.wantedRun),
    doneRun: Number(r.doneRun),
    enqueues: r.enqueues,
    jobId: r.jobId,
  };
}

/** Every batch still owed (done by no run since it was last wanted), oldest period first. */
export async function owedReconcileBatches(db: Db, opts: { limit?: number } = {}): Promise<OwedBatch[]> {
  const rows = await db
    .selectFrom('reconcile_ledger')
    .select(owedColumns)
    .whereRef('done_run', '<', 'wanted_run')
    .orderBy('period_start')
    .orderBy('period_kind')
    .orderBy('part')
    .orderBy('after_id')
    .limit(opts.limit ?? 100_000)
    .execute();
  return rows.map(toOwed);
}

export async function countOwedReconcileBatches(db: Db): Promise<number> {
  const r = await db
    .selectFrom('reconcile_ledger')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .whereRef('done_run', '<', 'wanted_run')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Records that a job was added for a batch under `jobId` (counts the enqueues). */
export async function markBatchEnqueued(db: Db, b: LedgerBatchKey, jobId: string): Promise<void> {
  await db
    .updateTable('reconcile_ledger')
    .set((eb) => ({ enqueues: eb('enqueues', '+', 1), job_id: jobId, enqueued_at: sql`now()` }))
    .where('period_kind', '=', b.periodKind)
    .where('period_start', '=', b.periodStart)
    .where('part', '=', b.part)
    .where('after_id', '=', b.afterId)
    .execute();
}

/** The run a batch is wanted by right now (0: not in the ledger, e.g. added by hand). */
export async function wantedRunOf(db: Db, b: LedgerBatchKey): Promise<number> {
  const r = await db
    .selectFrom('reconcile_ledger')
    .select('wanted_run')
    .where('period_kind', '=', b.periodKind)
    .where('period_start', '=', b.periodStart)
    .where('part', '=', b.part)
    .where('after_id', '=', b.afterId)
    .executeTakeFirst();
  return r ? Number(r.wanted_run) : 0;
}

/**
 * Marks a batch done for `run` (the wanted run it read when it started: the work it did reflects the
 * database from then on). Never moves done_run backwards.
 */
export async function markBatchDone(db: Db, b: LedgerBatchKey, run: number): Promise<void> {
  if (run <= 0) return;
  await db
    .updateTable('reconcile_ledger')
    .set((eb) => ({ done_run: eb.fn('greatest', [eb.ref('done_run'), sql<string>`${run}::bigint`]), done_at: sql`now()` }))
    .where('period_kind', '=', b.periodKind)
    .where('period_start', '=', b.periodStart)
    .where('part', '=', b.part)
    .where('after_id', '=', b.afterId)
    .execute();
}

// ---------------------------------------------------------------------------------------------------
// Checkpoints of long jobs.

/** Where a long job stopped; `null` when it has none (start from the beginning). */
export async function readJobCheckpoint<T>(db: Db, jobKey: string): Promise<T | null> {
  const r = await db.selectFrom('job_checkpoint').select('position').where('job_key', '=', jobKey).executeTakeFirst();
  return r ? (r.position as T) : null;
}

export async function saveJobCheckpoint(db: Db, jobKey: string, position: unknown): Promise<void> {
  await db
    .insertInto('job_checkpoint')
    .values({ job_key: jobKey, position: JSON.stringify(position) })
    .onConflict((oc) => oc.column('job_key').doUpdateSet({ position: JSON.stringify(position), saved_at: sql`now()` }))
    .execute();
}

export async function clearJobCheckpoint(db: Db, jobKey: string): Promise<void> {
  await db.deleteFrom('job_checkpoint').where('job_key', '=', jobKey).execute();
}

// ---------------------------------------------------------------------------------------------------
// The year's quotas, counted in bounded batches (issue 14 §3).

/** One population a quota batch counted over its id range: entities of `kind` active in [start, end]. */
export interface QuotaCount {
  kind: string;
  start: string;
  end: string;
  n: number;
}

export const quotaCountKey = (c: { kind: string; start: string; end: string }): string => `${c.kind}|${c.start}|${c.end}`;

/**
 * Stores what a quotas batch counted over its id range, under the reconcile run it worked for
 * (replacing what an earlier run of the same range stored).
 */
export async function saveQuotaCounts(db: Db, b: LedgerBatchKey, run: number, counts: readonly QuotaCount[]): Promise<void> {
  const row = {
    period_kind: b.periodKind,
    period_start: b.periodStart,
    after_id: b.afterId,
    up_to_id: b.upToId,
    run,
    counts: JSON.stringify(counts),
  };
  await db
    .insertInto('reconcile_quota_count')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['period_kind', 'period_start', 'after_id'])
        .doUpdateSet({ up_to_id: row.up_to_id, run: row.run, counts: row.counts, counted_at: sql`now()` }),
    )
    .execute();
}

/**
 * The populations of a period summed over its quota ranges, once every range the ledger holds for
 * the period has been counted for the run it is wanted by, with every population in `keys`; null
 * while one is missing (the last range to finish plans the quotas). A batch outside the ledger
 * (none of the period's quota ranges recorded) is complete alone when it covers (0, maxEntityId].
 */
export async function quotaCountsWhenComplete(
  db: Db,
  b: LedgerBatchKey,
  keys: readonly string[],
  maxEntityId: number,
): Promise<Map<string, number> | null> {
  const rows = await db
    .selectFrom('reconcile_ledger as l')
    .leftJoin('reconcile_quota_count as c', (j) =>
      j
        .onRef('c.period_kind', '=', 'l.period_kind')
        .onRef('c.period_start', '=', 'l.period_start')
        .onRef('c.after_id', '=', 'l.after_id')
        .onRef('c.up_to_id', '=', 'l.up_to_id')
        .onRef('c.run', '>=', 'l.wanted_run'),
    )
    .select(['l.after_id', 'c.counts'])
    .where('l.period_kind', '=', b.periodKind)
    .where('l.period_start', '=', b.periodStart)
    .where('l.part', '=', 'quotas')
    .execute();
  let parts: unknown[];
  if (rows.length > 0) {
    if (rows.some((r) => r.counts === null)) return null;
    parts = rows.map((r) => r.counts);
  } else {
    if (b.afterId > 0 || b.upToId < maxEntityId) return null;
    const own = await db
      .selectFrom('reconcile_quota_count')
      .select('counts')
      .where('period_kind', '=', b.periodKind)
      .where('period_start', '=', b.periodStart)
      .where('after_id', '=', b.afterId)
      .executeTakeFirst();
    if (!own) return null;
    parts = [own.counts];
  }
  const totals = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const part of parts) {
    const byKey = new Map((part as QuotaCount[]).map((c) => [quotaCountKey(c), c.n]));
    for (const k of keys) {
      const n = byKey.get(k);
      // Counted for other rules (an older version of the worker): not a population of this plan.
      if (n === undefined) return null;
      totals.set(k, totals.get(k)! + n);
    }
  }
  return totals;
}
