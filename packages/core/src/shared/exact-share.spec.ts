import { describe, expect, it } from 'vitest';
import { InvalidShareError, ceilShareOf, compareCoverage, floorShareOf, parseShare } from './exact-share.js';

describe('exact share arithmetic (no floats)', () => {
  it('ceil(0.30 × 10) = 3 exactly, and 0.07 × 100 = 7 where floats give 8', () => {
    expect(Math.ceil(0.07 * 100)).toBe(8); // the float trap this helper exists to avoid
    expect(ceilShareOf('0.07', 100)).toBe(7);
    expect(ceilShareOf('0.30', 10)).toBe(3);
    expect(ceilShareOf('0.1', 30)).toBe(3);
  });
  it('rounds up for minimum shares and down for maximum shares', () => {
    expect(ceilShareOf('0.30', 11)).toBe(4); // 3.3 → 4
    expect(ceilShareOf('0.20', 7)).toBe(2); // 1.4 → 2
    expect(floorShareOf('0.05', 39)).toBe(1); // 1.95 → 1
    expect(floorShareOf('0.05', 40)).toBe(2);
    expect(floorShareOf('0.05', 19)).toBe(0);
    expect(ceilShareOf('0.30', 0)).toBe(0);
  });
  it('compares coverage exactly', () => {
    expect(compareCoverage(3, 10, '0.30')).toBe(0);
    expect(compareCoverage(2, 10, '0.30')).toBe(-1);
    expect(compareCoverage(1, 19, '0.05')).toBe(1);
  });
  it('refuses shares outside [0, 1] and non-decimal input', () => {
    expect(() => parseShare('1.5')).toThrow(InvalidShareError);
    expect(() => parseShare('-0.1')).toThrow(InvalidShareError);
    expect(() => parseShare('30%')).toThrow(InvalidShareError);
    expect(() => parseShare('.3')).toThrow(InvalidShareError);
    expect(parseShare('1')).toEqual({ numerator: 1n, denominator: 1n });
  });
});
