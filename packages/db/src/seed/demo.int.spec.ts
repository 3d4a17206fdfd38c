import { createHash } from 'node:crypto';
import { REGIME_CODES } from '@supervise/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.js';
import { verifyPassword } from '../password.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { DEMO_ACCOUNTS, DEMO_INSPECTOR_OFFICER_CODE, DEMO_PASSWORD } from './demo-accounts.js';
import { DemoSeedRefusedError, seedDemo, type SeedSummary } from './demo.js';

const TODAY = '2026-03-15';

// Tables and their order; timestamps set by now() and the salted password hash are left out.
const TABLES: Record<string, { order: string; skip?: string[] }> = {
  brigade: { order: 'id' },
  police_station: { order: 'id' },
  officer: { order: 'id' },
  app_user: { order: 'id', skip: ['created_at', 'password_hash', 'password_changed_at'] },
  user_role: { order: 'id' },
  entity: { order: 'id', skip: ['created_at', 'updated_at'] },
  inspection: { order: 'id', skip: ['created_at'] },
  inspection_officer: { order: 'inspection_id, officer_id', skip: ['assigned_at'] },
  hazard: { order: 'id', skip: ['created_at'] },
  rectification: { order: 'id' },
  penalty: { order: 'id', skip: ['created_at'] },
};

async function tableHashes(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, { order, skip = [] }] of Object.entries(TABLES)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(db);
    const h = createHash('sha256');
    for (const row of rows) {
      for (const k of skip) delete row[k];
      h.update(JSON.stringify(row)).update('\n');
    }
    out[table] = `${rows.length}:${h.digest('hex')}`;
  }
  return out;
}

// Statutory fine ranges in yuan (shared/domain.md, "Penalty ranges").
const FINE_RANGES: Record<string, [number, number]> = {
  'R09-SEAL-FACILITY': [1_000, 5_000],
  'R09-SEAL-RECORD': [5_000, 30_000],
  'R09-SEAL-FILING': [200, 1_000],
  'R09-PAWN-PROHIBITED': [5_000, 30_000],
  'R09-PAWN-REGISTER': [200, 1_000],
  'R09-PAWN-REPORT': [2_000, 10_000],
  'R09-PAWN-REPORT-SERIOUS': [5_000, 30_000],
  'R10-PROHIBITED': [500, 1_000],
  'R10-PROHIBITED-SERIOUS': [500, 1_000],
  'R14-UNIT': [10_000, 100_000],
  'R14-HEAD': [500, 5_000],
};

