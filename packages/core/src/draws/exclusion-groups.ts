/**
 * A draw's exclusions frozen in grouped form (issue 14). The record's `excluded` list has one
 * {inspector, target, reason} per excluded pair: a province's draw with 9 officers whose credential
 * expires in the window has 900,000 of them, the same reason for every target of the population.
 * Here an inspector's reason is one group, and a reason that holds for every target is written once
 * (`targets: 'population'`). Freezing the groups gives exactly what grouping the frozen list
 * (`freezeDraw`) would: the same pairs, each with the first of its reasons in UTF-8 byte order, and
 * the groups in the order of their first entry in the list's (target, inspector, reason) order — so
 * `draw.excluded` stores the same JSON and the published record lists the same entries.
 */
import { canonicalIds, compareUtf8, populationSha256 } from './consistent-sampler.js';

/** Some excluded pairs with their reason: one inspector, one reason, its targets. */
export interface ExclusionGroup {
  inspector: string;
  reason: string;
  /** Target ids, or 'population': every id of the draw's population. */
  targets: readonly string[] | 'population';
}

/** The frozen exclusions, as `draw.excluded` stores them (format 'grouped/v1'). */
export interface GroupedExclusions {
  format: 'grouped/v1';
  /** In order of first appearance in the record's list; `targets` in byte order, or 'population'. */
  groups: { inspector: string; reason: string; targets: string[] | 'population' }[];
}

/** A frozen draw whose exclusions stay grouped; `excludedCount` is the length of the record's list. */
export interface GroupedFrozenDraw {
  population: string[];
  population_sha256: string;
  inspectors: string[];
  exclusions: GroupedExclusions;
  excludedCount: number;
}

/**
 * Freeze (as `freezeDraw`), with the exclusions given and kept in groups: canonical population and
 * roster, the population hash, and the exclusions' pairs each with its first reason. Never lists an
 * inspector's 'population' group target by target, unless one of its targets has a reason before it.
 */
export function freezeDrawGrouped(input: {
  population: Iterable<string>;
  inspectors: Iterable<string>;
  excluded: readonly ExclusionGroup[];
}): GroupedFrozenDraw {
  const population = canonicalIds(input.population);
  const inspectors = canonicalIds(input.inspectors);
  const exclusions = canonicalExclusionGroups(input.excluded, population);
  const excludedCount = exclusions.groups.reduce(
    (n, g) => n + (g.targets === 'population' ? population.length : g.targets.length),
    0,
  );
  return { population, population_sha256: populationSha256(population), inspectors, exclusions, excludedCount };
}

const earlier = (a: string, b: string | undefined) => b === undefined || compareUtf8(a, b) < 0;

/** Whether `id` is in the canonical (byte-ordered) population: a binary search. */
function inCanonical(population: readonly string[], id: string): boolean {
  let lo = 0;
  let hi = population.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareUtf8(population[mid]!, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < population.length && population[lo] === id;
}

function canonicalExclusionGroups(groups: readonly ExclusionGroup[], population: readonly string[]): GroupedExclusions {
  // Each inspector's first reason for every target (an empty population has no pair to exclude).
  const everywhere = new Map<string, string>();
  if (population.length > 0)
    for (const g of groups)
      if (g.targets === 'population' && earlier(g.reason, everywhere.get(g.inspector))) everywhere.set(g.inspector, g.reason);
  // Each other pair's first reason.
  const own = new Map<string, Map<string, string>>();
  for (const g of groups) {
    if (g.targets === 'population') continue;
    let reasonOf = own.get(g.inspector);
    if (!reasonOf) own.set(g.inspector, (reasonOf = new Map()));
    for (const t of g.targets) if (earlier(g.reason, reasonOf.get(t))) reasonOf.set(t, g.reason);
  }

  interface Out {
    inspector: string;
    reason: string;
    /** The population, less the inspector's targets that have a reason before this one. */
    everywhere: boolean;
    targets: string[];
  }
  const out = new Map<string, Map<string, Out>>();
  const outOf = (inspector: string, reason: string, isEverywhere: boolean): Out => {
    let byReason = out.get(inspector);
    if (!byReason) out.set(inspector, (byReason = new Map()));
    let o = byReason.get(reason);
    if (!o) byReason.set(reason, (o = { inspector, reason, everywhere: false, targets: [] }));
    if (isEverywhere) o.everywhere = true;
    return o;
  };
  for (const [inspector, reason] of everywhere) outOf(inspector, reason, true);
  const taken = new Map<string, Set<string>>(); // inspector → population targets with an earlier own reason
  for (const [inspector, reasonOf] of own) {
    const first = everywhere.get(inspector);
    for (const [t, reason] of reasonOf) {
      if (first !== undefined && inCanonical(population, t)) {
        if (!earlier(reason, first)) continue; // the pair's first reason is the one for every target
        let s = taken.get(inspector);
        if (!s) taken.set(inspector, (s = new Set()));
        s.add(t);
      }
      outOf(inspector, reason, false).targets.push(t);
    }
  }

  const isPopulation = (targets: readonly string[]) =>
    targets.length === population.length && targets.every((t, i) => t === population[i]);
  const result: { group: GroupedExclusions['groups'][number]; first: string }[] = [];
  for (const byReason of out.values())
    for (const o of byReason.values()) {
      const lessTaken = taken.get(o.inspector);
      if (o.everywhere && !lessTaken && o.targets.length === 0) {
        result.push({ group: { inspector: o.inspector, reason: o.reason, targets: 'population' }, first: population[0]! });
        continue;
      }
      const base = o.everywhere ? population.filter((t) => !lessTaken?.has(t)) : [];
      const targets = o.targets.length === 0 ? base : [...base, ...o.targets].sort(compareUtf8);
      if (targets.length === 0) continue;
      result.push({
        group: { inspector: o.inspector, reason: o.reason, targets: isPopulation(targets) ? 'population' : targets },
        first: targets[0]!,
      });
    }
  result.sort(
    (a, b) =>
      compareUtf8(a.first, b.first) ||
      compareUtf8(a.group.inspector, b.group.inspector) ||
      compareUtf8(a.group.reason, b.group.reason),
  );
  return { format: 'grouped/v1', groups: result.map((r) => r.group) };
}
