import { describe, expect, it } from 'vitest';
import { defaultWindowEnd, parseShareOption, resolveRunShare } from './draw.command.js';

describe('draw run options', () => {
  it("defaults to the regime's rule", () => {
    expect(resolveRunShare({ regime: 'R09' }, '2026-11-27')).toEqual({ kind: 'min', value: '0.30' });
    expect(resolveRunShare({ regime: 'R10' }, '2026-11-27')).toEqual({ kind: 'min', value: '0.20' });
    expect(resolveRunShare({ regime: 'R14', requested: 3 }, '2026-11-27')).toEqual({ kind: 'max', value: '0.05' });
  });
  it('may raise a minimum or lower a maximum, never break the rule', () => {
    expect(resolveRunShare({ regime: 'R09', share: '0.50' }, '2026-11-27')).toEqual({ kind: 'min', value: '0.50' });
    expect(() => resolveRunShare({ regime: 'R09', share: '0.29' }, '2026-11-27')).toThrow(/at least 0.30/);
    expect(resolveRunShare({ regime: 'R14', share: '0.02', requested: 1 }, '2026-11-27')).toEqual({ kind: 'max', value: '0.02' });
    expect(() => resolveRunShare({ regime: 'R14', share: '0.06', requested: 1 }, '2026-11-27')).toThrow(/at most 0.05/);
    expect(() => resolveRunShare({ regime: 'R14' }, '2026-11-27')).toThrow(/--requested/);
    expect(() => resolveRunShare({ regime: 'R09', requested: 4 }, '2026-11-27')).toThrow(/--requested/);
    expect(() => resolveRunShare({ regime: 'R01' }, '2026-11-27')).toThrow(/--share/);
  });
  it('parses a share exactly and refuses anything outside [0, 1]', () => {
    expect(parseShareOption(' 0.30 ')).toBe('0.30');
    expect(() => parseShareOption('1.5')).toThrow(/share/);
    expect(() => parseShareOption('30%')).toThrow(/share/);
  });
  it('windows end with the quarter (R09), half-year (R10) or year (R14)', () => {
    expect(defaultWindowEnd('R09', '2026-11-27')).toBe('2026-12-31');
    expect(defaultWindowEnd('R09', '2026-02-03')).toBe('2026-03-31');
    expect(defaultWindowEnd('R10', '2026-02-03')).toBe('2026-06-30');
    expect(defaultWindowEnd('R14', '2026-02-03')).toBe('2026-12-31');
  });
});
