import { describe, expect, it } from 'vitest';
import {
  DrawRequestError,
  checkDrawWindow,
  checkYearlySpotCheckCap,
  defaultDrawWindowEnd,
  drawPeriodOf,
  resolveDrawShare,
} from './draw-rules.js';

const ON = '2026-11-27';

function refusal(f: () => unknown): DrawRequestError {
  try {
    f();
  } catch (e) {
    if (e instanceof DrawRequestError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('draw periods and windows (R09 quarter, R10 half-year, R14 year)', () => {
  it('names the period of a date', () => {
    expect(drawPeriodOf('R09', '2026-11-27')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(drawPeriodOf('R09', '2026-02-03')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(drawPeriodOf('R10', '2026-02-03')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(drawPeriodOf('R10', '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(drawPeriodOf('R14', '2026-02-03')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(defaultDrawWindowEnd('R09', '2024-02-29')).toBe('2024-03-31');
  });
  it('refuses a window across two periods, naming the rule', () => {
    expect(() => checkDrawWindow('R09', '2026-10-01', '2026-12-31')).not.toThrow();
    const e = refusal(() => checkDrawWindow('R09', '2026-12-01', '2027-01-15'));
    expect(e.code).toBe('WINDOW_OUTSIDE_PERIOD');
    expect(e.rule).toContain('R09-SPECIAL');
    expect(e.en).toContain('one quarter');
    expect(refusal(() => checkDrawWindow('R10', '2026-05-01', '2026-07-01')).rule).toContain('R10-SPECIAL');
    expect(refusal(() => checkDrawWindow('R09', '2026-12-02', '2026-12-01')).code).toBe('WINDOW_ORDER');
  });
});

describe('draw shares', () => {
  it("defaults to the regime's rule", () => {
    expect(resolveDrawShare({ regime: 'R09' }, ON)).toEqual({ kind: 'min', value: '0.30' });
    expect(resolveDrawShare({ regime: 'R10' }, ON)).toEqual({ kind: 'min', value: '0.20' });
    expect(resolveDrawShare({ regime: 'R14', requested: 2 }, ON)).toEqual({ kind: 'max', value: '0.05' });
  });
  it('refuses a share below a minimum or above a maximum, naming the rule', () => {
    const low = refusal(() => resolveDrawShare({ regime: 'R09', share: '0.29' }, ON));
    expect([low.code, low.field, low.rule]).toEqual(['SHARE_BELOW_RULE', 'share', 'R09-SPECIAL（R09 监督检查方式 2）']);
    expect(refusal(() => resolveDrawShare({ regime: 'R10', share: '0.1999' }, ON)).code).toBe('SHARE_BELOW_RULE');
    expect(resolveDrawShare({ regime: 'R10', share: '0.20' }, ON)).toEqual({ kind: 'min', value: '0.20' });
    const high = refusal(() => resolveDrawShare({ regime: 'R14', share: '0.051', requested: 1 }, ON));
    expect([high.code, high.rule]).toEqual(['SHARE_ABOVE_RULE', 'R14-SPOT（R14 监督检查方式）']);
  });
  it('a maximum share needs a requested number; a minimum takes none; no rule needs a share', () => {
    expect(refusal(() => resolveDrawShare({ regime: 'R14' }, ON)).code).toBe('REQUESTED_MISSING');
    expect(refusal(() => resolveDrawShare({ regime: 'R14', requested: -1 }, ON)).code).toBe('REQUESTED_MISSING');
    expect(refusal(() => resolveDrawShare({ regime: 'R09', requested: 4 }, ON)).code).toBe('REQUESTED_NOT_ALLOWED');
    expect(refusal(() => resolveDrawShare({ regime: 'R01' }, ON)).code).toBe('NO_RULE');
  });
});

describe('R14 yearly cap (抽查面不超过5%/年)', () => {
  const share = { kind: 'max', value: '0.05' } as const;
  it('allows up to floor(5% × N) a year across draws', () => {
    // 5% of 60 outlets = 3
    expect(() => checkYearlySpotCheckCap('R14', share, 2, 60, 1, ON)).not.toThrow();
    const e = refusal(() => checkYearlySpotCheckCap('R14', share, 2, 60, 2, ON));
    expect(e.code).toBe('YEARLY_SHARE_EXCEEDED');
    expect(e.en).toContain('= 3 a year');
  });
  it('does not apply to minimum-share campaigns', () => {
    expect(() => checkYearlySpotCheckCap('R09', { kind: 'min', value: '0.30' }, 99, 10, 99, ON)).not.toThrow();
  });
});
