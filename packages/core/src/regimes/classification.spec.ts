import { describe, expect, it } from 'vitest';
import { isKeyVehicleUnit, r03FrequencyClass, r09PatrolCadence } from './classification.js';
import type { VehicleCounts } from './entity-kinds.js';

const none: VehicleCounts = {
  operating: 0,
  medium_heavy_truck: 0,
  tractor: 0,
  trailer: 0,
  dangerous_goods: 0,
  school_bus: 0,
  passenger_10_plus: 0,
};

describe('R03 监管对象: a key-vehicle unit has 5+ operating vehicles or 5+ key vehicles', () => {
  it('5 operating vehicles: key; 4: not', () => {
    expect(isKeyVehicleUnit({ ...none, operating: 5 })).toBe(true);
    expect(isKeyVehicleUnit({ ...none, operating: 4 })).toBe(false);
  });
  it('5 key vehicles summed across the listed types: key', () => {
    expect(isKeyVehicleUnit({ ...none, medium_heavy_truck: 1, tractor: 1, trailer: 1, dangerous_goods: 1, school_bus: 1 })).toBe(
      true,
    );
    expect(isKeyVehicleUnit({ ...none, passenger_10_plus: 5 })).toBe(true);
    expect(isKeyVehicleUnit({ ...none, passenger_10_plus: 4 })).toBe(false);
  });
  it('the two tests are not added together (3 operating + 3 trucks is not key)', () => {
    expect(isKeyVehicleUnit({ ...none, operating: 3, medium_heavy_truck: 3 })).toBe(false);
  });
  it('negative or fractional counts are refused', () => {
    expect(() => isKeyVehicleUnit({ ...none, operating: -1 })).toThrow(RangeError);
    expect(() => isKeyVehicleUnit({ ...none, tractor: 1.5 })).toThrow(RangeError);
  });
});

describe('R03 监管方式: frequency class', () => {
  it('monthly: 两客一危, public transport, school-bus operators', () => {
    expect(r03FrequencyClass('two_passenger_one_hazard')).toBe('month');
    expect(r03FrequencyClass('public_transport')).toBe('month');
    expect(r03FrequencyClass('school_bus_operator')).toBe('month');
  });
  it('every two months: schools and kindergartens using school buses', () => {
    expect(r03FrequencyClass('school_bus_school')).toBe('two_months');
  });
  it('quarterly: passenger stations and key-vehicle units; none under the threshold', () => {
    expect(r03FrequencyClass('passenger_station')).toBe('quarter');
    expect(r03FrequencyClass('vehicle_unit', { ...none, dangerous_goods: 5 })).toBe('quarter');
    expect(r03FrequencyClass('vehicle_unit', { ...none, dangerous_goods: 4 })).toBeNull();
    expect(r03FrequencyClass('vehicle_unit')).toBeNull();
  });
  it('not an R03 kind', () => {
    expect(r03FrequencyClass('hotel')).toBeUndefined();
  });
});

describe('R09 监督检查方式 1: routine patrol', () => {
  it('hotels monthly; seal engravers and pawnshops quarterly', () => {
    expect(r09PatrolCadence('hotel')).toBe('month');
    expect(r09PatrolCadence('seal_engraver')).toBe('quarter');
    expect(r09PatrolCadence('pawnshop')).toBe('quarter');
    expect(r09PatrolCadence('bank_outlet')).toBeUndefined();
  });
});
