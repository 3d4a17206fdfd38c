import { ENTITY_KINDS, type EntityKind } from '@supervise/core';
import type { NewPoliceStation } from '../repositories/registry.repository.js';
import { DemoRandom } from './demo-random.js';
import {
  DEMO_KIND_COUNTS,
  DEMO_STATIONS,
  generateEntities,
  generateOfficers,
  type DemoEntity,
  type DemoOfficer,
} from './demo-registry.js';

/**
 * The province is the demo district repeated: `districts` copies of its 12 police stations and its
 * 60 officers (4 brigades' detachments and the stations' own), and the entities in slices of about
 * 1,500 (the demo's kinds in the demo's proportions), each slice belonging to one district.
 */
export const OFFICERS_PER_DISTRICT = 60;
export const ENTITIES_PER_SLICE = 1500;

export interface ProvinceShape {
  districts: number;
  slices: number;
  /** Entities of each kind in each slice; they sum to the requested total. */
  sliceCounts: Record<EntityKind, number>[];
}

/** Splits `total` by `weights` into whole numbers summing to `total` (largest remainder, ties by order). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}

export function provinceShape(entities: number, officers: number): ProvinceShape {
  const kinds = Object.keys(ENTITY_KINDS) as EntityKind[];
  const districts = Math.max(1, Math.round(officers / OFFICERS_PER_DISTRICT));
  const slices = Math.max(1, Math.round(entities / ENTITIES_PER_SLICE));
  const perKind = apportion(
    entities,
    kinds.map((k) => DEMO_KIND_COUNTS[k]),
  );
  const bySlice = perKind.map((n) => apportion(n, Array(slices).fill(1) as number[]));
  const sliceCounts = Array.from(
    { length: slices },
    (_, s) => Object.fromEntries(kinds.map((k, i) => [k, bySlice[i]![s]!])) as Record<EntityKind, number>,
  );
  return { districts, slices, sliceCounts };
}

/** District `d`'s copy of a demo station id: PS-HL → PS-HL-007. */
export const districtStationId = (stationId: string, d: number) => `${stationId}-${String(d + 1).padStart(3, '0')}`;

export function districtStations(d: number): NewPoliceStation[] {
  return DEMO_STATIONS.map((s) => ({
    id: districtStationId(s.id, d),
    name_zh: `第${d + 1}区${s.name_zh}`,
    name_en: `District ${d + 1} ${s.name_en}`,
  }));
}

/** The district's 60 officers, numbered 1DDDII (district, index): apart from the demo's 02xxxx. */
export function districtOfficers(seed: number, d: number, today: string): DemoOfficer[] {
  return generateOfficers(new DemoRandom(seed, `province/officers/${d}`), today).map((o, i) => {
    const code = String(100000 + d * 100 + i);
    return {
      ...o,
      code,
      station_id: o.station_id === null || o.station_id === undefined ? null : districtStationId(o.station_id, d),
      credential_no: o.credential_no ? o.credential_no.replace(/\d{6}$/, code) : null,
    };
  });
}

/**
 * Slice `s`'s entities (district `d`): the demo's generator with the slice's counts, codes numbered
 * across the province (R09-HOTEL-P000123) and the district's stations. `next` holds each kind's last
 * number and is advanced.
 */
export function sliceEntities(
  seed: number,
  s: number,
  d: number,
  today: string,
  counts: Record<EntityKind, number>,
  next: Map<EntityKind, number>,
): DemoEntity[] {
  return generateEntities(new DemoRandom(seed, `province/entities/${s}`), today, counts).map((e) => {
    const n = (next.get(e.kind) ?? 0) + 1;
    next.set(e.kind, n);
    return {
      ...e,
      code: e.code.replace(/-\d+$/, `-P${String(n).padStart(6, '0')}`),
      station_id: e.station_id === null ? null : districtStationId(e.station_id, d),
    };
  });
}
