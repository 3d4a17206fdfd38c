import { describe, expect, it } from 'vitest';
import { last12Months, rectificationRate, stackByRegime, totals } from './dashboard.js';
import { withinTime, healthReport } from './health.js';
import { parseEnv } from './env.js';

describe('dashboard shaping', () => {
  it('covers the 12 calendar months ending today, across a year end', () => {
    const p = last12Months('2026-11-27');
    expect(p.months).toHaveLength(12);
    expect(p.months[0]).toBe('2025-12');
    expect(p.months[11]).toBe('2026-11');
    expect(p).toMatchObject({ from: '2025-12-01', to: '2026-11-27' });
    expect(last12Months('2026-01-05').months.slice(0, 2)).toEqual(['2025-02', '2025-03']);
  });

  it('stacks by regime with zeros filled in and unknown rows ignored', () => {
    const s = stackByRegime(
      [
        { month: '2026-10', regimeCode: 'R02', count: 3 },
        { month: '2026-11', regimeCode: 'R01', count: 1 },
        { month: '2019-01', regimeCode: 'R01', count: 9 },
        { month: '2026-11', regimeCode: 'R99', count: 9 },
      ],
      ['2026-10', '2026-11'],
      ['R01', 'R02'],
    );
    expect(s.series).toEqual([
      { regimeCode: 'R01', data: [0, 1] },
      { regimeCode: 'R02', data: [3, 0] },
    ]);
  });

  it('adds up totals and leaves the rate undefined when nothing is due', () => {
    const row = {
      regimeCode: 'R01',
      entities: 2,
      inspections: 3,
      hazards: 4,
      rectificationsDue: 4,
      rectificationsCompleted: 3,
      penalties: 1,
      fineFen: 50_000,
    };
    expect(totals([row, { ...row, regimeCode: 'R02' }])).toMatchObject({ entities: 4, rectificationsDue: 8, fineFen: 100_000 });
    expect(rectificationRate(3, 4)).toBe(0.75);
    expect(rectificationRate(0, 0)).toBeNull();
  });
});

describe('health helpers', () => {
  it('time-bounds a check', async () => {
    expect(await withinTime(() => new Promise<boolean>(() => {}), 20, false)).toBe(false);
    expect(await withinTime(() => Promise.reject(new Error('down')), 20, false)).toBe(false);
    expect(await withinTime(async () => true, 20, false)).toBe(true);
  });

  const now = new Date('2026-11-27T00:10:00Z');
  const beat = (secondsAgo: number, intervalMs = 30_000) => ({ at: new Date(now.getTime() - secondsAgo * 1000), intervalMs });

  it('is 503 with the same shape when a dependency is down, naming it', () => {
    const down = healthReport({ database: false, queueBackend: 'postgres', queue: true, beat: beat(5), now });
    expect(down.httpStatus).toBe(503);
    expect(down.body).toEqual({
      status: 'unavailable',
      failing: ['database'],
      database: { reachable: false },
      queue: { backend: 'postgres', reachable: true },
      worker: { alive: true, lastBeatAt: '2026-11-27T00:09:55.000Z', intervalMs: 30_000, problem: null },
    });
    const up = healthReport({ database: true, queueBackend: 'redis', queue: true, beat: beat(5), now });
    expect(up.httpStatus).toBe(200);
    expect(up.body.failing).toEqual([]);
  });

  it('is 503 until the worker has beaten', () => {
    const r = healthReport({ database: true, queueBackend: 'redis', queue: true, beat: null, now });
    expect(r.httpStatus).toBe(503);
    expect(r.body.failing).toEqual(['worker']);
    expect(r.body.worker).toEqual({ alive: false, lastBeatAt: null, intervalMs: null, problem: 'never_beaten' });
  });

  it("is 503 once the last beat is older than three of the worker's intervals, and not before", () => {
    const at = (s: number, interval?: number) =>
      healthReport({ database: true, queueBackend: 'postgres', queue: true, beat: beat(s, interval), now });
    expect(at(90).httpStatus).toBe(200);
    expect(at(91).httpStatus).toBe(503);
    expect(at(91).body.worker.problem).toBe('stale');
    // The interval is the worker's own: a worker beating every 2 s is stale after 6 s.
    expect(at(6, 2_000).httpStatus).toBe(200);
    expect(at(7, 2_000).body.failing).toEqual(['worker']);
  });
});

describe('env', () => {
  it('uses Redis when REDIS_URL is set, else the PostgreSQL backend, with session defaults', () => {
    const pgOnly = parseEnv({ DATABASE_URL: 'postgres://u@h/db', REDIS_URL: '' });
    expect(pgOnly.queue).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(pgOnly.session).toEqual({ idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 });
    const withRedis = parseEnv({
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SESSION_IDLE_MINUTES: '15',
    });
    expect(withRedis.queue.kind).toBe('redis');
    expect(withRedis.session.idleMs).toBe(15 * 60_000);
  });

  it('adds jobs under the same QUEUE_PREFIX / QUEUE_SCHEMA as the worker reads', () => {
    const base = { DATABASE_URL: 'postgres://u@h/db' };
    expect(parseEnv({ ...base, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'run_1' }).queue).toMatchObject({
      kind: 'redis',
      prefix: 'run_1',
    });
    expect(parseEnv({ ...base, QUEUE_SCHEMA: 'q_run_1' }).queue).toEqual({
      kind: 'postgres',
      url: base.DATABASE_URL,
      schema: 'q_run_1',
    });
    expect(() => parseEnv({ ...base, QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
  });

  it('names the bad keys', () => {
    expect(() => parseEnv({ SESSION_MAX_HOURS: 'x' })).toThrow(/DATABASE_URL, SESSION_MAX_HOURS/);
  });
});
