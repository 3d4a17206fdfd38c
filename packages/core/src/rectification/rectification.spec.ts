import { describe, expect, it } from 'vitest';
import { formatDocumentNumber } from '../penalties/decision-number.js';
import { calendar2025And2026 } from '../test-support/calendar-fixture.js';
import {
  NO_STATUTORY_MAXIMUM,
  checkExtensionApproval,
  checkExtensionRequest,
  checkNoticeService,
  decideRectificationDeadline,
  defaultRectificationDeadline,
  nextRectificationStatus,
  noticePrefixOfRegime,
  noticeRefusalForHazard,
  parseDocumentNumber,
  rectificationDeadlinePolicy,
  reviewDue,
  type ExtensionDecisionFacts,
} from './index.js';

const cal = calendar2025And2026();
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('notice number: prefix per brigade, 〔year〕, four digits', () => {
  it('each brigade has its prefix, through the regime', () => {
    expect(noticePrefixOfRegime('R09')).toBe('鹿公治限改字');
    expect(noticePrefixOfRegime('R03')).toBe('鹿公交限改字');
    expect(noticePrefixOfRegime('R14')).toBe('鹿公网限改字');
    expect(noticePrefixOfRegime('R01')).toBe('鹿公出限改字');
    expect(noticePrefixOfRegime('R99')).toBeUndefined();
  });
  it('formats and parses', () => {
    expect(formatDocumentNumber('鹿公治限改字', 2026, 1)).toBe('鹿公治限改字〔2026〕0001号');
    expect(formatDocumentNumber('鹿公交限改字', 2026, 123)).toBe('鹿公交限改字〔2026〕0123号');
    expect(formatDocumentNumber('鹿公交限改字', 2026, 12345)).toBe('鹿公交限改字〔2026〕12345号');
    expect(parseDocumentNumber('鹿公网限改字〔2027〕0042号')).toEqual({ prefix: '鹿公网限改字', year: 2027, n: 42 });
    expect(parseDocumentNumber('not a number')).toBeNull();
    expect(() => formatDocumentNumber('x', 2026, 0)).toThrow(RangeError);
  });
});

