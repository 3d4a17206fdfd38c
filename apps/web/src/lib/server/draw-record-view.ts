import type { DrawRecord } from '@supervise/core';
import { rankedTargets } from './draws.js';

/**
 * An executed draw's record as its page shows it (issue 14: a province's draw has 30,000 targets and
 * the 900,000 exclusions of officers whose credential expires; the page rendered them all). The
 * targets are shown a page at a time; the exclusions grouped by officer and reason, each group with
 * its count and its first few units ("every unit" when it covers the population). The full record is
 * the download. An executed draw never changes, so each process keeps the shaped view of the last few
 * it showed.
 */
export const TARGETS_PER_PAGE = 100;
/** Units named per exclusion group; the rest are counted. */
export const UNITS_NAMED_PER_GROUP = 5;

export interface ExclusionGroup {
  inspector: string;
  inspectorName: string;
  reason: string;
  count: number;
  /** The group excludes the officer from every unit of the population. */
  everyUnit: boolean;
  units: { code: string; name: string }[];
}

export interface DrawRecordView {
  k: number;
  seed: string;
  beacon: DrawRecord['beacon'];
  population: number;
  targets: ReturnType<typeof rankedTargets>;
  officers: { code: string; name: string }[];
  exclusions: { count: number; groups: ExclusionGroup[] };
}

function shape(record: DrawRecord): DrawRecordView {
  const officerName = (code: string) => record.names?.officers[code] ?? '';
  const entityName = (code: string) => record.names?.entities[code] ?? '';
  const groups = new Map<string, ExclusionGroup>();
  for (const e of record.excluded) {
    const key = `${e.inspector}\u0000${e.reason}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        inspector: e.inspector,
        inspectorName: officerName(e.inspector),
        reason: e.reason,
        count: 0,
        everyUnit: false,
        units: [],
      };
      groups.set(key, g);
    }
    g.count++;
    if (g.units.length < UNITS_NAMED_PER_GROUP) g.units.push({ code: e.target, name: entityName(e.target) });
  }
  for (const g of groups.values()) g.everyUnit = g.count === record.population.length;
  return {
    k: record.k,
    seed: record.seed,
    beacon: record.beacon,
    population: record.population.length,
    targets: rankedTargets(record),
    officers: record.inspectors.map((code) => ({ code, name: officerName(code) })),
    exclusions: { count: record.excluded.length, groups: [...groups.values()] },
  };
}

const views = new Map<string, Promise<DrawRecordView>>();
const KEPT = 4;

/** The view of the executed draw `id`, shaped once per process (the last KEPT draws shown). */
export function drawRecordView(id: string, read: () => Promise<DrawRecord>): Promise<DrawRecordView> {
  let v = views.get(id);
  if (v) {
    views.delete(id);
    views.set(id, v);
    return v;
  }
  v = read().then(shape);
  views.set(id, v);
  v.catch(() => views.delete(id));
  while (views.size > KEPT) views.delete(views.keys().next().value!);
  return v;
}

/** The page `page` (from 1) of the targets, clamped to those that exist. */
export function targetsPage(view: DrawRecordView, page: number) {
  const pages = Math.max(1, Math.ceil(view.targets.length / TARGETS_PER_PAGE));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const from = (p - 1) * TARGETS_PER_PAGE;
  return {
    page: p,
    pages,
    from: from + 1,
    to: Math.min(from + TARGETS_PER_PAGE, view.targets.length),
    rows: view.targets.slice(from, from + TARGETS_PER_PAGE),
  };
}
