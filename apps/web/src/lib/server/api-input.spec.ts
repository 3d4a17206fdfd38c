import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { noticeFormatOf, parseAddQuery } from './calendar.js';
import { parsePenaltyCheck } from './penalty-check.js';

const q = (s: string) => new URLSearchParams(s);

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseAddQuery', () => {
  it('reads the date and exactly one unit', () => {
    expect(parseAddQuery(q('from=2026-09-30&workingDays=5'))).toEqual({
      from: '2026-09-30',
      period: { unit: 'working_days', n: 5 },
    });
    expect(parseAddQuery(q('from=2026-03-31&months=2')).period).toEqual({ unit: 'months', n: 2 });
  });

  it('answers 400 naming the field', () => {
    expect(errorOf(() => parseAddQuery(q('from=2026-02-30&days=1')))).toMatchObject({ status: 400, field: 'from' });
    expect(errorOf(() => parseAddQuery(q('from=2026-09-30')))).toMatchObject({ status: 400, code: 'PERIOD_UNIT_REQUIRED' });
    expect(errorOf(() => parseAddQuery(q('from=2026-09-30&days=1&months=2')))).toMatchObject({ field: 'months' });
    expect(errorOf(() => parseAddQuery(q('from=2026-09-30&days=1.5')))).toMatchObject({ field: 'days' });
  });
});

describe('parsePenaltyCheck', () => {
  it('builds the proposed penalty with defaults', () => {
    const { regime, proposed } = parsePenaltyCheck({ regime: 'r09', violation: 'r09-pawn-prohibited-goods', fineFen: 800_000 });
    expect(regime).toBe('R09');
    expect(proposed).toMatchObject({ violation: 'R09-PAWN-PROHIBITED-GOODS', fineFen: 800_000, severity: 'standard' });
  });

  it('refuses unknown fields, bad amounts and codes of another regime', () => {
    expect(errorOf(() => parsePenaltyCheck({ regime: 'R09', violation: 'X', bogus: 1 }))).toMatchObject({ status: 400 });
    expect(
      errorOf(() => parsePenaltyCheck({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', fineFen: 1.5 })),
    ).toMatchObject({
      field: 'fineFen',
    });
    expect(errorOf(() => parsePenaltyCheck({ regime: 'R10', violation: 'R09-PAWN-PROHIBITED-GOODS' }))).toMatchObject({
      code: 'PENALTY-UNKNOWN-VIOLATION',
      field: 'violation',
    });
  });
});

describe('noticeFormatOf', () => {
  it('reads a file name or a content type', () => {
    expect(noticeFormatOf('notice-2027.JSON')).toBe('json');
    expect(noticeFormatOf('text/csv; charset=utf-8')).toBe('csv');
    expect(noticeFormatOf('notice.txt')).toBeUndefined();
  });
});
