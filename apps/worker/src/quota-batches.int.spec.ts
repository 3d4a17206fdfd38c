/**
 * Issue 14 §3: the year's campaign and spot-check quotas are planned in bounded batches over entity-id
 * ranges (each counts its range's populations; the last to finish plans from the sums), through the
 * reconcile ledger like the census batches. The quotas must be those one pass over the whole registry
 * gives, however the work is split, re-run or interrupted by a new run.
 */
import { DEFAULT_PLANNING_RULES, isInService, planPeriod, type Obligation } from '@supervise/core';
import {
  inServiceFrom,
  maxEntityId,
  obligationPeriod,
  openReconcileRun,
  readRegistrySnapshot,
  seedDemo,
  type LedgerBatchKey,
  type SnapshotEntity,
} from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import type { Job } from '@supervise/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';
import type { ProcessorContext } from './processor-context.js';
import { reconcileBatchProcessor } from './processors/reconcile-batch.processor.js';
import { QUOTA_ID_SPAN, periodBatches } from './processors/reconcile-obligations.processor.js';

const NOW = new Date('2026-11-27T10:00:00+08:00');
const YEAR = { start: '2026-01-01', end: '2026-12-31' };

let t: TestDatabase;

const ctx = (): ProcessorContext => ({
  db: t.db,
  workerId: 'quota-batches-test',
  queueBackend: 'redis',
  now: () => NOW,
  log: silentLogger,
  job: { opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job,
  signal: new AbortController().signal,
  jobState: async () => 'unknown',
  enqueue: async (name) => ({ jobId: `${name}.not-queued` }),
});

const run = (b: LedgerBatchKey) =>
  reconcileBatchProcessor.process({ ...b, ledgerSeq: 1 }, ctx()) as Promise<{ planned: number; inserted: number }>;

/** The quotas as stored: key, population and the quota's count, by key. */
async function storedQuotas(): Promise<string[]> {
  const rows = await t.db
    .selectFrom('obligation')
    .select(['key', 'population', 'min_count', 'max_count', 'window_start', 'window_end'])
    .where('type', '!=', 'census')
    .where('period_start', '=', YEAR.start)
    .orderBy('key')
    .execute();
  return rows.map((r) => `${r.key} ${r.population} ${r.min_count} ${r.max_count} ${r.window_start}..${r.window_end}`);
}

/** What one pass of core's planner over the whole registry gives for the year's quotas. */
async function onePass(): Promise<string[]> {
  const all: SnapshotEntity[] = [];
  for await (const page of readRegistrySnapshot(t.db, { afterId: 0, upToId: null })) all.push(...page);
  const inService = await inServiceFrom(t.db);
  const quotas = planPeriod({ entities: all }, DEFAULT_PLANNING_RULES, YEAR).filter((o: Obligation) => {
    const p = obligationPeriod(o);
    return o.type !== 'census' && p.start === YEAR.start && p.end === YEAR.end && isInService(o.window.end, inService);
  });
  return quotas
    .map((o) => {
      const min = o.type === 'campaign' ? o.minCount : null;
      const max = o.type === 'spot_check' ? o.maxCount : null;
      return `${o.key} ${o.type === 'census' ? null : o.population} ${min} ${max} ${o.window.start}..${o.window.end}`;
    })
    .sort();
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
});
afterAll(async () => {
  await t?.drop();
});

describe("the year's quotas in bounded batches (issue 14 §3)", () => {
  it('the ledger cuts the year into quota ranges of QUOTA_ID_SPAN ids beside the census ranges', async () => {
    const maxId = await maxEntityId(t.db);
    const quotas = periodBatches({ kind: 'year', start: YEAR.start }, maxId).filter((b) => b.part === 'quotas');
    expect(quotas.length).toBe(Math.ceil(maxId / QUOTA_ID_SPAN));
    expect(quotas.every((b) => b.upToId - b.afterId === QUOTA_ID_SPAN)).toBe(true);
  });

  it('planned when the last range is counted, equal to one pass over the registry; a re-run batch, a lost row and a new run', async () => {
    const maxId = await maxEntityId(t.db);
    // Narrow ranges, so the demo registry is split into several batches.
    const span = Math.ceil(maxId / 4);
    const ranges: LedgerBatchKey[] = [];
    for (let after = 0; after < maxId; after += span)
      ranges.push({ periodKind: 'year', periodStart: YEAR.start, part: 'quotas', afterId: after, upToId: after + span });
    expect(ranges.length).toBe(4);
    const expected = await onePass();
    expect(expected.length).toBeGreaterThan(0);

    await openReconcileRun(t.db, ranges);
    // Out of order; nothing is planned from a part of the registry.
    const order = [ranges[2]!, ranges[0]!, ranges[3]!, ranges[1]!];
    for (const b of order.slice(0, -1)) {
      expect(await run(b)).toMatchObject({ planned: 0, inserted: 0 });
      expect(await storedQuotas()).toEqual([]);
    }
    expect(await run(order[3]!)).toMatchObject({ planned: expected.length, inserted: expected.length });
    expect(await storedQuotas()).toEqual(expected);

    // One batch run again (a doubled job, a retry): the same plan, nothing inserted.
    expect(await run(ranges[1]!)).toMatchObject({ planned: expected.length, inserted: 0 });
    expect(await storedQuotas()).toEqual(expected);

    // A quota row lost: any batch of the period, run again, puts it back.
    await t.db.deleteFrom('obligation').where('key', '=', expected[0]!.split(' ')[0]!).execute();
    expect(await run(ranges[3]!)).toMatchObject({ inserted: 1 });
    expect(await storedQuotas()).toEqual(expected);

    // A new reconcile run: counts of the previous run do not complete it; the new run's do.
    await openReconcileRun(t.db, ranges);
    await t.db.deleteFrom('obligation').where('key', '=', expected[1]!.split(' ')[0]!).execute();
    expect(await run(ranges[0]!)).toMatchObject({ planned: 0 });
    expect(await storedQuotas()).toHaveLength(expected.length - 1);
    for (const b of ranges.slice(1)) await run(b);
    expect(await storedQuotas()).toEqual(expected);
  });
});
