import { describe, expect, it } from 'vitest';
import {
  parsePersonFine,
  parsePrecondition,
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
      established: ['overdue_rectification_with_harm_or_serious_threat'],
      procedure: { collectiveDiscussionHeld: true, hearingRightNotified: false },
    });
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
    const ok = validatePenalty(toProposedPenalty({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', amount: 800_000 }));
    expect(penaltyResultLines('R09-PAWN-PROHIBITED-GOODS', ok)[0]).toMatch(/^OK/);
    const refused = validatePenalty(
      toProposedPenalty({ regime: 'R09', violation: 'R09-PAWN-PROHIBITED-GOODS', amount: 4_000_000 }),
    );
    const lines = penaltyResultLines('R09-PAWN-PROHIBITED-GOODS', refused);
    expect(lines[0]).toContain('REFUSED');
    expect(lines).toHaveLength(1 + refused.reasons.length);
    expect(lines[1]).toMatch(/罚款 40,000 元.* \/ A fine of 40,000 yuan/);
  });
});
