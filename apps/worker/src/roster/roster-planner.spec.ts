import { plusDays } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import type { RosterOfficer } from '@supervise/db';
import { UnitDayOrder, planRosters } from './roster-planner.js';

/** The order the planner used to compute for every obligation: by load, then by date. */
const sorted = (days: readonly string[], load: Map<string, number>) =>
  [...days].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a.localeCompare(b));

describe('UnitDayOrder', () => {
  it('keeps the days in (load, date) order as loads grow, as a sort after every increment would', () => {
    const days = Array.from({ length: 40 }, (_, i) => plusDays('2026-03-01', i));
    const load = new Map<string, number>();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (const d of days) if (rand(3) === 0) load.set(d, rand(4));
    const order = new UnitDayOrder(days, (d) => load.get(d) ?? 0);
    for (let step = 0; step < 500; step++) {
      expect(order.days.map((i) => days[i])).toEqual(sorted(days, load));
      // The planner takes the first day that suits (often the first, sometimes a later one).
      const at = rand(5) === 0 ? rand(days.length) : 0;
      const day = days[order.days[at]!]!;
      const n = order.increment(at);
      load.set(day, (load.get(day) ?? 0) + 1);
      expect(n).toBe(load.get(day));
    }
  });
});

describe('planRosters', () => {
  const officer = (id: number, unit: { brigadeId: string | null; stationId: string | null }): RosterOfficer => ({
    id,
    code: `O${id}`,
    ...unit,
    availability: { active: true, credentialNo: `C${id}`, credentialExpiresOn: '2030-12-31', leaves: [], recusals: [] },
  });

  it("gives each rostered row its entity's own unit (station, else brigade), also when the brigade stood in", () => {
    // Station S1 has no officers: its entity is rostered by brigade B1's, but counts under S1.
    const officers = [officer(1, { brigadeId: 'B1', stationId: null }), officer(2, { brigadeId: 'B1', stationId: null })];
    const item = { regime: 'R09', windowStart: '2026-11-01', windowEnd: '2026-11-30', brigadeId: 'B1' };
    const plan = planRosters(
      [
        { ...item, obligationId: 10, entityId: 100, stationId: 'S1' },
        { ...item, obligationId: 11, entityId: 101, stationId: null },
      ],
      { officers, officerLoad: new Map(), unitDayLoad: new Map() },
      { days: ['2026-11-27', '2026-11-30'], fallbackDay: '2026-11-27', note: null },
    );
    expect(plan.unrostered).toEqual([]);
    expect(plan.rostered.map((r) => [r.obligationId, r.rosterUnit, [...r.officerIds].sort()])).toEqual([
      [10, 'S1', [1, 2]],
      [11, 'B1', [1, 2]],
    ]);
  });
});
