/**
 * Classification of supervised entities: which schedule an entity falls under.
 */
import type { EntityKind, VehicleCounts } from './entity-kinds.js';

/** How often a census obligation recurs. Windows are aligned to the calendar year. */
export type Cadence = 'month' | 'two_months' | 'quarter' | 'year';

// R03 监管对象: 有5辆（含）以上营运车辆……；有5辆（含）以上重点车辆的非道路客货运输经营企业。
export const R03_KEY_VEHICLE_THRESHOLD = 5;

/** Key vehicles (重点车辆): medium/heavy trucks, tractors, trailers, dangerous-goods vehicles, school buses, passenger vehicles of 10+ seats (training cars excluded). */
export function keyVehicleCount(c: VehicleCounts): number {
  return c.medium_heavy_truck + c.tractor + c.trailer + c.dangerous_goods + c.school_bus + c.passenger_10_plus;
}

function checkCounts(c: VehicleCounts): void {
  for (const [k, v] of Object.entries(c)) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`vehicle count ${k} must be a non-negative integer, got ${String(v)}`);
  }
}

/**
 * R03: a key-vehicle unit (重点车辆单位) has 5 or more operating vehicles, or 5 or more key vehicles.
 * The two tests are separate: 3 operating vehicles and 3 trucks do not add up to a key-vehicle unit.
 * The registry records each vehicle under one type, so key types are summed without double counting.
 */
export function isKeyVehicleUnit(c: VehicleCounts): boolean {
  checkCounts(c);
  return c.operating >= R03_KEY_VEHICLE_THRESHOLD || keyVehicleCount(c) >= R03_KEY_VEHICLE_THRESHOLD;
}

/**
 * R03 监管方式: the inspection frequency of a traffic-safety responsible unit, or null when it has
 * no schedule (a vehicle_unit under the key-vehicle threshold is screened from violation and
 * accident records and inspected when a major hazard shows). Returns undefined for non-R03 kinds.
 */
export function r03FrequencyClass(kind: EntityKind, vehicles?: VehicleCounts | null): Cadence | null | undefined {
  switch (kind) {
    // R03: “两客一危”企业、公共交通运输企业和校车服务机构每月至少检查一次。
    case 'two_passenger_one_hazard':
    case 'public_transport':
    case 'school_bus_operator':
      return 'month';
    // R03: 使用校车的学校或幼儿园每两个月检查一次。
    case 'school_bus_school':
      return 'two_months';
    // R03: 其他重点车辆单位和公路客运场站……每季度至少检查一次。
    case 'passenger_station':
      return 'quarter';
    case 'vehicle_unit':
      return vehicles != null && isKeyVehicleUnit(vehicles) ? 'quarter' : null;
    default:
      return undefined;
  }
}

/** R09 日常巡查: hotels monthly; seal engravers and pawnshops at least quarterly. */
export function r09PatrolCadence(kind: EntityKind): Cadence | undefined {
  if (kind === 'hotel') return 'month';
  if (kind === 'seal_engraver' || kind === 'pawnshop') return 'quarter';
  return undefined;
}
