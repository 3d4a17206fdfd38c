import { describe, expect, it } from 'vitest';
import { calendar2025And2026 } from '../test-support/calendar-fixture.js';
import { formatDocumentNumber, penaltyDecisionPrefix } from './decision-number.js';
import { sanctionsZh, yuanText } from './penalty-decision-content.js';
import {
  DEFAULT_HEARING_REQUEST_DAYS,
  checkPenaltyProcedure,
  preconditionsFromRectification,
  type PenaltyProcedureRecord,
} from './penalty-procedure.js';

const cal = calendar2025And2026();
const base: PenaltyProcedureRecord = {
  requiresHearingNotice: true,
  decidedOn: '2026-11-20',
  inspectedOn: '2026-11-02',
  today: '2026-11-27',
  hearingNotifiedOn: '2026-11-10',
  hearingRequested: false,
  hearingHeldOn: null,
  collectiveDiscussionOn: '2026-11-18',
  collectiveDiscussionNote: '同意罚款',
};
const codes = (r: Partial<PenaltyProcedureRecord>) => checkPenaltyProcedure(cal, { ...base, ...r }).reasons.map((x) => x.code);

describe('decision numbers', () => {
  it('鹿公(治)行罚决字〔2026〕0001号, per brigade', () => {
    expect(formatDocumentNumber(penaltyDecisionPrefix('B-ZA'), 2026, 1)).toBe('鹿公(治)行罚决字〔2026〕0001号');
    expect(formatDocumentNumber(penaltyDecisionPrefix('B-WA'), 2025, 123)).toBe('鹿公(网)行罚决字〔2025〕0123号');
    expect(() => penaltyDecisionPrefix('B-NOPE')).toThrow(RangeError);
    expect(() => formatDocumentNumber('x', 2026, 0)).toThrow(RangeError);
  });
});

describe('the hearing and the collective discussion on the file (行政处罚法 第五十七、六十三、六十四条)', () => {
  it('a complete record after the request period passes', () => {
    expect(codes({})).toEqual([]);
    expect(checkPenaltyProcedure(cal, base).hearingRequestEndsOn).toBe('2026-11-16');
    expect(checkPenaltyProcedure(cal, base).notes.map((n) => n.code)).toEqual(['PENALTY-HEARING-REQUEST-PERIOD-UNSETTLED']);
  });
  it('the request period: five days, start day not counted, a rest day moves the end to the next working day', () => {
    expect(DEFAULT_HEARING_REQUEST_DAYS).toBe(5);
    // Notified Tue 2026-11-10: day 5 is Sun 11-15, so the period ends Mon 11-16.
    expect(codes({ decidedOn: '2026-11-16', collectiveDiscussionOn: '2026-11-12' })).toEqual([
      'PENALTY-DECIDED-WITHIN-HEARING-REQUEST-PERIOD',
    ]);
    expect(codes({ decidedOn: '2026-11-17', collectiveDiscussionOn: '2026-11-12' })).toEqual([]);
    // A caller may pass the Ministry's three days.
    const three = checkPenaltyProcedure(
      cal,
      { ...base, decidedOn: '2026-11-14', collectiveDiscussionOn: '2026-11-12' },
      { hearingRequestDays: 3 },
    );
    expect(three.reasons).toEqual([]);
    expect(three.hearingRequestEndsOn).toBe('2026-11-13');
  });
  it('a decision before the notice or the discussion is refused', () => {
    expect(codes({ decidedOn: '2026-11-09', collectiveDiscussionOn: null })).toEqual([
      'PENALTY-DECIDED-BEFORE-HEARING-NOTICE',
      'PENALTY-DECIDED-WITHIN-HEARING-REQUEST-PERIOD',
    ]);
    expect(codes({ collectiveDiscussionOn: '2026-11-21' })).toEqual(['PENALTY-DECIDED-BEFORE-COLLECTIVE-DISCUSSION']);
    expect(codes({ collectiveDiscussionNote: '  ' })).toEqual(['PENALTY-COLLECTIVE-DISCUSSION-NOTE-MISSING']);
  });
  it('a hearing asked for is held before the decision', () => {
    expect(codes({ hearingRequested: true })).toEqual(['PENALTY-HEARING-NOT-HELD']);
    expect(codes({ hearingRequested: true, hearingHeldOn: '2026-11-19' })).toEqual([]);
    expect(codes({ hearingRequested: true, hearingHeldOn: '2026-11-21' })).toEqual(['PENALTY-DECIDED-BEFORE-HEARING']);
    expect(codes({ hearingRequested: null })).toEqual(['PENALTY-HEARING-REQUEST-NOT-RECORDED']);
  });
  it('dates: not after today, not before the inspection, a year the calendar lacks is named', () => {
    expect(codes({ today: '2026-11-19' })).toEqual(['PENALTY-DECIDED-IN-FUTURE']);
    expect(codes({ inspectedOn: '2026-11-21' })).toEqual([
      'PENALTY-DECIDED-BEFORE-INSPECTION',
      'PENALTY-HEARING-NOTICE-BEFORE-INSPECTION',
    ]);
    expect(
      codes({ hearingNotifiedOn: '2027-03-01', decidedOn: '2027-03-20', today: '2027-04-01', collectiveDiscussionOn: null }),
    ).toEqual(['PENALTY-CALENDAR-YEAR-MISSING']);
    expect(codes({ decidedOn: '2026-02-30' })).toEqual(['PENALTY-DATE-INVALID']);
  });
  it('without the gate, only the dates given are checked', () => {
    expect(
      codes({
        requiresHearingNotice: false,
        hearingNotifiedOn: null,
        hearingRequested: null,
        collectiveDiscussionOn: null,
        collectiveDiscussionNote: null,
      }),
    ).toEqual([]);
  });
});

