import { describe, expect, it } from 'vitest';
import { isInService } from './in-service.js';

describe('isInService (issue 8 §4: a first start does not flood)', () => {
  it('keeps what ends on or after the in-service day and drops what ended before it', () => {
    expect(isInService('2026-09-30', '2026-11-30')).toBe(false); // Q3 campaign, before the system existed
    expect(isInService('2026-11-29', '2026-11-30')).toBe(false);
    expect(isInService('2026-11-30', '2026-11-30')).toBe(true); // the last day is the first in service
    expect(isInService('2026-12-31', '2026-11-30')).toBe(true); // Q4 and the year: in service
  });

  it('bounds nothing without an in-service day', () => {
    expect(isInService('2004-01-01', null)).toBe(true);
  });
});