describe('seedDemo', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let c: TestDatabase;
  let summary: SeedSummary;

  beforeAll(async () => {
    [a, b, c] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
    // How long the seed takes is the benchmark's to measure (`pnpm bench`), never asserted here.
    summary = await seedDemo(a.db, { seed: 7, today: TODAY });
    await Promise.all([seedDemo(b.db, { seed: 7, today: TODAY }), seedDemo(c.db, { seed: 8, today: TODAY })]);
  });

  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop(), c?.drop()]);
  });

  it('gives identical rows for the same seed and different rows for another seed', async () => {
    const [ha, hb, hc] = await Promise.all([tableHashes(a.db), tableHashes(b.db), tableHashes(c.db)]);
    expect(hb).toEqual(ha);
    expect(hc.entity).not.toEqual(ha.entity);
    expect(hc.officer).not.toEqual(ha.officer);
    expect(hc.inspection).not.toEqual(ha.inspection);
  });

  it('reports counts that match the tables and fall in the expected ranges', async () => {
    for (const [table, n] of Object.entries(summary.counts)) {
      const row = await a.db
        .selectFrom(table as keyof typeof TABLES & 'entity')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(n);
    }
    const n = summary.counts;
    expect(n.brigade).toBe(4);
    expect(n.police_station).toBe(12);
    expect(n.officer).toBeGreaterThanOrEqual(55);
    expect(n.officer).toBeLessThanOrEqual(65);
    expect(n.app_user).toBe(DEMO_ACCOUNTS.length);
    expect(n.entity).toBeGreaterThanOrEqual(1_400);
    expect(n.entity).toBeLessThanOrEqual(1_650);
    expect(n.inspection).toBeGreaterThanOrEqual(5_000);
    expect(n.inspection).toBeLessThanOrEqual(15_000);
    expect(n.hazard).toBeGreaterThan(500);
    expect(n.rectification).toBeGreaterThan(200);
    expect(n.penalty).toBeGreaterThan(30);
  });

  it('has entities in every regime R01–R14 and the brigade each regime belongs to', async () => {
    const rows = await a.db
      .selectFrom('entity')
      .select(['regime_code', 'brigade_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['regime_code', 'brigade_id'])
      .orderBy('regime_code')
      .execute();
    expect(rows.map((r) => r.regime_code)).toEqual([...REGIME_CODES]);
    const brigade = (r: string) => (r === 'R01' ? 'B-CRJ' : r <= 'R04' ? 'B-JJ' : r <= 'R10' ? 'B-ZA' : 'B-WA');
    for (const r of rows) expect(r.brigade_id, r.regime_code).toBe(brigade(r.regime_code));
    const hotels = await a.db
      .selectFrom('entity')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('code', 'like', 'R09-HOTEL-%')
      .executeTakeFirstOrThrow();
    expect(Number(hotels.n)).toBeGreaterThan(250);
    // R03: some units stay under the 5-vehicle threshold.
    const small = await sql<{ n: string }>`
      select count(*) as n from entity where kind = 'vehicle_unit'
        and (vehicle_counts->>'operating')::int < 5
        and (vehicle_counts->>'medium_heavy_truck')::int + (vehicle_counts->>'tractor')::int + (vehicle_counts->>'trailer')::int
          + (vehicle_counts->>'dangerous_goods')::int + (vehicle_counts->>'school_bus')::int + (vehicle_counts->>'passenger_10_plus')::int < 5`.execute(
      a.db,
    );
    expect(Number(small.rows[0]!.n)).toBeGreaterThan(20);
  });

  it('puts at least two officers on every inspection', async () => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from inspection i
      where (select count(*) from inspection_officer o where o.inspection_id = i.id) < 2`.execute(a.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('keeps every fine within its statutory range', async () => {
    const penalties = await a.db.selectFrom('penalty').selectAll().execute();
    expect(penalties.length).toBeGreaterThan(0);
    for (const p of penalties) {
      if (p.warning) {
        expect(p.fine_fen, p.violation_code).toBe(0);
        continue;
      }
      if (p.violation_code === 'R04-FALSE-RESULT') {
        // 5–10 times the fees collected; the qualification is revoked.
        expect(p.fine_fen).toBeGreaterThan(0);
        expect(p.licence_revoked).toBe(true);
        continue;
      }
      const range = FINE_RANGES[p.violation_code];
      expect(range, p.violation_code).toBeDefined();
      expect(p.fine_fen, p.violation_code).toBeGreaterThanOrEqual(range![0] * 100);
      expect(p.fine_fen, p.violation_code).toBeLessThanOrEqual(range![1] * 100);
      if (p.violation_code === 'R10-PROHIBITED-SERIOUS') {
        expect(p.detention_days).toBeGreaterThanOrEqual(5);
        expect(p.detention_days).toBeLessThanOrEqual(10);
      } else {
        expect(p.detention_days).toBe(0);
      }
      expect(p.decided_on <= TODAY).toBe(true);
    }
  });

  it('keeps rectification deadlines within the rulebook and statuses consistent with today', async () => {
    const rows = await a.db
      .selectFrom('rectification as r')
      .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
      .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
      .select([
        'i.regime_code',
        'r.served_on',
        'r.deadline_on',
        'r.extended_deadline_on',
        'r.completed_on',
        'r.reviewed_on',
        'r.status',
      ])
      .execute();
    const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    for (const r of rows) {
      // Every demo notice was served when issued (served_on may be null only for a notice not yet served).
      expect(r.served_on).not.toBeNull();
      if (r.served_on === null) continue;
      if (r.regime_code === 'R03') {
        expect(days(r.served_on!, r.deadline_on)).toBeLessThanOrEqual(15);
        if (r.extended_deadline_on) expect(days(r.served_on!, r.extended_deadline_on)).toBeLessThanOrEqual(30);
      }
      if (r.regime_code === 'R14') expect(days(r.served_on!, r.deadline_on)).toBeLessThanOrEqual(59);
      const due = r.extended_deadline_on ?? r.deadline_on;
      if (r.status === 'completed') expect(r.completed_on).not.toBeNull();
      if (r.status === 'overdue') expect(due < TODAY).toBe(true);
      if (r.status === 'open') expect(due >= TODAY).toBe(true);
      if (r.reviewed_on) expect(r.reviewed_on <= TODAY).toBe(true);
    }
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['open', 'completed', 'overdue']));
  });

  it('creates the demo accounts with one password and links the inspector to a B-ZA officer', async () => {
    const users = await a.db
      .selectFrom('app_user as u')
      .innerJoin('user_role as r', 'r.user_id', 'u.id')
      .leftJoin('officer as o', 'o.id', 'u.officer_id')
      .select([
        'u.username',
        'u.password_hash',
        'r.role',
        'r.brigade_id',
        'o.code as officer_code',
        'o.brigade_id as officer_brigade',
      ])
      .orderBy('u.id')
      .execute();
    expect(users.map((u) => [u.username, u.role])).toEqual(DEMO_ACCOUNTS.map((d) => [d.username, d.role]));
    const inspector = users.find((u) => u.username === 'inspector')!;
    expect(inspector.officer_code).toBe(DEMO_INSPECTOR_OFFICER_CODE);
    expect(inspector.officer_brigade).toBe('B-ZA');
    expect(users.find((u) => u.username === 'scheduler')!.brigade_id).toBe('B-ZA');
    // Issue 9 §6: the scheduler is linked to a B-ZA officer too, another than the inspector's.
    const scheduler = users.find((u) => u.username === 'scheduler')!;
    expect(scheduler.officer_brigade).toBe('B-ZA');
    expect(scheduler.officer_code).not.toBe(DEMO_INSPECTOR_OFFICER_CODE);
    expect(await verifyPassword(users[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it('refuses to seed a database that already has entities', async () => {
    await expect(seedDemo(a.db, { seed: 7, today: TODAY })).rejects.toBeInstanceOf(DemoSeedRefusedError);
    expect(await tableHashes(a.db)).toEqual(await tableHashes(b.db));
  });
});
