import { describe, expect, it } from 'vitest';
import { checkCreditGrade, CREDIT_GRADE_CRITERIA_IN_SEED, CREDIT_GRADE_NAMES, CREDIT_GRADES } from './credit-grade.js';

const ok = {
  entityCode: 'E1',
  grade: 'serious',
  reason: '重大隐患逾期未整改，主观故意明显',
  basisKind: 'penalty',
  basisId: '12',
};

describe('R03 dishonesty grades (seed R03 四、监管措施（六）)', () => {
  it('knows the three grades the clause names, and that the seed gives no criteria', () => {
    expect(CREDIT_GRADES.map((g) => CREDIT_GRADE_NAMES[g].zh)).toEqual(['一般失信', '较重失信', '严重失信']);
    expect(CREDIT_GRADE_CRITERIA_IN_SEED).toBe(false);
  });

  it('takes an officer’s grade with a reason and one record, naming each bad field', () => {
    expect(checkCreditGrade(ok)).toEqual([]);
    expect(checkCreditGrade({ ...ok, grade: 'bad' })).toEqual([{ field: 'grade', code: 'bad_grade' }]);
    expect(checkCreditGrade({ ...ok, reason: ' ' })).toEqual([{ field: 'reason', code: 'required' }]);
    expect(checkCreditGrade({ ...ok, basisKind: 'inspection' })).toEqual([{ field: 'basisKind', code: 'bad_basis' }]);
    expect(checkCreditGrade({ ...ok, basisId: '' })).toEqual([{ field: 'basisId', code: 'required' }]);
    expect(checkCreditGrade({ ...ok, basisId: '1; drop' })).toEqual([{ field: 'basisId', code: 'bad_basis' }]);
  });
});
