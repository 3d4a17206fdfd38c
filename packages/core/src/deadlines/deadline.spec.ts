import { describe, expect, it } from 'vitest';
import {
  DeadlineRefusedError,
  NAMED_DEADLINES,
  r03RectificationDue,
  r03ReviewDue,
  r03ReviewTrigger,
  r14NoticeServiceDue,
  r14RectificationDue,
  r14RectificationMaxDue,
  validateR03RectificationDeadline,
  validateR03Review,
  validateR14NoticeService,
  validateR14RectificationDeadline,
} from './deadline.js';
import { CalendarYearMissingError } from '../calendar/calendar-errors.js';
import { calendar2025And2026 } from '../test-support/calendar-fixture.js';

const cal = calendar2025And2026();
const codes = (r: { reasons: { code: string }[] }): string[] => r.reasons.map((x) => x.code);

describe('R03 监管措施（一）: major-hazard rectification at most 15 days, 30 with recorded approval', () => {
  it('15 days from 2026-03-02 → 2026-03-17', () => {
    expect(r03RectificationDue(cal, { issuedOn: '2026-03-02', days: 15 })).toBe('2026-03-17');
  });
  it('15 days ending on a holiday move to the next working day (2026-09-20 + 15 → 2026-10-08)', () => {
    expect(r03RectificationDue(cal, { issuedOn: '2026-09-20', days: 15 })).toBe('2026-10-08');
  });
  it('16 days without approval is refused', () => {
    expect(() => r03RectificationDue(cal, { issuedOn: '2026-03-02', days: 16 })).toThrow(DeadlineRefusedError);
    try {
      r03RectificationDue(cal, { issuedOn: '2026-03-02', days: 16 });
    } catch (e) {
      expect((e as DeadlineRefusedError).reasons[0]?.code).toBe('R03-RECT-EXTENSION-NOT-APPROVED');
    }
  });
  it('30 days with approval is allowed; 31 never', () => {
    const approval = { approvedBy: 'head-001', approvedOn: '2026-03-10' };
    expect(r03RectificationDue(cal, { issuedOn: '2026-03-02', days: 30, approval })).toBe('2026-04-01');
    expect(() => r03RectificationDue(cal, { issuedOn: '2026-03-02', days: 31, approval })).toThrow(/30/);
    expect(() => r03RectificationDue(cal, { issuedOn: '2026-03-02', days: 0 })).toThrow(DeadlineRefusedError);
  });
  it('validates a proposed due date', () => {
    expect(validateR03RectificationDeadline(cal, { issuedOn: '2026-03-02', dueOn: '2026-03-17' }).ok).toBe(true);
    expect(codes(validateR03RectificationDeadline(cal, { issuedOn: '2026-03-02', dueOn: '2026-03-18' }))).toEqual([
      'R03-RECT-EXTENSION-NOT-APPROVED',
    ]);
    expect(
      validateR03RectificationDeadline(cal, {
        issuedOn: '2026-03-02',
        dueOn: '2026-03-18',
        approval: { approvedBy: 'head-001', approvedOn: '2026-03-05' },
      }).ok,
    ).toBe(true);
    expect(
      codes(
        validateR03RectificationDeadline(cal, {
          issuedOn: '2026-03-02',
          dueOn: '2026-04-02',
          approval: { approvedBy: 'head-001', approvedOn: '2026-03-05' },
        }),
      ),
    ).toEqual(['R03-RECT-EXCEEDS-30-DAYS']);
    expect(
      codes(
        validateR03RectificationDeadline(cal, {
          issuedOn: '2026-03-02',
          dueOn: '2026-03-20',
          approval: { approvedBy: '  ', approvedOn: '2026-03-05' },
        }),
      ),
    ).toEqual(['R03-RECT-EXTENSION-NOT-APPROVED']);
    expect(codes(validateR03RectificationDeadline(cal, { issuedOn: '2026-03-02', dueOn: '2026-03-02' }))).toEqual([
      'R03-RECT-DUE-NOT-AFTER-ISSUE',
    ]);
  });
  it('refuses an extension approved once the original deadline has run out (issue 11)', () => {
    const at = (approvedOn: string, originalDueOn?: string) =>
      codes(
        validateR03RectificationDeadline(cal, {
          issuedOn: '2026-03-02',
          dueOn: '2026-03-25',
          approval: { approvedBy: 'head-001', approvedOn },
          ...(originalDueOn ? { originalDueOn } : {}),
        }),
      );
    // The 15-day limit ends on 2026-03-17: approval on 03-16 is in time, on 03-17 or 03-20 too late.
    expect(at('2026-03-16')).toEqual([]);
    expect(at('2026-03-17')).toEqual(['R03-RECT-APPROVAL-DATE-INVALID']);
    expect(at('2026-03-20')).toEqual(['R03-RECT-APPROVAL-DATE-INVALID']);
    // A shorter original deadline (10 days, 03-12) set by the officer is the one that must still run.
    expect(at('2026-03-12', '2026-03-12')).toEqual(['R03-RECT-APPROVAL-DATE-INVALID']);
    expect(at('2026-03-11', '2026-03-12')).toEqual([]);
    expect(at('2026-03-01')).toEqual(['R03-RECT-APPROVAL-DATE-INVALID']);
  });
  it('a 15-day limit that ends on a holiday allows the next working day', () => {
    // 2026-09-20 + 15 = 5 Oct (holiday) → 8 Oct is still within 15 days; 9 Oct is not.
    expect(validateR03RectificationDeadline(cal, { issuedOn: '2026-09-20', dueOn: '2026-10-08' }).ok).toBe(true);
    expect(validateR03RectificationDeadline(cal, { issuedOn: '2026-09-20', dueOn: '2026-10-09' }).ok).toBe(false);
  });
});

