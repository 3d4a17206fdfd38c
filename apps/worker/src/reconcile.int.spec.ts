/**
 * Period generation and census rosters against the real services (issue 4 §1, §3, §7). Outcomes are
 * read from Postgres, never from QueueEvents. Redis only: each describe has its own key prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PLANNING_RULES, planPeriod } from '@supervise/core';
import {
  countObligations,
  insertBrigades,
  insertEntities,
  insertOfficers,
  insertPoliceStations,
  listCensusRosters,
  listObligationKeys,
  obligationPeriod,
  obligationRowHashes,
  actorForUsername,
  changeRoster,
  countRosterOverrides,
  readRegistrySnapshot,
  seedCalendarFromPackage,
  seedDemo,
  type Database,
  type NewEntity,
  type SnapshotEntity,
} from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { createProducer, createQueueFactory, type Producer, type QueueBackendConfig } from '@supervise/queue';
import {
  createTestQueueBackend,
  deleteRedisPrefix,
  eventually,
  testRedisUrl,
  type TestQueueBackend,
} from '@supervise/queue/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTA_ID_SPAN, RECONCILE_ID_SPAN, periodBatches } from './processors/reconcile-obligations.processor.js';
import { periodSpan, type NamedPeriod } from './processors/reconcile-period.js';
import { startWorker, type RunningWorker } from './start-worker.js';

const TODAY = '2026-11-27';
const NOW = () => new Date('2026-11-27T02:00:00Z'); // 10:00 in Asia/Shanghai
const CURRENT: NamedPeriod[] = [
  { kind: 'month', start: '2026-11-01' },
  { kind: 'two_months', start: '2026-11-01' },
  { kind: 'quarter', start: '2026-10-01' },
  { kind: 'year', start: '2026-01-01' },
];

async function snapshot(db: Database): Promise<SnapshotEntity[]> {
  const all: SnapshotEntity[] = [];
  for await (const page of readRegistrySnapshot(db, { afterId: 0, upToId: null })) all.push(...page);
  return all;
}

/** What core's planner says a period must hold, computed from the whole registry at once. */
async function expectedKeys(db: Database, p: NamedPeriod): Promise<string[]> {
  const span = periodSpan(p);
  return planPeriod({ entities: await snapshot(db) }, DEFAULT_PLANNING_RULES, span)
    .filter((o) => {
      const op = obligationPeriod(o);
      return op.start === span.start && op.end === span.end;
    })
    .map((o) => o.key)
    .sort();
}

