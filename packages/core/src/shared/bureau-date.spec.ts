import { describe, expect, it } from 'vitest';
import { bureauDate } from './bureau-date.js';

describe('bureauDate', () => {
  it('turns at midnight in Asia/Shanghai, which is 16:00 UTC the day before', () => {
    expect(bureauDate(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(bureauDate(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
    expect(bureauDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});
