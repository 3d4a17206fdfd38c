import { bureauDate } from '@supervise/core';
import { markBatchEnqueued, maxEntityId, openReconcileRun, owedReconcileBatches, type LedgerBatchKey } from '@supervise/db';
import { jobIdFor, parseJobPayload } from '@supervise/queue';
import { registerProcessor, type ProcessorContext } from '../processor-context.js';
import { currentPeriods, periodSpan, type NamedPeriod } from './reconcile-period.js';
import { QUOTA_ID_SPAN, RECONCILE_ID_SPAN } from './reconcile-spans.js';

export { QUOTA_ID_SPAN, RECONCILE_ID_SPAN } from './reconcile-spans.js';
/** A range holding every entity id (a batch added by hand: complete alone). */
export const ALL_IDS = Number.MAX_SAFE_INTEGER;

/** A job in one of these states will run: the ledger leaves it alone. Anything else is lost or dead. */
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** The batches of one period: census batches over id ranges, and for the year quotas batches over wider ones. */
export function periodBatches(p: NamedPeriod, maxId: number): LedgerBatchKey[] {
  const out: LedgerBatchKey[] = [];
  // Campaigns and spot checks belong to the year (their period).
  if (p.kind === 'year')
    for (let after = 0; after < maxId; after += QUOTA_ID_SPAN)
      out.push({ periodKind: p.kind, periodStart: p.start, part: 'quotas', afterId: after, upToId: after + QUOTA_ID_SPAN });
  for (let after = 0; after < maxId; after += RECONCILE_ID_SPAN)
    out.push({ periodKind: p.kind, periodStart: p.start, part: 'census', afterId: after, upToId: after + RECONCILE_ID_SPAN });
  return out;
}

/**
 * Issue 4 §1: works out which periods to reconcile and records their batches in the ledger
 * (`reconcile_ledger`, Postgres) as wanted by a new run; then adds a job for every batch still owed,
 * in any period, whose job is not waiting or running. Issue 14 §3: a batch whose job was lost (keys
 * deleted, hash gone, failed for good) is re-added under a fresh id, so a lost key never leaves a
 * hole, and a doubled tick adds nothing while the first jobs are still queued.
 */
export const reconcileObligationsProcessor = registerProcessor('reconcile-obligations', async (payload, ctx) => {
  const periods: NamedPeriod[] =
    payload.periodKind === 'current'
      ? currentPeriods(bureauDate(ctx.now()))
      : [{ kind: payload.periodKind, start: payload.periodStart! }];
  for (const p of periods) periodSpan(p); // refuses a misaligned start before anything is queued
  const maxId = await maxEntityId(ctx.db);
  const run = await openReconcileRun(
    ctx.db,
    periods.flatMap((p) => periodBatches(p, maxId)),
  );
  const r = await addOwedBatches(ctx);
  ctx.log.info('reconcile fanned out', { periods: periods.map((p) => `${p.kind}.${p.start}`), run, ...r, maxEntityId: maxId });
  return { run, batches: r.added, live: r.live, readded: r.readded };
});

/**
 * A batch added this many times without being done is not added again: it fails for a reason a retry
 * will not cure, and the log says so at every pass (the hourly reconcile, the worker's watchdog).
 */
export const MAX_LEDGER_ENQUEUES = 50;

/**
 * Adds a job for every batch the ledger still owes whose job is not waiting or running: never added,
 * lost with the queue's keys, or failed for good (out of attempts, or stalled twice by killed
 * workers). Opens no new run, so the worker's watchdog calls it every minute at little cost.
 */
export async function addOwedBatches(
  ctx: Pick<ProcessorContext, 'db' | 'enqueue' | 'jobState' | 'log'>,
): Promise<{ added: number; live: number; readded: number; givenUp: number }> {
  let added = 0;
  let live = 0;
  let readded = 0;
  let givenUp = 0;
  for (const b of await owedReconcileBatches(ctx.db)) {
    if (b.jobId && LIVE_STATES.has(await ctx.jobState('reconcile-batch', b.jobId))) {
      live++;
      continue;
    }
    if (b.enqueues >= MAX_LEDGER_ENQUEUES) {
      givenUp++;
      continue;
    }
    const ledgerSeq = b.enqueues + 1;
    const input = {
      periodKind: b.periodKind,
      periodStart: b.periodStart,
      part: b.part,
      afterId: b.afterId,
      upToId: b.upToId,
      ledgerSeq,
    };
    const { jobId } = await ctx.enqueue('reconcile-batch', input);
    await markBatchEnqueued(ctx.db, b, jobId);
    added++;
    if (b.jobId) readded++;
  }
  if (readded > 0) ctx.log.error('reconcile batches whose job was lost or failed: added again', { readded });
  if (givenUp > 0)
    ctx.log.error('reconcile batches added too often without success: not added again', { givenUp, max: MAX_LEDGER_ENQUEUES });
  return { added, live, readded, givenUp };
}

/** The job id the ledger gives the n-th add of a batch (tests, drills). */
export function ledgerJobId(b: LedgerBatchKey, ledgerSeq: number): string {
  return jobIdFor('reconcile-batch', parseJobPayload('reconcile-batch', { ...b, ledgerSeq }));
}