describe('preconditions from the rectification notice', () => {
  const notice = {
    deadlineOn: '2026-10-15',
    extendedDeadlineOn: null,
    completedOn: null,
    reviewOpinion: null,
    hazardSeverity: 'general',
  } as const;
  it('a deadline passed unmet before the decision', () => {
    expect(preconditionsFromRectification(notice, '2026-10-15')).toEqual([]);
    expect(preconditionsFromRectification(notice, '2026-10-16')).toEqual([
      'rectification_deadline_passed_unmet',
      'overdue_rectification_inadequate',
    ]);
    expect(preconditionsFromRectification({ ...notice, extendedDeadlineOn: '2026-10-30' }, '2026-10-16')).toEqual([]);
    expect(preconditionsFromRectification({ ...notice, completedOn: '2026-10-14' }, '2026-10-20')).toEqual([]);
    expect(preconditionsFromRectification({ ...notice, completedOn: '2026-10-18' }, '2026-10-20')).toContain(
      'rectification_deadline_passed_unmet',
    );
  });
  it('harm only with an overdue notice; a major hazard; a failed review', () => {
    expect(preconditionsFromRectification(notice, '2026-10-10', { harmOrSeriousThreat: true })).toEqual([]);
    expect(preconditionsFromRectification(notice, '2026-10-20', { harmOrSeriousThreat: true })).toContain(
      'overdue_rectification_with_harm_or_serious_threat',
    );
    expect(preconditionsFromRectification({ ...notice, hazardSeverity: 'major', reviewOpinion: 'failed' }, '2026-10-10')).toEqual(
      ['major_hazard_refused_or_inadequately_rectified', 'overdue_rectification_inadequate'],
    );
  });
});

describe('the decision’s sanctions in words', () => {
  it('fen to yuan, exact; every sanction', () => {
    expect(yuanText(500000)).toBe('5000元');
    expect(yuanText(50050)).toBe('500.50元');
    expect(
      sanctionsZh({
        warning: false,
        fineFen: 1_000_000,
        individualFines: [{ name: '张三', role: 'head', fineFen: 100_000 }],
        detentionDays: null,
        revokeLicence: true,
        suspendBusiness: false,
      }),
    ).toEqual(['罚款人民币10000元', '对主要负责人张三罚款人民币1000元', '吊销许可证件（撤销资格）']);
  });
});