describe('deadline policy per regime', () => {
  it('R03: at most 15 days, default 15 (R03 监管措施（一）)', () => {
    const p = rectificationDeadlinePolicy('R03');
    expect(p).toMatchObject({ kind: 'statutory', rule: 'R03-RECTIFICATION', clause: 'R03 监管措施（一）' });
    expect(defaultRectificationDeadline(cal, 'R03', '2026-03-02')).toBe('2026-03-17');
    const d = decideRectificationDeadline(cal, { regime: 'R03', startOn: '2026-03-02', dueOn: null });
    expect(d).toMatchObject({ ok: true, dueOn: '2026-03-17', rule: 'R03-RECTIFICATION', note: null });
  });
  it('R03: 15 days accepted, 16 days refused', () => {
    expect(decideRectificationDeadline(cal, { regime: 'R03', startOn: '2026-03-02', dueOn: '2026-03-17' }).ok).toBe(true);
    const r = decideRectificationDeadline(cal, { regime: 'R03', startOn: '2026-03-02', dueOn: '2026-03-18' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(codes(r)).toEqual(['R03-RECT-EXTENSION-NOT-APPROVED']);
  });
  it('R14: at most two months, default two months (R14 监督检查程序 2)', () => {
    expect(rectificationDeadlinePolicy('R14')).toMatchObject({ rule: 'R14-RECTIFICATION', clause: 'R14 监督检查程序 2' });
    expect(defaultRectificationDeadline(cal, 'R14', '2026-06-10')).toBe('2026-08-10');
    expect(decideRectificationDeadline(cal, { regime: 'R14', startOn: '2026-06-10', dueOn: null })).toMatchObject({
      ok: true,
      dueOn: '2026-08-10',
    });
    const r = decideRectificationDeadline(cal, { regime: 'R14', startOn: '2026-06-10', dueOn: '2026-08-11' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(codes(r)).toEqual(['R14-RECT-EXCEEDS-2-MONTHS']);
  });
  it('other regimes: the officer enters a date, accepted only with the note that no maximum exists', () => {
    expect(rectificationDeadlinePolicy('R09').kind).toBe('no_statutory_maximum');
    expect(defaultRectificationDeadline(cal, 'R09', '2026-06-10')).toBeNull();
    const none = decideRectificationDeadline(cal, {
      regime: 'R09',
      startOn: '2026-06-10',
      dueOn: null,
      noMaximumAcknowledged: true,
    });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(codes(none)).toEqual(['RECT-DEADLINE-REQUIRED']);
    const silent = decideRectificationDeadline(cal, { regime: 'R09', startOn: '2026-06-10', dueOn: '2026-09-10' });
    expect(silent.ok).toBe(false);
    if (!silent.ok) expect(codes(silent)).toEqual(['RECT-NO-MAXIMUM-NOT-ACKNOWLEDGED']);
    const ok = decideRectificationDeadline(cal, {
      regime: 'R09',
      startOn: '2026-06-10',
      dueOn: '2026-12-10',
      noMaximumAcknowledged: true,
    });
    expect(ok).toMatchObject({ ok: true, dueOn: '2026-12-10', rule: NO_STATUTORY_MAXIMUM });
    if (ok.ok) expect(ok.note?.zh).toMatch(/未规定整改期限上限/);
    const before = decideRectificationDeadline(cal, {
      regime: 'R11',
      startOn: '2026-06-10',
      dueOn: '2026-06-10',
      noMaximumAcknowledged: true,
    });
    expect(before.ok).toBe(false);
  });
  it('R03 general hazards and hazards fixed on the spot get no notice', () => {
    expect(noticeRefusalForHazard({ regime: 'R03', severity: 'general', fixedOnSpot: false })?.code).toBe(
      'R03-GENERAL-HAZARD-IMMEDIATE',
    );
    expect(noticeRefusalForHazard({ regime: 'R03', severity: 'major', fixedOnSpot: false })).toBeNull();
    expect(noticeRefusalForHazard({ regime: 'R09', severity: 'general', fixedOnSpot: false })).toBeNull();
    expect(noticeRefusalForHazard({ regime: 'R09', severity: 'major', fixedOnSpot: true })?.code).toBe(
      'RECT-HAZARD-FIXED-ON-SPOT',
    );
  });
});

describe('extensions: approved before the original deadline, by a leader who did not ask, R03 ≤ 30 days in all', () => {
  const base: ExtensionDecisionFacts = {
    regime: 'R03',
    periodStartOn: '2026-06-10',
    currentDeadlineOn: '2026-06-25',
    requestedDeadlineOn: '2026-07-10',
    decidedOn: '2026-06-20',
    requesterUserId: 1,
    approverUserId: 2,
    approverIsLeader: true,
  };
  it('30 days from issue approved before the deadline by another leader', () => {
    expect(checkExtensionApproval(cal, base)).toMatchObject({ ok: true, rule: 'R03-RECTIFICATION-EXTENDED' });
  });
  it('approval on or after the original deadline is refused', () => {
    expect(codes(checkExtensionApproval(cal, { ...base, decidedOn: '2026-06-25' }))).toEqual(['RECT-EXT-APPROVED-TOO-LATE']);
    expect(codes(checkExtensionApproval(cal, { ...base, decidedOn: '2026-06-26' }))).toEqual(['RECT-EXT-APPROVED-TOO-LATE']);
  });
  it('R03: 31 days from issue refused even with approval', () => {
    expect(codes(checkExtensionApproval(cal, { ...base, requestedDeadlineOn: '2026-07-11' }))).toEqual([
      'R03-RECT-EXCEEDS-30-DAYS',
    ]);
  });
  it('not a leader, or the requester, is refused (all reasons at once)', () => {
    expect(codes(checkExtensionApproval(cal, { ...base, approverUserId: 1, approverIsLeader: false }))).toEqual([
      'RECT-EXT-APPROVER-NOT-LEADER',
      'RECT-EXT-SELF-APPROVAL',
    ]);
  });
  it('R14: the extended date stays within two months of the notice; other regimes carry the note', () => {
    const r14 = { ...base, regime: 'R14', currentDeadlineOn: '2026-07-10' };
    expect(checkExtensionApproval(cal, { ...r14, requestedDeadlineOn: '2026-08-10' }).ok).toBe(true);
    expect(codes(checkExtensionApproval(cal, { ...r14, requestedDeadlineOn: '2026-08-11' }))).toEqual([
      'R14-RECT-EXCEEDS-2-MONTHS',
    ]);
    const r09 = checkExtensionApproval(cal, { ...base, regime: 'R09', requestedDeadlineOn: '2026-12-31' });
    expect(r09.ok).toBe(true);
    expect(r09.note).not.toBeNull();
  });
  it('a request needs a served notice, a reason, a later date, and comes before the deadline', () => {
    const req = {
      regime: 'R03',
      currentDeadlineOn: '2026-06-25',
      requestedOn: '2026-06-20',
      requestedDeadlineOn: '2026-07-01',
      reason: '设备到货延迟',
      served: true,
    };
    expect(checkExtensionRequest(req).ok).toBe(true);
    expect(
      codes(
        checkExtensionRequest({
          ...req,
          served: false,
          reason: ' ',
          requestedDeadlineOn: '2026-06-24',
          requestedOn: '2026-06-25',
        }),
      ),
    ).toEqual(['RECT-EXT-NOT-SERVED', 'RECT-EXT-REASON-REQUIRED', 'RECT-EXT-NOT-LATER', 'RECT-EXT-REQUESTED-TOO-LATE']);
    expect(codes(checkExtensionRequest({ ...req, requestedDeadlineOn: '2026-13-01' }))).toEqual(['RECT-EXT-DATE-INVALID']);
  });
});

describe('service: R14 within 3 working days of the inspection, late only with a recorded reason', () => {
  const f = { regime: 'R14', inspectionEndedOn: '2026-06-10', issuedOn: '2026-06-10' };
  it('on time', () => {
    expect(checkNoticeService(cal, { ...f, servedOn: '2026-06-15' })).toMatchObject({
      ok: true,
      late: false,
      dueOn: '2026-06-15',
    });
  });
  it('late without a reason refused, with a reason accepted and flagged', () => {
    const r = checkNoticeService(cal, { ...f, servedOn: '2026-06-16' });
    expect(r).toMatchObject({ ok: false, late: true, dueOn: '2026-06-15' });
    if (!r.ok) expect(codes(r)).toEqual(['R14-NOTICE-LATE-REASON-REQUIRED']);
    expect(checkNoticeService(cal, { ...f, servedOn: '2026-06-16', lateReason: '单位负责人外出' })).toMatchObject({
      ok: true,
      late: true,
      lateReason: '单位负责人外出',
    });
  });
  it('before the notice refused; other regimes have no limit', () => {
    expect(checkNoticeService(cal, { ...f, servedOn: '2026-06-09' }).ok).toBe(false);
    expect(checkNoticeService(cal, { ...f, regime: 'R09', servedOn: '2026-12-30' })).toMatchObject({
      ok: true,
      late: false,
      dueOn: null,
    });
  });
});

describe('review due: 5 working days (R03 clause; the bureau practice elsewhere, labelled)', () => {
  it('R03 from the request when it comes first', () => {
    expect(reviewDue(cal, { regime: 'R03', deadlineOn: '2026-06-25', requestedOn: '2026-06-10' })).toMatchObject({
      dueOn: '2026-06-17',
      rule: 'R03-REVIEW',
      clause: 'R03 监管措施（一）',
    });
  });
  it('R03 from the expiry when the request is later', () => {
    expect(reviewDue(cal, { regime: 'R03', deadlineOn: '2026-06-10', requestedOn: '2026-06-12' }).dueOn).toBe('2026-06-17');
  });
  it('other regimes: same count, source named as the bureau practice', () => {
    const r = reviewDue(cal, { regime: 'R09', deadlineOn: '2026-06-25', requestedOn: '2026-06-10' });
    expect(r).toMatchObject({ dueOn: '2026-06-17', rule: 'BUREAU-REVIEW-5WD', clause: null });
    expect(r.source.zh).toMatch(/本局做法/);
  });
});

describe('state machine', () => {
  const t = nextRectificationStatus;
  it('issue → serve → request review → passed → completed', () => {
    expect(t({ status: 'open', served: false }, 'serve')).toEqual({ ok: true, status: 'open' });
    expect(t({ status: 'open', served: true }, 'request_review')).toEqual({ ok: true, status: 'review_requested' });
    expect(t({ status: 'review_requested', served: true }, 'review_passed')).toEqual({ ok: true, status: 'completed' });
  });
  it('failed review reopens; a reopened case can be extended and reviewed again', () => {
    expect(t({ status: 'review_requested', served: true }, 'review_failed')).toEqual({ ok: true, status: 'reopened' });
    expect(t({ status: 'reopened', served: true }, 'extend')).toEqual({ ok: true, status: 'reopened' });
    expect(t({ status: 'reopened', served: true }, 'request_review')).toEqual({ ok: true, status: 'review_requested' });
    expect(t({ status: 'overdue', served: true }, 'request_review')).toEqual({ ok: true, status: 'review_requested' });
  });
  it('refuses what the status does not allow', () => {
    expect(t({ status: 'open', served: true }, 'serve')).toMatchObject({ ok: false, reason: { code: 'RECT-ALREADY-SERVED' } });
    expect(t({ status: 'open', served: false }, 'request_review').ok).toBe(false);
    expect(t({ status: 'open', served: false }, 'extend').ok).toBe(false);
    expect(t({ status: 'completed', served: true }, 'request_review').ok).toBe(false);
    expect(t({ status: 'completed', served: true }, 'review_failed').ok).toBe(false);
    expect(t({ status: 'open', served: true }, 'review_passed').ok).toBe(false);
    expect(t({ status: 'review_requested', served: true }, 'extend').ok).toBe(false);
    expect(t({ status: 'overdue', served: true }, 'extend').ok).toBe(false);
    expect(t({ status: 'bogus', served: true }, 'serve').ok).toBe(false);
  });
  it('the notice text can be edited only before service', () => {
    expect(t({ status: 'open', served: false }, 'edit')).toEqual({ ok: true, status: 'open' });
    expect(t({ status: 'open', served: true }, 'edit')).toMatchObject({ ok: false, reason: { code: 'RECT-NOTICE-FROZEN' } });
  });
});
