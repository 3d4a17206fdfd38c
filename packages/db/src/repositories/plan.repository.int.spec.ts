/**
 * The plan of a period on a demo district: rows within the reader's scope only, census coverage from
 * any inspection of the entity in its window, statuses, the calendar and the officers' load.
 */
import { DEFAULT_PLANNING_RULES, planPeriod, visibleRegimes } from '@supervise/core';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { insertMissingObligations, readRegistrySnapshot, type SnapshotEntity } from './obligation.repository.js';
import { loadPlanView, planObligations, type PlanQuery } from './plan.repository.js';

let t: TestDatabase;
const TODAY = '2026-11-27';
const B_ZA = ['R05', 'R06', 'R07', 'R08', 'R09', 'R10'];

const query = (over: Partial<PlanQuery> = {}): PlanQuery => ({
  scope: { all: false, brigadeIds: ['B-ZA'], stationIds: [] },
  regimes: visibleRegimes({ roles: [{ role: 'scheduler', brigadeId: 'B-ZA' }] }, 'plan.view'),
  period: { start: '2026-11-01', end: '2026-11-30' },
  today: TODAY,
  ...over,
});

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: TODAY });
  const entities: SnapshotEntity[] = [];
  for await (const p of readRegistrySnapshot(t.db, { afterId: 0, upToId: null })) entities.push(...p);
  await insertMissingObligations(
    t.db,
    planPeriod({ entities }, DEFAULT_PLANNING_RULES, { start: '2026-01-01', end: '2026-12-31' }),
  );
});
afterAll(async () => {
  await t?.drop();
});

describe('the plan of a period', () => {
  it('holds the brigade’s obligations only, census and quotas apart', async () => {
    const v = await loadPlanView(t.db, query());
    expect(v.census.length).toBeGreaterThan(0);
    expect(v.campaign.length).toBeGreaterThan(0);
    for (const r of [...v.census, ...v.campaign, ...v.spotCheck]) expect(B_ZA).toContain(r.regime);
    for (const c of v.calendar) expect(B_ZA).toContain(c.regime);
    expect(v.officers.length).toBeGreaterThan(0);
    const all = await loadPlanView(t.db, query({ scope: { all: true }, regimes: ['R03', ...B_ZA] }));
    expect(all.census.some((r) => r.regime === 'R03')).toBe(true);
  });

  it('counts a census obligation done by any inspection of the entity in its window, and says overdue after it', async () => {
    const v = await planObligations(t.db, query({ regime: 'R09' }));
    const done = v.census.filter((r) => r.status === 'done');
    expect(done.length).toBeGreaterThan(0);
    for (const r of done.slice(0, 20)) {
      const n = await t.db
        .selectFrom('inspection as i')
        .innerJoin('entity as e', 'e.id', 'i.entity_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('e.code', '=', r.entityCode!)
        .where('i.regime_code', '=', 'R09')
        .where('i.status', '=', 'done')
        .where('i.inspected_on', '>=', r.windowStart)
        .where('i.inspected_on', '<=', r.windowEnd)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThan(0);
    }
    // October's monthly obligations, read a month later: nothing open is left "unassigned".
    const october = await planObligations(t.db, query({ regime: 'R09', period: { start: '2026-10-01', end: '2026-10-31' } }));
    const monthly = october.census.filter((r) => r.windowEnd === '2026-10-31');
    expect(monthly.length).toBeGreaterThan(0);
    expect(monthly.every((r) => r.status === 'done' || r.status === 'overdue')).toBe(true);
  });

  it('filters by status, regime and police station', async () => {
    const overdue = await planObligations(t.db, query({ status: 'overdue', period: { start: '2026-01-01', end: '2026-12-31' } }));
    expect(overdue.census.length).toBeGreaterThan(0);
    expect([...overdue.census, ...overdue.campaign].every((r) => r.status === 'overdue')).toBe(true);
    const station = (await t.db.selectFrom('police_station').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const v = await loadPlanView(t.db, query({ stationId: station, regime: 'R09' }));
    expect(v.census.every((r) => r.stationId === station && r.regime === 'R09')).toBe(true);
    expect(v.calendar.every((c) => c.stationId === station)).toBe(true);
  });

  it('gives a station-scoped reader its area’s census rows and no brigade campaigns', async () => {
    const station = (await t.db.selectFrom('police_station').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const v = await loadPlanView(t.db, query({ scope: { all: false, brigadeIds: [], stationIds: [station] }, regimes: [] }));
    expect(v.census.every((r) => r.stationId === station)).toBe(true);
    expect(v.campaign).toEqual([]);
    expect(v.officers.every((o) => o.stationId === station)).toBe(true);
  });
});

describe('the registry snapshot', () => {
  it('a full page that ends at the range’s last id is the last query (no second one asking for nothing)', async () => {
    const ids = (await t.db.selectFrom('entity').select('id').orderBy('id').limit(5).execute()).map((r) => Number(r.id));
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => (queries++, args.node),
      transformResult: async (args) => args.result,
    };
    const pages: number[][] = [];
    for await (const page of readRegistrySnapshot(t.db.withPlugin(counting), {
      afterId: ids[0]! - 1,
      upToId: ids[4]!,
      pageSize: 5,
    }))
      pages.push(page.map((e) => e.dbId));
    expect(pages).toEqual([ids]);
    expect(queries).toBe(1);
  });
});
