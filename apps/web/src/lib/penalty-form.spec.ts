import { describe, expect, it } from 'vitest';
import {
  OTHER_ARTICLE,
  articleChoices,
  emptyPenaltyValues,
  legalReviewOf,
  needsProcedureRecords,
  previewOf,
  wholeNumber,
  yuanToFen,
} from './penalty-form.js';
import { findPenaltyRule } from '@supervise/core';

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
  it('offers the articles of the violation’s laws, and asks for a legal review where core does (issue 11)', () => {
    expect(articleChoices(findPenaltyRule('R05-EVENT-VIOLATION')!).map((a) => a.id)).toContain('LPE-2007-20');
    expect(articleChoices(findPenaltyRule('R10-SCRAP-STOLEN-GOODS')!).map((a) => a.id)).toEqual(['PSAPL-2012-59']);
    const v = {
      ...emptyPenaltyValues('某保安公司', '2026-11-27'),
      violation: 'R07-SECURITY-SERVICE-VIOLATION',
      actOn: '2026-11-02',
      warning: true,
      article: OTHER_ARTICLE,
      articleText: '《保安服务管理条例》第四十二条',
    };
    expect(previewOf(v)?.requiresLegalReview).toBe(true);
    expect(previewOf(v)?.reasons.map((r) => r.code)).toEqual(['PENALTY-LEGAL-REVIEW-REQUIRED']);
    const review = {
      ...v.review,
      by: '王五',
      on: '2026-11-20',
      article: '第四十二条',
      opinion: '同意',
      warning: true,
      fineMax: '5000',
    };
    expect(legalReviewOf(review)?.approved).toMatchObject({ warning: true, fine: { minFen: 0, maxFen: 500_000 } });
    expect(previewOf({ ...v, review })?.reasons).toEqual([]);
  });
});
