import { describe, expect, it } from 'vitest';
import { defaultParty, findViolationOfRegime, violationsOfRegime } from './penalty-violation.js';

describe('findViolationOfRegime (shared by the CLI and /api/v1/penalties/check)', () => {
  it('finds a code of the regime, in any case', () => {
    const r = findViolationOfRegime('R09', ' r09-pawn-prohibited-goods ');
    expect(r.ok && r.rule.violation).toBe('R09-PAWN-PROHIBITED-GOODS');
  });

  it('refuses an unknown code and a code of another regime, listing the regime’s codes', () => {
    const unknown = findViolationOfRegime('R09', 'R09-NOPE');
    expect(unknown).toMatchObject({ ok: false, code: 'PENALTY-UNKNOWN-VIOLATION', en: 'unknown violation code: R09-NOPE' });
    expect(!unknown.ok && unknown.validCodes).toContain('R09-PAWN-PROHIBITED-GOODS');
    const other = findViolationOfRegime('R10', 'R09-PAWN-PROHIBITED-GOODS');
    expect(other).toMatchObject({ ok: false, en: 'R09-PAWN-PROHIBITED-GOODS belongs to R09, not R10' });
  });

  it('defaults the party only when the violation has one', () => {
    for (const rule of violationsOfRegime('R14'))
      expect(defaultParty(rule)).toBe(rule.parties.length === 1 ? rule.parties[0] : null);
  });
});