describe('R03 监管措施（一）: review within 5 working days of the request or of the deadline’s expiry', () => {
  it('from the request, when the unit asks first', () => {
    expect(r03ReviewTrigger({ rectificationDueOn: '2026-10-20', reviewRequestedOn: '2026-09-30' })).toBe('2026-09-30');
    expect(r03ReviewDue(cal, { rectificationDueOn: '2026-10-20', reviewRequestedOn: '2026-09-30' })).toBe('2026-10-13');
  });
  it('from the deadline’s expiry, when no request came', () => {
    expect(r03ReviewDue(cal, { rectificationDueOn: '2026-02-13' })).toBe('2026-02-27'); // 14 Feb worked, 15–23 off
  });
  it('a late review is flagged; an on-time one passes', () => {
    expect(validateR03Review(cal, { rectificationDueOn: '2026-03-02', reviewedOn: '2026-03-09' }).ok).toBe(true);
    expect(codes(validateR03Review(cal, { rectificationDueOn: '2026-03-02', reviewedOn: '2026-03-10' }))).toEqual([
      'R03-REVIEW-LATE',
    ]);
  });
});

describe('R14 监督检查程序 2: notice served within 3 working days; rectification at most two months', () => {
  it('notice due 3 working days after the inspection ends', () => {
    expect(r14NoticeServiceDue(cal, '2026-04-30')).toBe('2026-05-08'); // 1–5 May off, 6, 7, 8
    expect(r14NoticeServiceDue(cal, '2026-05-06')).toBe('2026-05-09'); // Sat 9 May is a makeup day
  });
  it('late and premature service are refused', () => {
    expect(validateR14NoticeService(cal, { inspectionEndedOn: '2026-04-30', servedOn: '2026-05-08' }).ok).toBe(true);
    expect(codes(validateR14NoticeService(cal, { inspectionEndedOn: '2026-04-30', servedOn: '2026-05-11' }))).toEqual([
      'R14-NOTICE-SERVED-LATE',
    ]);
    expect(codes(validateR14NoticeService(cal, { inspectionEndedOn: '2026-04-30', servedOn: '2026-04-29' }))).toEqual([
      'R14-NOTICE-BEFORE-INSPECTION-END',
    ]);
  });
  it('two months from 2026-03-31 → 2026-06-01; three months refused', () => {
    expect(r14RectificationMaxDue(cal, '2026-03-31')).toBe('2026-06-01');
    expect(r14RectificationDue(cal, '2026-03-02', 1)).toBe('2026-04-02');
    expect(() => r14RectificationDue(cal, '2026-03-02', 3)).toThrow(DeadlineRefusedError);
    expect(validateR14RectificationDeadline(cal, { issuedOn: '2026-03-31', dueOn: '2026-06-01' }).ok).toBe(true);
    expect(codes(validateR14RectificationDeadline(cal, { issuedOn: '2026-03-31', dueOn: '2026-06-02' }))).toEqual([
      'R14-RECT-EXCEEDS-2-MONTHS',
    ]);
  });
  it('deadlines reaching 2027 are refused, naming the year', () => {
    expect(() => r14RectificationMaxDue(cal, '2026-11-15')).toThrow(CalendarYearMissingError);
    expect(() => r14NoticeServiceDue(cal, '2026-12-30')).toThrow(/2027/);
  });
  it('a date within the plain span needs no calendar (the 期间 clause only moves a last day later); beyond it, the year is needed', () => {
    // 2026-12-20 + 15 days = 2027-01-04: lawful without 2027's notice.
    expect(validateR03RectificationDeadline(cal, { issuedOn: '2026-12-20', dueOn: '2027-01-04' }).ok).toBe(true);
    expect(() => validateR03RectificationDeadline(cal, { issuedOn: '2026-12-20', dueOn: '2027-01-05' })).toThrow(
      CalendarYearMissingError,
    );
    // 2026-11-15 + 2 months = 2027-01-15.
    expect(validateR14RectificationDeadline(cal, { issuedOn: '2026-11-15', dueOn: '2027-01-15' }).ok).toBe(true);
    expect(() => validateR14RectificationDeadline(cal, { issuedOn: '2026-11-15', dueOn: '2027-01-16' })).toThrow(/2027/);
  });
  it('the named deadlines are listed with their units', () => {
    expect(NAMED_DEADLINES.map((d) => [d.id, d.unit, d.amount])).toEqual([
      ['R03-RECTIFICATION', 'calendar_days', 15],
      ['R03-RECTIFICATION-EXTENDED', 'calendar_days', 30],
      ['R03-REVIEW', 'working_days', 5],
      ['R14-NOTICE-SERVICE', 'working_days', 3],
      ['R14-RECTIFICATION', 'months', 2],
    ]);
  });
});