async function batchesFinished(db: Database, minRuns = 1): Promise<number> {
  const r = await db
    .selectFrom('reconcile_batch')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('runs', '>=', minRuns)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const sortedKeys = (keys: string[]) => [...keys].sort();

describe('reconcile on the demo registry', () => {
  let t: TestDatabase;
  let backend: TestQueueBackend;
  let producer: Producer;
  let worker: RunningWorker;
  let maxId: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { today: TODAY });
    await seedCalendarFromPackage(t.db);
    backend = createTestQueueBackend('redis', t.url);
    producer = createProducer(createQueueFactory(backend.config));
    worker = await startWorker({ db: t.db, queueConfig: backend.config, workerId: 'reconcile-demo', concurrency: 1, now: NOW });
    maxId = Number(
      (
        await t.db
          .selectFrom('entity')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await producer?.close();
    await backend?.cleanup();
    await t?.db.destroy();
    await new Promise((r) => setTimeout(r, 200));
    await t?.drop();
  });

  it('declares the reconcile schedulers (hourly and daily, Asia/Shanghai)', async () => {
    expect(worker.schedulerIds).toEqual(
      expect.arrayContaining(['worker-heartbeat', 'reconcile-obligations.hourly', 'reconcile-obligations.daily']),
    );
    const s = await producer.queue('obligations').getJobScheduler('reconcile-obligations.daily');
    expect(s?.pattern).toBe('10 0 * * *');
    expect(s?.tz).toBe('Asia/Shanghai');
  });

  it('generates the current periods as planPeriod says, and a second generation gives identical rows', async () => {
    // Census ranges for every period, quota ranges for the year.
    const expectedBatches = CURRENT.flatMap((p) => periodBatches(p, maxId)).length;
    expect(expectedBatches).toBe(CURRENT.length * Math.ceil(maxId / RECONCILE_ID_SPAN) + Math.ceil(maxId / QUOTA_ID_SPAN));
    await producer.add('reconcile-obligations', { periodKind: 'current', periodStart: null });
    await eventually(async () => ((await batchesFinished(t.db)) === expectedBatches ? true : undefined), { timeoutMs: 300_000 });
    for (const p of CURRENT) {
      const span = periodSpan(p);
      expect(await listObligationKeys(t.db, { periodStart: span.start, periodEnd: span.end })).toEqual(
        await expectedKeys(t.db, p),
      );
    }
    const first = await obligationRowHashes(t.db);
    const inspections = await t.db
      .selectFrom('inspection')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(first.length).toBeGreaterThan(100);
    expect(await countObligations(t.db, { type: 'campaign' })).toBeGreaterThan(0);

    // The same period again (a doubled tick, a rerun): nothing changes.
    await producer.add('reconcile-obligations', { periodKind: 'current', periodStart: null });
    await eventually(async () => ((await batchesFinished(t.db, 2)) === expectedBatches ? true : undefined), {
      timeoutMs: 300_000,
    });
    expect(await obligationRowHashes(t.db)).toEqual(first);
    const again = await t.db
      .selectFrom('inspection')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(again.n).toBe(inspections.n);
  });

  it('rosters census inspections: two distinct officers, available, load spread bounded per unit', async () => {
    // Only the reconcile's inspections (the demo's history has census inspections of its own).
    const rosters = (await listCensusRosters(t.db, { from: '2026-01-01', to: '2026-12-31' })).filter(
      (r) => r.obligationId !== null,
    );
    const census = await countObligations(t.db, { type: 'census' });
    const unrostered = await t.db
      .selectFrom('reconcile_batch')
      .select((eb) => eb.fn.sum<string>('unrostered').as('n'))
      .executeTakeFirstOrThrow();
    expect(rosters.length + Number(unrostered.n ?? 0)).toBe(census);
    expect(rosters.length).toBeGreaterThan(0);
    const officers = new Map(
      (await t.db.selectFrom('officer').select(['id', 'credential_expires_on', 'station_id', 'brigade_id']).execute()).map(
        (o) => [Number(o.id), o],
      ),
    );
    const leaves = await t.db.selectFrom('officer_leave').select(['officer_id', 'from_on', 'to_on']).execute();
    const recusals = await t.db
      .selectFrom('officer_recusal')
      .select(['officer_id', 'entity_id'])
      .where('withdrawn_on', 'is', null)
      .execute();
    const recused = new Set(recusals.map((r) => `${r.officer_id}|${r.entity_id}`));
    for (const r of rosters) {
      expect(r.officerIds).toHaveLength(2);
      expect(new Set(r.officerIds).size).toBe(2);
      for (const id of r.officerIds) {
        expect(recused.has(`${id}|${r.entityId}`)).toBe(false);
        expect(leaves.some((l) => Number(l.officer_id) === id && l.from_on <= r.plannedOn && l.to_on >= r.plannedOn)).toBe(false);
        expect(officers.get(id)!.credential_expires_on! >= r.plannedOn).toBe(true);
      }
    }
    // Load spread over the inspections planned from today on, per unit, officers not on leave.
    const month = await t.db
      .selectFrom('inspection_officer as io')
      .innerJoin('inspection as i', 'i.id', 'io.inspection_id')
      .innerJoin('obligation as o', 'o.id', 'i.obligation_id')
      .select(['io.officer_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('i.planned_on', '>=', TODAY)
      .groupBy('io.officer_id')
      .execute();
    const byUnit = new Map<string, number[]>();
    const onLeave = new Set(leaves.filter((l) => l.from_on <= '2026-11-30' && l.to_on >= TODAY).map((l) => Number(l.officer_id)));
    for (const row of month) {
      const o = officers.get(Number(row.officer_id))!;
      if (onLeave.has(Number(row.officer_id))) continue;
      const unit = o.station_id ?? o.brigade_id!;
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), Number(row.n)]);
    }
    // The greedy balances each officer's TOTAL live load over the obligation's window, which includes
    // the demo's earlier inspections and leave days; so the new assignments alone are balanced only
    // relative to that history. Measured on the demo: ≤ 29 % of the busiest officer's load; we bound
    // it at 35 % (2-officer units are always exactly equal: both go on every inspection).
    const units = [...byUnit.values()].filter((v) => v.length >= 2);
    expect(units.length).toBeGreaterThan(0);
    for (const v of units) expect(Math.max(...v) - Math.min(...v)).toBeLessThanOrEqual(Math.ceil(0.35 * Math.max(...v)));
    // Days: spread over the remaining working days (27 and 30 November 2026).
    const days = new Set(rosters.filter((r) => r.plannedOn >= TODAY && r.plannedOn <= '2026-11-30').map((r) => r.plannedOn));
    expect([...days].sort()).toEqual(['2026-11-27', '2026-11-30']);
  });

  it('a roster override refuses a recused officer, accepts an available one and logs it', async () => {
    const [r] = (await listCensusRosters(t.db, { from: TODAY, to: '2026-11-30' })).filter((x) => x.obligationId !== null);
    const codes = await t.db
      .selectFrom('officer')
      .select(['id', 'code'])
      .where('id', 'in', r!.officerIds)
      .orderBy('code')
      .execute();
    // Colleagues of the entity's responsible unit (its station's officers, its brigade's): a roster
    // change keeps to them.
    const unit = await t.db
      .selectFrom('entity')
      .select(['brigade_id', 'station_id'])
      .where('id', '=', r!.entityId)
      .executeTakeFirstOrThrow();
    const colleagues = await t.db
      .selectFrom('officer')
      .select(['id', 'code'])
      .where((eb) =>
        eb.or([
          eb.and([eb('brigade_id', '=', unit.brigade_id), eb('station_id', 'is', null)]),
          ...(unit.station_id ? [eb('station_id', '=', unit.station_id)] : []),
        ]),
      )
      .where('active', '=', true)
      .where('credential_expires_on', '>=', '2027-12-31')
      .where('id', 'not in', r!.officerIds)
      .orderBy('code')
      .execute();
    // Free of leave on the planned day, not recused already.
    const free = [];
    for (const c of colleagues) {
      const leave = await t.db
        .selectFrom('officer_leave')
        .select('id')
        .where('officer_id', '=', c.id)
        .where('from_on', '<=', r!.plannedOn)
        .where('to_on', '>=', r!.plannedOn)
        .executeTakeFirst();
      const rec = await t.db
        .selectFrom('officer_recusal')
        .select('id')
        .where('officer_id', '=', c.id)
        .where('entity_id', '=', r!.entityId)
        .executeTakeFirst();
      if (!leave && !rec) free.push(c);
    }
    expect(free.length).toBeGreaterThanOrEqual(2);
    const [recusedOfficer, available] = free;
    await t.db
      .insertInto('officer_recusal')
      .values({ officer_id: recusedOfficer!.id, entity_id: r!.entityId, reason: 'test: relative', declared_on: '2026-11-01' })
      .execute();
    const input = {
      inspectionId: r!.inspectionId,
      replaceOfficerCode: codes[0]!.code,
      reason: '因病调整',
    };
    // The demo scheduler's account, as a scheduler of the entity's brigade (whichever it is).
    const scheduler = {
      ...(await actorForUsername(t.db, 'scheduler', 'cli'))!,
      principal: { roles: [{ role: 'scheduler', brigadeId: unit.brigade_id }] },
    };
    const before = await countRosterOverrides(t.db, { from: '2000-01-01', to: '2100-12-31' });

    const refused = await changeRoster(t.db, scheduler, { ...input, withOfficerCode: recusedOfficer!.code });
    expect(refused).toMatchObject({ ok: false, code: 'OFFICER_UNAVAILABLE', unavailability: ['recused'] });

    const ok = await changeRoster(t.db, scheduler, { ...input, withOfficerCode: available!.code });
    expect(ok.ok).toBe(true);
    expect(ok.ok && ok.officerCodes).toEqual([codes[1]!.code, available!.code].sort());
    const log = await t.db.selectFrom('roster_override').selectAll().where('inspection_id', '=', r!.inspectionId).execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.reason).toBe('因病调整');
    expect(await countRosterOverrides(t.db, { from: '2000-01-01', to: '2100-12-31' })).toBe(before + 1);
  });
});

