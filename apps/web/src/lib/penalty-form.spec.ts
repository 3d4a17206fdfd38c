import { describe, expect, it } from 'vitest';
import { emptyPenaltyValues, needsProcedureRecords, wholeNumber, yuanToFen } from './penalty-form.js';

describe('the penalty form: yuan typed, fen kept', () => {
  it('parses yuan as decimal text, exactly', () => {
    expect(yuanToFen('8000')).toBe(800_000);
    expect(yuanToFen(' 8,000.5 ')).toBe(800_050);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1234.56')).toBe(123_456);
    expect(yuanToFen('')).toBeNull();
    for (const bad of ['-1', '1.234', '1e3', 'abc', '１０００', '5000元']) expect(yuanToFen(bad)).toBe('invalid');
    expect(wholeNumber('7')).toBe(7);
    expect(wholeNumber('7.5')).toBe('invalid');
    expect(wholeNumber('')).toBeNull();
  });
  it('asks for the hearing and discussion records when core’s validator does (10,000 yuan for a unit)', () => {
    const v = { ...emptyPenaltyValues('某典当行', '2026-11-27'), violation: 'R09-PAWN-PROHIBITED-GOODS' };
    expect(needsProcedureRecords({ ...v, fineYuan: '9999.99' })).toBe(false);
    expect(needsProcedureRecords({ ...v, fineYuan: '10000' })).toBe(true);
    expect(needsProcedureRecords({ ...v, violation: '', fineYuan: '50000' })).toBe(false);
    const seal = { ...v, violation: 'R09-SEAL-FACILITY-OR-RULES', severity: 'serious' as const, fineYuan: '2000' };
    expect(needsProcedureRecords(seal)).toBe(false);
    expect(needsProcedureRecords({ ...seal, revoke: true })).toBe(true);
  });
});
