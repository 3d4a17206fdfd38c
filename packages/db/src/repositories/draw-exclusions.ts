/**
 * How a draw's exclusions are stored in `draw.excluded` (issue 14). The published record lists one
 * {inspector, target, reason} per excluded pair, sorted by (target, inspector, reason): a province's
 * draw with 9 officers whose credential expires in the window excludes each of them from all 100,000
 * units — 900,000 entries, 86 MB of JSON to write, parse into jsonb and read back. Stored grouped by
 * (inspector, reason), with "every target of the population" written once, they are a few hundred
 * bytes, and `unpackExclusions` gives back exactly the list the record had (same entries, same order,
 * the keys in jsonb's order). Rows written before this are plain arrays and read as they are.
 */
import { compareUtf8, type ExcludedPairs, type Exclusion, type GroupedExclusions } from '@supervise/core';

/**
 * In order of first appearance; `targets: 'population'` is every code of the draw's population. Core's
 * `freezeDrawGrouped` builds this form directly (the repository's freeze); `packExclusions` groups a list.
 */
export type PackedExclusions = GroupedExclusions;

/** The frozen exclusions (sorted, one reason a pair) as stored; `population` is the frozen, canonical one. */
export function packExclusions(excluded: readonly Exclusion[], population: readonly string[]): PackedExclusions {
  const groups: { inspector: string; reason: string; targets: string[] }[] = [];
  const byInspector = new Map<string, Map<string, (typeof groups)[number]>>();
  for (const e of excluded) {
    let byReason = byInspector.get(e.inspector);
    if (!byReason) byInspector.set(e.inspector, (byReason = new Map()));
    let g = byReason.get(e.reason);
    if (!g) {
      byReason.set(e.reason, (g = { inspector: e.inspector, reason: e.reason, targets: [] }));
      groups.push(g);
    }
    g.targets.push(e.target);
  }
  const everyTarget = (targets: readonly string[]) =>
    targets.length === population.length && targets.every((t, i) => t === population[i]);
  return {
    format: 'grouped/v1',
    groups: groups.map((g) => ({ ...g, targets: everyTarget(g.targets) ? 'population' : g.targets })),
  };
}

function isPacked(stored: unknown): stored is PackedExclusions {
  return typeof stored === 'object' && stored !== null && (stored as PackedExclusions).format === 'grouped/v1';
}

/** An entry as jsonb gives it back (keys by length, then bytes): the record's entries are read that way. */
const entry = (inspector: string, target: string, reason: string): Exclusion => ({ reason, target, inspector });

const byInspectorThenReason = (a: Exclusion, b: Exclusion) =>
  compareUtf8(a.inspector, b.inspector) || compareUtf8(a.reason, b.reason);

/** The list of the published record, from what `draw.excluded` holds (packed or, for older draws, the list). */
export function unpackExclusions(stored: unknown, population: readonly string[]): Exclusion[] {
  if (stored === null || stored === undefined) return [];
  if (!isPacked(stored)) return stored as Exclusion[];
  const rank = new Map(population.map((code, i) => [code, i]));
  const everywhere: Exclusion[] = [];
  const at: (Exclusion[] | undefined)[] = new Array(population.length);
  const elsewhere: Exclusion[] = []; // targets outside the population: never from the repository, kept exact anyway
  for (const g of stored.groups) {
    if (g.targets === 'population') {
      everywhere.push(entry(g.inspector, '', g.reason));
      continue;
    }
    for (const target of g.targets) {
      const i = rank.get(target);
      const e = entry(g.inspector, target, g.reason);
      if (i === undefined) elsewhere.push(e);
      else (at[i] ??= []).push(e);
    }
  }
  everywhere.sort(byInspectorThenReason);
  const out: Exclusion[] = [];
  for (let i = 0; i < population.length; i++) {
    const target = population[i]!;
    const own = at[i];
    const pairs = own ? [...everywhere, ...own].sort(byInspectorThenReason) : everywhere;
    for (const p of pairs) out.push(entry(p.inspector, target, p.reason));
  }
  if (elsewhere.length === 0) return out;
  return [...out, ...elsewhere].sort((a, b) => compareUtf8(a.target, b.target) || byInspectorThenReason(a, b));
}

/**
 * The excluded pairs `draw.excluded` holds, as a draw's execution needs them (core's ExcludedPairs): the
 * same pairs as `unpackExclusions`, without a million entries for the inspectors excluded from every
 * target (issue 14).
 */
export function excludedPairsOf(stored: unknown, population: readonly string[]): ExcludedPairs {
  if (stored === null || stored === undefined) return { everyTarget: [], pairs: [] };
  if (!isPacked(stored)) return { everyTarget: [], pairs: stored as Exclusion[] };
  const everyTarget: string[] = [];
  const pairs: { inspector: string; target: string }[] = [];
  for (const g of stored.groups) {
    if (g.targets === 'population') {
      // Every target of the population; an empty population has no pair to exclude.
      if (population.length > 0) everyTarget.push(g.inspector);
      continue;
    }
    for (const target of g.targets) pairs.push({ inspector: g.inspector, target });
  }
  return { everyTarget, pairs };
}

/** How many exclusions `draw.excluded` holds, without listing them. */
export function storedExclusionCount(stored: unknown, populationSize: number): number {
  if (stored === null || stored === undefined) return 0;
  if (!isPacked(stored)) return (stored as unknown[]).length;
  return stored.groups.reduce((n, g) => n + (g.targets === 'population' ? populationSize : g.targets.length), 0);
}
