/**
 * Issue 8 §4: a first start does not flood. With the system in service from 2026-11-20, the year's
 * reconcile creates no campaign obligation whose window ended before that day (the first three
 * quarters' campaigns, which nobody could have run), and the alert scan raises nothing due before it.
 */
import { DEFAULT_PLANNING_RULES, planPeriod } from '@supervise/core';
import {
  readRegistrySnapshot,
  seedCalendarFromPackage,
  seedDemo,
  writeInServiceFrom,
  type Database,
  type SnapshotEntity,
} from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import type { Job } from '@supervise/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from './logger.js';
import type { ProcessorContext } from './processor-context.js';
import { ALL_IDS } from './processors/reconcile-obligations.processor.js';
import { reconcileBatchProcessor } from './processors/reconcile-batch.processor.js';
import { scanAlertsProcessor } from './processors/scan-alerts.processor.js';

const IN_SERVICE = '2026-11-20';
const NOW = new Date('2026-11-27T10:00:00+08:00');

let t: TestDatabase;
let db: Database;

/** A processor context for calling a processor directly, as one job run would (no fan-out needed). */
function ctx(): ProcessorContext {
  return {
    db,
    workerId: 'in-service-test',
    queueBackend: 'redis',
    now: () => NOW,
    log: silentLogger,
    job: { opts: { attempts: 1 }, attemptsMade: 0 } as unknown as Job,
    signal: new AbortController().signal,
    jobState: async () => 'unknown',
    enqueue: async (name) => ({ jobId: `${name}.not-queued` }),
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  await seedDemo(db, { today: '2026-11-27' });
  await seedCalendarFromPackage(db);
  await writeInServiceFrom(db, IN_SERVICE, null);
});

afterAll(async () => {
  await t?.drop();
});

describe('in service from 2026-11-20', () => {
  it('the year reconcile creates only the campaigns whose window ends on or after that day', async () => {
    const all: SnapshotEntity[] = [];
    for await (const page of readRegistrySnapshot(db, { afterId: 0, upToId: null })) all.push(...page);
    const planned = planPeriod({ entities: all }, DEFAULT_PLANNING_RULES, { start: '2026-01-01', end: '2026-12-31' }).filter(
      (o) => o.type !== 'census',
    );
    // Without the bound the year holds campaigns of Q1–Q3 as well.
    expect(planned.some((o) => o.window.end < IN_SERVICE)).toBe(true);
    const kept = planned.filter((o) => o.window.end >= IN_SERVICE).map((o) => o.key);
    expect(kept.length).toBeGreaterThan(0);

    await reconcileBatchProcessor.process(
      { periodKind: 'year', periodStart: '2026-01-01', part: 'quotas', afterId: 0, upToId: ALL_IDS, ledgerSeq: 0 },
      ctx(),
    );
    const stored = await db
      .selectFrom('obligation')
      .select(['key', 'window_end'])
      .where('type', '!=', 'census')
      .where('period_start', '=', '2026-01-01')
      .execute();
    expect(stored.map((o) => o.key).sort()).toEqual(kept.sort());
    expect(stored.every((o) => String(o.window_end) >= IN_SERVICE)).toBe(true);
  });

  it('the alert scan raises nothing due before that day, and what is due after it as before', async () => {
    const entity = await db
      .selectFrom('entity')
      .select('id')
      .where('regime_code', '=', 'R09')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const obligation = (key: string, start: string, end: string) =>
      db
        .insertInto('obligation')
        .values({
          key,
          type: 'census',
          regime: 'R09',
          rule_id: 'R09-PATROL-HOTEL',
          rule_version: 'R09@2026-01-01',
          kind: 'test',
          entity_id: entity.id,
          period_start: start,
          period_end: end,
          window_start: start,
          window_end: end,
          clause: 'test',
          quota_source: 'rulebook',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const before = await obligation('test:ended-before-service', '2026-10-01', '2026-10-31');
    const after = await obligation('test:due-after-service', '2026-11-01', '2026-11-30');

    const stats = (await scanAlertsProcessor.process({}, ctx())) as { skippedBeforeService: number };
    expect(stats.skippedBeforeService).toBeGreaterThan(0);
    const alerts = await db.selectFrom('alert').select(['due_on', 'obligation_id']).execute();
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => String(a.due_on) >= IN_SERVICE)).toBe(true);
    expect(alerts.some((a) => a.obligation_id === after.id)).toBe(true);
    expect(alerts.some((a) => a.obligation_id === before.id)).toBe(false);
  });
});