// ---------------------------------------------------------------------------------------------------

const WORKER_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');
const SYNTHETIC = 20_000;

function spawnWorker(url: string, config: QueueBackendConfig & { kind: 'redis' }): ChildProcess {
  return spawn(process.execPath, [WORKER_MAIN], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      REDIS_URL: config.url,
      QUEUE_PREFIX: config.prefix,
      WORKER_ID: 'kill-test',
      WORKER_CONCURRENCY: '2',
      // A SIGKILLed worker's active job is re-delivered after about lock + stalled interval.
      WORKER_LOCK_DURATION_MS: '4000',
      WORKER_STALLED_INTERVAL_MS: '2000',
      // This test times one reconcile: no catch-up jobs of its own at start.
      WORKER_CATCH_UP: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

describe('kill -9 and a lost Redis in the middle of a 20,000-entity generation', () => {
  let t: TestDatabase;
  let backend: TestQueueBackend;
  let config: QueueBackendConfig & { kind: 'redis' };
  let producer: Producer;
  let child: ChildProcess | undefined;
  const month: NamedPeriod = { kind: 'month', start: '2026-11-01' };
  const span = periodSpan(month);

  const syntheticHotels = (n: number, from: number): NewEntity[] =>
    Array.from({ length: n }, (_, i) => ({
      code: `SYN-${String(from + i).padStart(6, '0')}`,
      regime_code: 'R09',
      kind: 'hotel',
      name: `synthetic ${from + i}`,
      address: 'synthetic',
      brigade_id: 'B-SYN',
      station_id: i % 2 === 0 ? 'S-SYN-1' : 'S-SYN-2',
      registered_on: '2020-01-01',
    }));

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedCalendarFromPackage(t.db);
    await insertBrigades(t.db, [{ id: 'B-SYN', name_zh: '合成大队', name_en: 'Synthetic brigade' }]);
    await insertPoliceStations(t.db, [
      { id: 'S-SYN-1', name_zh: '一所', name_en: 'Station 1' },
      { id: 'S-SYN-2', name_zh: '二所', name_en: 'Station 2' },
    ]);
    await insertOfficers(
      t.db,
      Array.from({ length: 8 }, (_, i) => ({
        code: `SYN-O${i}`,
        name: `officer ${i}`,
        station_id: i < 4 ? 'S-SYN-1' : 'S-SYN-2',
        credential_no: `C${i}`,
        credential_expires_on: '2030-12-31',
      })),
    );
    await insertEntities(t.db, syntheticHotels(SYNTHETIC, 0), { batchSize: 1000 });
    backend = createTestQueueBackend('redis', t.url);
    config = backend.config as QueueBackendConfig & { kind: 'redis' };
    producer = createProducer(createQueueFactory(config));
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await producer?.close();
    await backend?.cleanup();
    await t?.db.destroy();
    await new Promise((r) => setTimeout(r, 200));
    await t?.drop();
  });

  const complete = async (expected: number) =>
    eventually(
      async () => {
        const n = await countObligations(t.db, { periodStart: span.start, periodEnd: span.end });
        const rostered = await t.db
          .selectFrom('inspection')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        return n === expected && Number(rostered.n) === expected ? true : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 250 },
    );

  async function checkNoneMissingNoneDoubled(): Promise<void> {
    const expected = await expectedKeys(t.db, month);
    expect(sortedKeys(await listObligationKeys(t.db, { periodStart: span.start, periodEnd: span.end }))).toEqual(expected);
    // One live census inspection per obligation, each with two officers.
    const doubled = await t.db
      .selectFrom('inspection')
      .select('obligation_id')
      .groupBy('obligation_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(doubled).toHaveLength(0);
    const badRosters = await t.db
      .selectFrom('inspection_officer')
      .select('inspection_id')
      .groupBy('inspection_id')
      .having((eb) => eb.fn.countAll(), '<>', 2)
      .execute();
    expect(badRosters).toHaveLength(0);
  }

  it('a SIGKILLed worker, restarted, leaves no missing and no duplicate obligation', async () => {
    child = spawnWorker(t.url, config);
    await producer.add('reconcile-obligations', { periodKind: month.kind, periodStart: month.start });
    const seen = await eventually(
      async () => {
        const n = await countObligations(t.db, { periodStart: span.start });
        return n > 0 ? n : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 50 },
    );
    child.kill('SIGKILL');
    await exited(child);
    const atKill = await countObligations(t.db, { periodStart: span.start });
    expect(seen).toBeLessThan(SYNTHETIC);
    expect(atKill).toBeLessThan(SYNTHETIC);

    // Restart; the next tick (added here rather than waiting for :05) reconciles again. The killed
    // batches come back as stalled jobs; re-added ones with the same id are the same job.
    child = spawnWorker(t.url, config);
    await producer.add('reconcile-obligations', { periodKind: month.kind, periodStart: month.start });
    await complete(SYNTHETIC);
    await checkNoneMissingNoneDoubled();
    child.kill('SIGTERM');
    await exited(child);
  });

  it('a lost Redis mid-run (all keys of the prefix deleted), then a restart: schedulers back, next reconcile completes, new entities included', async () => {
    // New entities registered mid-period: they must get their obligations at the next reconcile.
    await insertEntities(t.db, syntheticHotels(3000, SYNTHETIC), { batchSize: 1000 });
    const total = SYNTHETIC + 3000;
    let w = await startWorker({ db: t.db, queueConfig: config, workerId: 'flush-1', concurrency: 2, now: NOW });
    await producer.add('reconcile-obligations', { periodKind: month.kind, periodStart: month.start });
    await eventually(async () => ((await countObligations(t.db, { periodStart: span.start })) > SYNTHETIC ? true : undefined), {
      timeoutMs: 300_000,
      intervalMs: 20,
    });
    // FLUSHALL of our own prefix only (the Redis is shared): schedulers and jobs are gone.
    await deleteRedisPrefix(testRedisUrl(), config.prefix!);
    await w.stop();
    expect(await producer.queue('obligations').getJobScheduler('reconcile-obligations.hourly')).toBeFalsy();

    w = await startWorker({ db: t.db, queueConfig: config, workerId: 'flush-2', concurrency: 2, now: NOW });
    try {
      expect(await producer.queue('obligations').getJobScheduler('reconcile-obligations.hourly')).toBeTruthy();
      await producer.add('reconcile-obligations', { periodKind: month.kind, periodStart: month.start });
      await complete(total);
      await checkNoneMissingNoneDoubled();
    } finally {
      await w.stop();
    }
  });
});
