/**
 * What every drill stands on: its own database (cloned from the migrated template) with a synthetic
 * registry, its own Redis key prefix, and the figures it reports (missing and duplicate obligations).
 * Nothing here touches another database or another prefix: the Redis and the PostgreSQL are shared.
 */
import { DEFAULT_PLANNING_RULES, planPeriod } from '@supervise/core';
import {
  countOwedReconcileBatches,
  insertBrigades,
  insertEntities,
  insertOfficers,
  insertPoliceStations,
  listObligationKeys,
  obligationPeriod,
  readRegistrySnapshot,
  seedCalendarFromPackage,
  type Database,
  type NewEntity,
  type SnapshotEntity,
} from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { createProducer, createQueueFactory, type Producer, type QueueBackendConfig } from '@supervise/queue';
import { createTestQueueBackend, type TestQueueBackend } from '@supervise/queue/testing';
import { periodSpan, type NamedPeriod } from '../processors/reconcile-period.js';

/** The period every drill generates: November 2026, reconciled "today" 2026-11-27 10:00 (Asia/Shanghai). */
export const DRILL_MONTH: NamedPeriod = { kind: 'month', start: '2026-11-01' };
export const DRILL_TODAY = '2026-11-27';
export const DRILL_NOW = () => new Date('2026-11-27T02:00:00Z');

export interface DrillFixture {
  t: TestDatabase;
  backend: TestQueueBackend;
  config: QueueBackendConfig & { kind: 'redis' };
  producer: Producer;
  /** Drops the database and deletes the prefix's keys. */
  dispose(): Promise<void>;
}

export interface DrillFixtureOptions {
  /** Synthetic hotels (R09, monthly census). */
  entities: number;
  /** Officers rostered onto them (0: none, the census stays unrostered). Default 8. */
  officers?: number;
}

function syntheticHotels(n: number, from = 0): NewEntity[] {
  return Array.from({ length: n }, (_, i) => ({
    code: `DRL-${String(from + i).padStart(6, '0')}`,
    regime_code: 'R09',
    kind: 'hotel',
    name: `drill ${from + i}`,
    address: 'drill',
    brigade_id: 'B-DRL',
    station_id: i % 2 === 0 ? 'S-DRL-1' : 'S-DRL-2',
    registered_on: '2020-01-01',
  }));
}

export async function createDrillFixture(o: DrillFixtureOptions): Promise<DrillFixture> {
  const t = await createTestDatabase();
  try {
    await seedCalendarFromPackage(t.db);
    await insertBrigades(t.db, [{ id: 'B-DRL', name_zh: '演练大队', name_en: 'Drill brigade' }]);
    await insertPoliceStations(t.db, [
      { id: 'S-DRL-1', name_zh: '演练一所', name_en: 'Drill station 1' },
      { id: 'S-DRL-2', name_zh: '演练二所', name_en: 'Drill station 2' },
    ]);
    const officers = o.officers ?? 8;
    if (officers > 0)
      await insertOfficers(
        t.db,
        Array.from({ length: officers }, (_, i) => ({
          code: `DRL-O${i}`,
          name: `drill officer ${i}`,
          station_id: i % 2 === 0 ? 'S-DRL-1' : 'S-DRL-2',
          credential_no: `DC${i}`,
          credential_expires_on: '2030-12-31',
        })),
      );
    await insertEntities(t.db, syntheticHotels(o.entities), { batchSize: 1000 });
  } catch (e) {
    await t.drop();
    throw e;
  }
  const backend = createTestQueueBackend('redis', t.url);
  const config = backend.config as QueueBackendConfig & { kind: 'redis' };
  const producer = createProducer(createQueueFactory(config));
  return {
    t,
    backend,
    config,
    producer,
    async dispose() {
      await producer.close();
      await backend.cleanup();
      await t.db.destroy();
      await new Promise((r) => setTimeout(r, 200));
      await t.drop();
    },
  };
}

async function snapshot(db: Database): Promise<SnapshotEntity[]> {
  const all: SnapshotEntity[] = [];
  for await (const page of readRegistrySnapshot(db, { afterId: 0, upToId: null })) all.push(...page);
  return all;
}

/** The obligation keys core's planner says a period holds, from the whole registry at once. */
export async function expectedObligationKeys(db: Database, p: NamedPeriod): Promise<string[]> {
  const span = periodSpan(p);
  return planPeriod({ entities: await snapshot(db) }, DEFAULT_PLANNING_RULES, span)
    .filter((o) => {
      const op = obligationPeriod(o);
      return op.start === span.start && op.end === span.end;
    })
    .map((o) => o.key)
    .sort();
}

export interface GenerationFigures {
  expected: number;
  present: number;
  /** Expected obligations not in the table. */
  missing: number;
  /** Obligations the planner does not expect, plus census obligations with more than one live inspection. */
  duplicates: number;
  /** Live census inspections whose roster is not exactly two officers (a half-written roster). */
  partialRosters: number;
}

/** Compares a period's rows with what the planner expects. */
export async function generationFigures(db: Database, p: NamedPeriod): Promise<GenerationFigures> {
  const span = periodSpan(p);
  const expected = await expectedObligationKeys(db, p);
  const present = await listObligationKeys(db, { periodStart: span.start, periodEnd: span.end });
  const have = new Set(present);
  const want = new Set(expected);
  const doubled = await db
    .selectFrom('inspection')
    .select('obligation_id')
    .where('trigger', '=', 'census')
    .where('status', '<>', 'cancelled')
    .groupBy('obligation_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  const partial = await db
    .selectFrom('inspection as i')
    .leftJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
    .select('i.id')
    .where('i.status', '<>', 'cancelled')
    .groupBy('i.id')
    .having((eb) => eb.fn.count('io.officer_id'), '<>', 2)
    .execute();
  return {
    expected: expected.length,
    present: present.length,
    missing: expected.filter((k) => !have.has(k)).length,
    duplicates: present.filter((k) => !want.has(k)).length + doubled.length,
    partialRosters: partial.length,
  };
}

/** Census inspections of a period (live), to tell when rostering is complete. */
export async function rosteredCount(db: Database, p: NamedPeriod): Promise<number> {
  const span = periodSpan(p);
  const r = await db
    .selectFrom('inspection as i')
    .innerJoin('obligation as o', 'o.id', 'i.obligation_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('i.trigger', '=', 'census')
    .where('i.status', '<>', 'cancelled')
    .where('o.period_start', '=', span.start)
    .where('o.period_end', '=', span.end)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The generation is over: the obligations queue holds nothing waiting or running (the reconcile and
 * every batch it added; delayed jobs are the schedulers' next ticks, and a batch in backoff is still
 * owed in the ledger), the ledger owes nothing and every census obligation is rostered.
 */
export async function generationSettled(fx: DrillFixture, p: NamedPeriod, rostered: number): Promise<boolean> {
  const counts = await fx.producer
    .queue('obligations')
    .getJobCounts('waiting', 'active', 'prioritized')
    .catch(() => null); // the drill's own producer may be reconnecting
  if (!counts || Object.values(counts).some((n) => n > 0)) return false;
  return (await countOwedReconcileBatches(fx.t.db)) === 0 && (await rosteredCount(fx.t.db, p)) >= rostered;
}

/** Polls until `probe` is true or the time is up; returns whether it became true. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A small seeded generator (mulberry32): a drill's kill points are reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
