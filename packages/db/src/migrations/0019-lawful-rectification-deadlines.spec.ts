/**
 * The database's deadline rules (migration 0019) use core's numbers: a change to a named deadline in
 * core without a migration that moves the database with it fails here.
 */
import {
  NAMED_DEADLINES,
  R03_RECTIFICATION_EXTENDED_MAX_DAYS,
  R03_RECTIFICATION_MAX_DAYS,
  R14_RECTIFICATION_MAX_MONTHS,
} from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { DB_RECTIFICATION_LIMITS } from './0019-lawful-rectification-deadlines.js';

const named = (id: string) => NAMED_DEADLINES.find((d) => d.id === id)!;

describe('0019: the database refuses the deadlines core refuses', () => {
  it("holds core's numbers, in core's units", () => {
    expect(DB_RECTIFICATION_LIMITS).toEqual({
      r03Days: R03_RECTIFICATION_MAX_DAYS,
      r03ExtendedDays: R03_RECTIFICATION_EXTENDED_MAX_DAYS,
      r14Months: R14_RECTIFICATION_MAX_MONTHS,
    });
    expect([named('R03-RECTIFICATION').unit, named('R03-RECTIFICATION').amount]).toEqual([
      'calendar_days',
      DB_RECTIFICATION_LIMITS.r03Days,
    ]);
    expect([named('R03-RECTIFICATION-EXTENDED').unit, named('R03-RECTIFICATION-EXTENDED').amount]).toEqual([
      'calendar_days',
      DB_RECTIFICATION_LIMITS.r03ExtendedDays,
    ]);
    expect([named('R14-RECTIFICATION').unit, named('R14-RECTIFICATION').amount]).toEqual([
      'months',
      DB_RECTIFICATION_LIMITS.r14Months,
    ]);
  });
});
