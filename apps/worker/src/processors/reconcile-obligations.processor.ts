import { bureauDate } from '@supervise/core';
import { maxEntityId } from '@supervise/db';
import { registerProcessor } from '../processor-context.js';
import { currentPeriods, periodSpan, type NamedPeriod } from './reconcile-period.js';

/**
 * Entity ids per census batch. Ranges are by id value (`(k·span, (k+1)·span]`), not by row count, so
 * a batch's job id stays the same however the registry grows: a doubled tick or a restart re-adds the
 * same ids, and only the top range is new when entities are registered.
 */
export const RECONCILE_ID_SPAN = 1000;
/** The quotas part reads the whole population of the campaign and spot-check kinds. */
export const ALL_IDS = Number.MAX_SAFE_INTEGER;

/**
 * Issue 4 §1: works out which periods to reconcile and fans out `reconcile-batch` jobs. It reads
 * only the highest entity id; the batches read the registry in keyset pages.
 */
export const reconcileObligationsProcessor = registerProcessor('reconcile-obligations', async (payload, ctx) => {
  const periods: NamedPeriod[] =
    payload.periodKind === 'current'
      ? currentPeriods(bureauDate(ctx.now()))
      : [{ kind: payload.periodKind, start: payload.periodStart! }];
  for (const p of periods) periodSpan(p); // refuses a misaligned start before anything is queued
  const maxId = await maxEntityId(ctx.db);
  let batches = 0;
  for (const p of periods) {
    // Campaigns and spot checks belong to the year (their period); one job plans them all.
    if (p.kind === 'year') {
      await ctx.enqueue('reconcile-batch', {
        periodKind: p.kind,
        periodStart: p.start,
        part: 'quotas',
        afterId: 0,
        upToId: ALL_IDS,
      });
      batches++;
    }
    for (let after = 0; after < maxId; after += RECONCILE_ID_SPAN) {
      await ctx.enqueue('reconcile-batch', {
        periodKind: p.kind,
        periodStart: p.start,
        part: 'census',
        afterId: after,
        upToId: after + RECONCILE_ID_SPAN,
      });
      batches++;
    }
  }
  ctx.log.info('reconcile fanned out', { periods: periods.map((p) => `${p.kind}.${p.start}`), batches, maxEntityId: maxId });
  return { batches };
});
