import { describe, expect, it } from 'vitest';
import {
  parsePersonDetention,
  parsePersonFine,
  parsePrecondition,
  parseRange,
  penaltyResultLines,
  toProposedPenalty,
  UnknownViolationError,
} from './penalty.command.js';
import { validatePenalty } from '@supervise/core';

describe('penalty check arguments', () => {
  it('maps the flags onto the validator input, in fen', () => {
    expect(
      toProposedPenalty({
        regime: 'R14',
        violation: 'r14-bank-overdue-rectification',
        amount: 2_000_000,
        headFine: [{ personId: 'wang', fineFen: 300_000 }],
        personFine: [{ personId: 'li', fineFen: 80_000 }],
        precondition: ['overdue_rectification_with_harm_or_serious_threat'],
        collectiveDiscussion: true,
        actDate: '2026-03-02',
        decidedOn: '2026-04-01',
        article: 'ISPR-2004-OVERDUE-HAZARD',
      }),
    ).toEqual({
      violation: 'R14-BANK-OVERDUE-RECTIFICATION',
      severity: 'standard',
      party: 'unit',
      warning: false,
      fineFen: 2_000_000,
      inspectionFeesFen: null,
      individualFines: [
        { personId: 'wang', fineFen: 300_000, role: 'head' },
        { personId: 'li', fineFen: 80_000, role: 'directly_responsible' },
      ],
      detentionDays: null,
      revokeLicence: false,
      suspendBusiness: false,
      confiscateLicence: false,
      article: 'ISPR-2004-OVERDUE-HAZARD',
      actOn: '2026-03-02',
      decidedOn: '2026-04-01',
      legalReview: null,
      established: ['overdue_rectification_with_harm_or_serious_threat'],
      procedure: { collectiveDiscussionHeld: true, hearingRightNotified: false, hearingHeld: false, majorCase: false },
    });
  });

  it('merges a fine and a detention of the same person, and builds a legal review from its flags', () => {
    const p = toProposedPenalty({
      regime: 'R10',
      violation: 'R10-SCRAP-STOLEN-GOODS',
      unit: true,
      headFine: [{ personId: 'wang', fineFen: 80_000 }],
      headDetention: [{ personId: 'wang', detentionDays: 7 }],
      legalReviewBy: '王五',
      legalReviewDate: '2026-03-30',
      legalReviewArticle: '《治安管理处罚法》（2025年修订）',
      legalReviewOpinion: '同意',
      legalReviewFine: parseRange('500-1000', 'yuan'),
      legalReviewPersonDetention: parseRange('5-10', 'days'),
      legalReviewAllows: ['warning'],
    });
    expect(p.individualFines).toEqual([{ personId: 'wang', role: 'head', fineFen: 80_000, detentionDays: 7 }]);
    expect(p.legalReview?.approved).toEqual({
      warning: true,
      suspension: false,
      revocation: false,
      confiscation: false,
      fine: { minFen: 50_000, maxFen: 100_000 },
      detention: null,
      personFine: null,
      personDetention: { minDays: 5, maxDays: 10 },
    });
    expect(() =>
      toProposedPenalty({ regime: 'R10', violation: 'R10-SCRAP-STOLEN-GOODS', unit: true, legalReviewBy: '王五' }),
    ).toThrow(/--legal-review-opinion/);
    expect(() => parseRange('10-5', 'days')).toThrow(/minimum above maximum/);
    expect(parsePersonDetention('zhang=7')).toEqual({ personId: 'zhang', detentionDays: 7 });
  });

  it('lists the regime’s valid codes for an unknown code or one of another regime', () => {
    for (const violation of ['NOPE', 'R10-SCRAP-STOLEN-GOODS']) {
      try {
        toProposedPenalty({ regime: 'R09', violation });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(UnknownViolationError);
        const u = e as UnknownViolationError;
        expect(u.validCodes).toContain('R09-PAWN-PROHIBITED-GOODS');
        expect(u.validCodes.every((c) => c.startsWith('R09-'))).toBe(true);
        expect(u.message).toContain('R09-SEAL-FILING-NOT-DONE');
      }
    }
  });

  it('asks for --unit or --individual when the violation applies to both', () => {
    expect(() => toProposedPenalty({ regime: 'R10', violation: 'R10-SCRAP-STOLEN-GOODS', amount: 80_000 })).toThrow(
      /--individual/,
    );
    expect(toProposedPenalty({ regime: 'R10', violation: 'R10-SCRAP-STOLEN-GOODS', individual: true }).party).toBe('individual');
  });

  it('parses preconditions in kebab or snake case, and person=yuan fines', () => {
    expect(parsePrecondition('rectification-deadline-passed-unmet')).toBe('rectification_deadline_passed_unmet');
    expect(parsePrecondition('overdue_rectification_inadequate')).toBe('overdue_rectification_inadequate');
    expect(() => parsePrecondition('whatever')).toThrow(/valid/);
    expect(parsePersonFine('zhang=800.5')).toEqual({ personId: 'zhang', fineFen: 80_050 });
    expect(() => parsePersonFine('zhang')).toThrow(/person=amount/);
  });

  it('prints OK, or every reason in Chinese then English', () => {
    const dates = { actDate: '2026-03-02', decidedOn: '2026-04-01' };
    const ok = validatePenalty(
      toProposedPenalty({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', amount: 800_000, ...dates }),
    );
    expect(penaltyResultLines('R09-PAWN-PROHIBITED-GOODS', ok)[0]).toMatch(/^OK/);
    const refused = validatePenalty(
      toProposedPenalty({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', amount: 4_000_000, ...dates }),
    );
    const lines = penaltyResultLines('R09-PAWN-PROHIBITED-GOODS', refused);
    expect(lines[0]).toContain('REFUSED');
    // The verdict, the article applied, then every reason.
    expect(lines[1]).toContain('PAWN-2005-PROHIBITED-GOODS');
    expect(lines).toHaveLength(2 + refused.reasons.length);
    expect(lines[2]).toMatch(/罚款 40,000 元.* \/ A fine of 40,000 yuan/);
  });
});
