/**
 * R03 dishonesty grades (失信, issue 13 §7). The rulebook (R03 四、监管措施（六）):
 *   "省级公安机关交通管理部门应当定期汇总生产经营单位道路交通安全信息记录，向省信用信息平台推送，并按照
 *    主观故意、情节轻重、责任大小和危害程度，将信息分为一般失信、较重失信、严重失信三类，对道路交通安全失信
 *    主体实施联动惩戒。"
 * It names the three grades and the four things weighed, and NO criteria or thresholds: the grade is
 * therefore an officer's decision, recorded with a reason and the record it rests on (a penalty or a
 * rectification notice of the same unit), never computed here. The district lists the grades and
 * exports them in a file for the provincial credit platform; the push itself is the province's.
 */
export const CREDIT_GRADE_CLAUSE = 'seed R03 四、监管措施（六）' as const;

export const CREDIT_GRADES = ['general', 'serious', 'severe'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

export const CREDIT_GRADE_NAMES: Readonly<Record<CreditGrade, { zh: string; en: string }>> = {
  general: { zh: '一般失信', en: 'general dishonesty' },
  serious: { zh: '较重失信', en: 'serious dishonesty' },
  severe: { zh: '严重失信', en: 'severe dishonesty' },
};

/** The four considerations the clause names; the officer's reason is to address them (not scored). */
export const CREDIT_GRADE_FACTORS = ['主观故意', '情节轻重', '责任大小', '危害程度'] as const;

/** Whether the seed defines criteria for the grades: it does not (see the clause above). */
export const CREDIT_GRADE_CRITERIA_IN_SEED = false;

export const CREDIT_BASIS_KINDS = ['penalty', 'rectification'] as const;
export type CreditBasisKind = (typeof CREDIT_BASIS_KINDS)[number];

/** Only road-traffic-safety responsible units are graded: the clause is R03's. */
export const CREDIT_REGIME = 'R03' as const;

export const CREDIT_REASON_MAX = 2000;

export interface CreditGradeInput {
  entityCode: string;
  grade: string;
  reason: string;
  basisKind: string;
  basisId: string;
}

export type CreditGradeErrorCode = 'required' | 'bad_grade' | 'bad_basis' | 'too_long';
export interface CreditGradeError {
  field: keyof CreditGradeInput;
  code: CreditGradeErrorCode;
}

export const isCreditGrade = (v: string): v is CreditGrade => (CREDIT_GRADES as readonly string[]).includes(v);

/** Every reason the grade cannot be recorded as entered (empty: it can), each naming its field. */
export function checkCreditGrade(input: CreditGradeInput): CreditGradeError[] {
  const errors: CreditGradeError[] = [];
  if (input.entityCode.trim() === '') errors.push({ field: 'entityCode', code: 'required' });
  if (!isCreditGrade(input.grade)) errors.push({ field: 'grade', code: input.grade === '' ? 'required' : 'bad_grade' });
  const reason = input.reason.trim();
  if (reason === '') errors.push({ field: 'reason', code: 'required' });
  else if (reason.length > CREDIT_REASON_MAX) errors.push({ field: 'reason', code: 'too_long' });
  if (!(CREDIT_BASIS_KINDS as readonly string[]).includes(input.basisKind))
    errors.push({ field: 'basisKind', code: 'bad_basis' });
  if (!/^\d{1,15}$/.test(input.basisId.trim()))
    errors.push({ field: 'basisId', code: input.basisId.trim() === '' ? 'required' : 'bad_basis' });
  return errors;
}
