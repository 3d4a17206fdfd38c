/**
 * Issue 14: core's `freezeDrawGrouped` (the repository's freeze, exclusions kept in groups) stores
 * exactly what the list freeze did — `freezeDraw` over every {inspector, target, reason}, then
 * `packExclusions` — and the record reads back the same list. Scenarios drawn from a fixed generator:
 * reasons for every target and for some, several reasons for a pair (an own reason before, equal to or
 * after the one for every target), targets outside the population, an own group covering the whole
 * population, an empty population, a population unsorted and with duplicates.
 */
import { freezeDraw, freezeDrawGrouped, type Exclusion, type ExclusionGroup } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { packExclusions, storedExclusionCount, unpackExclusions } from './draw-exclusions.js';

/** A small deterministic generator (mulberry32). */
function generator(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}

const ids = ['R09-A', 'R09-B', 'R09-a', 'R09-10', 'R09-2', '旅-1', '旅-2', 'ＡＢ', '\u{1F600}-1', 'Z'];
const inspectorIds = ['P-1', 'P-2', 'P-10', 'P-9', '警-1'];
const reasons = [
  'credential: expires 2026-12-12',
  'leave: during the campaign window',
  'recusal: declared 2026-01-01',
  'a: first',
];

function scenario(seed: number): { population: string[]; groups: ExclusionGroup[] } {
  const r = generator(seed);
  const population = seed % 11 === 0 ? [] : ids.filter(() => r(3) > 0);
  if (seed % 3 === 0 && population.length > 0) population.push(population[0]!); // a duplicate
  if (seed % 2 === 0) population.reverse();
  const groups: ExclusionGroup[] = [];
  for (let g = r(8); g > 0; g--) {
    const inspector = inspectorIds[r(inspectorIds.length)]!;
    const reason = reasons[r(reasons.length)]!;
    if (r(3) === 0) groups.push({ inspector, reason, targets: 'population' });
    else if (r(6) === 0) groups.push({ inspector, reason, targets: [...population] });
    else groups.push({ inspector, reason, targets: ids.filter(() => r(3) === 0).concat(r(5) === 0 ? ['GONE-1'] : []) });
  }
  return { population, groups };
}

/** The groups as the list the repository used to build: one entry per pair and reason. */
function listOf(groups: readonly ExclusionGroup[], population: readonly string[]): Exclusion[] {
  return groups.flatMap((g) =>
    (g.targets === 'population' ? population : g.targets).map((target) => ({ inspector: g.inspector, target, reason: g.reason })),
  );
}

describe('freezeDrawGrouped', () => {
  it('stores what the list freeze stored, and the record reads back the same list', () => {
    let ownBeforeEverywhere = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { population, groups } = scenario(seed);
      const inspectors = [...inspectorIds].reverse();
      const list = freezeDraw({
        population: [...new Set(population)],
        inspectors,
        excluded: listOf(groups, [...new Set(population)]),
      });
      const grouped = freezeDrawGrouped({ population, inspectors, excluded: groups });
      expect(grouped.population).toEqual(list.population);
      expect(grouped.population_sha256).toBe(list.population_sha256);
      expect(grouped.inspectors).toEqual(list.inspectors);
      expect(grouped.exclusions).toEqual(packExclusions(list.excluded, list.population));
      expect(unpackExclusions(grouped.exclusions, grouped.population)).toEqual(list.excluded);
      expect(grouped.excludedCount).toBe(list.excluded.length);
      expect(storedExclusionCount(grouped.exclusions, grouped.population.length)).toBe(list.excluded.length);
      const before = (g: ExclusionGroup) =>
        groups.some(
          (h) =>
            h.inspector === g.inspector &&
            h.targets !== 'population' &&
            h.reason < g.reason &&
            h.targets.some((t) => population.includes(t)),
        );
      if (groups.some((g) => g.targets === 'population' && before(g))) ownBeforeEverywhere++;
    }
    // The scenarios reach the case that lists a reason for every target but some (not only the easy ones).
    expect(ownBeforeEverywhere).toBeGreaterThan(20);
  });

  it("writes an inspector's reason for every target once, unless a target has a reason before it", () => {
    const population = ['T-1', 'T-2', 'T-3'];
    const everywhere = { inspector: 'P-1', reason: 'leave: during the campaign window', targets: 'population' } as const;
    expect(freezeDrawGrouped({ population, inspectors: ['P-1'], excluded: [everywhere] }).exclusions.groups).toEqual([
      everywhere,
    ]);
    const before = { inspector: 'P-1', reason: 'credential: expires 2026-12-12', targets: ['T-2'] };
    expect(freezeDrawGrouped({ population, inspectors: ['P-1'], excluded: [everywhere, before] }).exclusions.groups).toEqual([
      { ...everywhere, targets: ['T-1', 'T-3'] },
      before,
    ]);
    const after = { inspector: 'P-1', reason: 'recusal: declared 2026-01-01', targets: ['T-2'] };
    expect(freezeDrawGrouped({ population, inspectors: ['P-1'], excluded: [after, everywhere] }).exclusions.groups).toEqual([
      everywhere,
    ]);
    expect(freezeDrawGrouped({ population: [], inspectors: ['P-1'], excluded: [everywhere] })).toMatchObject({
      exclusions: { format: 'grouped/v1', groups: [] },
      excludedCount: 0,
    });
  });
});
