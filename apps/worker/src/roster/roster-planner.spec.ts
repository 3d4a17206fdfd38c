import { plusDays } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { UnitDayOrder } from './roster-planner.js';

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
