import { describe, expect, it } from 'vitest';
import { CalendarYearMissingError } from '../calendar/calendar-errors.js';
import { calendar2025And2026 } from '../test-support/calendar-fixture.js';
import {
  isAlertSettled,
  noticeFindings,
  obligationFindings,
  rectificationFindings,
  reportedDoneOn,
  workingDaysAfter,
  type RectificationFacts,
} from './alert-rules.js';
import { DEFAULT_ESCALATION, escalationLevels } from './escalation.js';
import { deliverableAt, isQuiet } from './quiet-hours.js';
import { renderAlertMessage } from './render.js';

const cal = calendar2025And2026();
const kinds = (f: { kind: string }[]) => f.map((x) => x.kind);

describe('working days after a date (start day not counted)', () => {
  it('counts the 2026 Spring Festival: 9 rest days, makeup Saturday 2026-02-28 counts', () => {
    // 2026-02-13 (Fri) → 2026-02-24 (Tue): the 14th (makeup Sat) and the 24th are working days.
    expect(workingDaysAfter(cal, '2026-02-13', '2026-02-24')).toBe(2);
    expect(workingDaysAfter(cal, '2026-02-27', '2026-02-28')).toBe(1);
    expect(workingDaysAfter(cal, '2026-03-02', '2026-03-02')).toBe(0);
  });
});

describe('Issue 4 §4: obligations due soon and overdue', () => {
  const o = { id: 1, windowStart: '2026-11-01', windowEnd: '2026-11-30', status: 'open' };
  it('is due soon within 5 working days of the window end, not before', () => {
    expect(kinds(obligationFindings(cal, o, '2026-11-20'))).toEqual([]); // 6 working days left
    expect(kinds(obligationFindings(cal, o, '2026-11-23'))).toEqual(['obligation_due_soon']); // 5 left
    expect(kinds(obligationFindings(cal, o, '2026-11-30'))).toEqual(['obligation_due_soon']);
  });
  it('is overdue the day after the window ends, while still open', () => {
    expect(obligationFindings(cal, o, '2026-12-01')).toEqual([
      { kind: 'obligation_overdue', subject: { type: 'obligation', id: 1 }, dueOn: '2026-11-30' },
    ]);
    expect(obligationFindings(cal, { ...o, status: 'fulfilled' }, '2026-12-01')).toEqual([]);
    expect(obligationFindings(cal, { ...o, status: 'cancelled' }, '2026-11-25')).toEqual([]);
  });
  it('says nothing before the window opens', () => {
    expect(obligationFindings(cal, { ...o, windowStart: '2026-11-26' }, '2026-11-25')).toEqual([]);
  });
  it('a window ending in a year the calendar lacks is refused, never guessed', () => {
    expect(() => obligationFindings(cal, { ...o, windowEnd: '2027-01-31' }, '2026-12-30')).toThrow(CalendarYearMissingError);
  });
});

describe('R03 监管措施（一） / R14 程序 2: rectification past its deadline', () => {
  const r = {
    id: 7,
    regime: 'R14',
    deadlineOn: '2026-11-10',
    extendedDeadlineOn: null,
    completedOn: null,
    reviewedOn: null,
    status: 'open',
  };
  it('overdue the day after the deadline, not on it', () => {
    expect(kinds(rectificationFindings(cal, r, '2026-11-10'))).toEqual([]);
    expect(rectificationFindings(cal, r, '2026-11-11')).toEqual([
      { kind: 'rectification_overdue', subject: { type: 'rectification', id: 7 }, dueOn: '2026-11-10' },
    ]);
  });
  it('an approved extension (R03: up to 30 days) moves the deadline', () => {
    expect(kinds(rectificationFindings(cal, { ...r, extendedDeadlineOn: '2026-11-25' }, '2026-11-20'))).toEqual([]);
  });
  it('a completed rectification is not overdue', () => {
    expect(kinds(rectificationFindings(cal, { ...r, completedOn: '2026-11-09', status: 'completed' }, '2026-11-20'))).toEqual([]);
  });
});

describe('R03 监管措施（一）: review within 5 working days of the request or of the deadline’s expiry', () => {
  const r = {
    id: 3,
    regime: 'R03',
    deadlineOn: '2026-09-30',
    extendedDeadlineOn: null,
    completedOn: null,
    reviewedOn: null,
    status: 'open',
  };
  it('from the deadline: 2026-09-30 + 5 working days over National Day = 2026-10-13; late on the 14th', () => {
    expect(kinds(rectificationFindings(cal, r, '2026-10-13'))).toEqual(['rectification_overdue']);
    expect(rectificationFindings(cal, r, '2026-10-14')).toContainEqual({
      kind: 'review_late',
      subject: { type: 'rectification', id: 3 },
      dueOn: '2026-10-13',
    });
  });
  it('from the unit’s request when it comes before the deadline', () => {
    const done = { ...r, deadlineOn: '2026-11-30', completedOn: '2026-11-02', status: 'completed' };
    expect(kinds(rectificationFindings(cal, done, '2026-11-09'))).toEqual([]); // due 2026-11-09
    expect(kinds(rectificationFindings(cal, done, '2026-11-10'))).toEqual(['review_late']);
    expect(kinds(rectificationFindings(cal, { ...done, reviewedOn: '2026-11-05' }, '2026-11-20'))).toEqual([]);
  });
  it('applies to R03 only', () => {
    expect(kinds(rectificationFindings(cal, { ...r, regime: 'R14' }, '2026-10-20'))).toEqual(['rectification_overdue']);
  });
});

describe('R14 程序 2: notice served within 3 working days of the inspection’s end', () => {
  const n = { inspectionId: 11, regime: 'R14', inspectedOn: '2026-11-20', noticeServed: false };
  it('2026-11-20 (Fri) + 3 working days = 2026-11-25; late on the 26th', () => {
    expect(noticeFindings(cal, n, '2026-11-25')).toEqual([]);
    expect(noticeFindings(cal, n, '2026-11-26')).toEqual([
      { kind: 'notice_late', subject: { type: 'inspection', id: 11 }, dueOn: '2026-11-25' },
    ]);
  });
  it('not when served, nor for another regime', () => {
    expect(noticeFindings(cal, { ...n, noticeServed: true }, '2026-12-01')).toEqual([]);
    expect(noticeFindings(cal, { ...n, regime: 'R03' }, '2026-12-01')).toEqual([]);
  });
});

describe('when an alert is settled: one definition for the scan and the repository that closes alerts', () => {
  const base: RectificationFacts = {
    id: 7,
    regime: 'R03',
    deadlineOn: '2026-11-05',
    extendedDeadlineOn: null,
    completedOn: null,
    reviewedOn: null,
    status: 'open',
  };
  const states: RectificationFacts[] = [
    base,
    { ...base, status: 'overdue' },
    // The unit asked for review on 11-03: its report of completion.
    {
      ...base,
      status: 'review_requested',
      completedOn: reportedDoneOn({ completedOn: null, status: 'review_requested', reviewRequestedOn: '2026-11-03' }),
    },
    { ...base, status: 'reopened', extendedDeadlineOn: '2026-11-20' },
    { ...base, status: 'completed', completedOn: '2026-11-04', reviewedOn: '2026-11-06' },
  ];
  it("the unit's request for review is its report of completion", () => {
    expect(reportedDoneOn({ completedOn: null, status: 'review_requested', reviewRequestedOn: '2026-11-03' })).toBe('2026-11-03');
    expect(reportedDoneOn({ completedOn: null, status: 'open', reviewRequestedOn: '2026-11-03' })).toBeNull();
  });
  it('an item the scan would still raise is never settled, and a settled one raises nothing, whatever the day', () => {
    for (const r of states) {
      for (const today of ['2026-11-06', '2026-11-13', '2026-11-30']) {
        const raised = rectificationFindings(cal, r, today).map((f) => f.kind);
        for (const kind of ['rectification_overdue', 'review_late'] as const) {
          if (isAlertSettled(kind, { rectification: r })) expect(raised, `${r.status} ${today}`).not.toContain(kind);
        }
        for (const kind of raised) expect(isAlertSettled(kind, { rectification: r }), `${r.status} ${kind}`).toBe(false);
      }
    }
    expect(isAlertSettled('rectification_overdue', { rectification: states[2]! })).toBe(true);
    expect(isAlertSettled('review_late', { rectification: states[2]! })).toBe(false);
    expect(isAlertSettled('review_late', { rectification: states[4]! })).toBe(true);
  });
  it('obligations settle when no longer open; notices when served; a missing subject never settles', () => {
    expect(isAlertSettled('obligation_overdue', { obligationStatus: 'done' })).toBe(true);
    expect(isAlertSettled('obligation_due_soon', { obligationStatus: 'open' })).toBe(false);
    expect(isAlertSettled('notice_late', { noticeServed: true })).toBe(true);
    expect(isAlertSettled('notice_late', { noticeServed: false })).toBe(false);
    expect(isAlertSettled('rectification_overdue', {})).toBe(false);
  });
});

describe('Issue 4 §4: escalation inspector → scheduler (N = 2) → brigade leader (M = 3), in working days', () => {
  it('uses N = 2 and M = 3 by default', () => {
    expect(DEFAULT_ESCALATION).toEqual({ toSchedulerAfterWorkingDays: 2, toLeaderAfterWorkingDays: 3 });
  });
  it('due 2026-11-10 (Tue): inspector at once, scheduler on the 3rd working day late, leader on the 6th', () => {
    const at = (today: string) => escalationLevels(cal, 'rectification_overdue', '2026-11-10', today);
    expect(at('2026-11-10')).toEqual([]);
    expect(at('2026-11-11')).toEqual(['inspector']);
    expect(at('2026-11-12')).toEqual(['inspector']);
    expect(at('2026-11-13')).toEqual(['inspector', 'scheduler']);
    expect(at('2026-11-17')).toEqual(['inspector', 'scheduler']);
    expect(at('2026-11-18')).toEqual(['inspector', 'scheduler', 'leader']);
  });
  it('a holiday does not escalate by itself: due before National Day', () => {
    expect(escalationLevels(cal, 'obligation_overdue', '2026-09-30', '2026-10-07')).toEqual(['inspector']);
  });
  it('due soon goes to the inspector only; the ladder is a parameter', () => {
    expect(escalationLevels(cal, 'obligation_due_soon', '2026-11-30', '2026-11-25')).toEqual(['inspector']);
    const fast = { toSchedulerAfterWorkingDays: 0, toLeaderAfterWorkingDays: 0 };
    expect(escalationLevels(cal, 'notice_late', '2026-11-10', '2026-11-11', fast)).toEqual(['inspector', 'scheduler', 'leader']);
  });
});

describe('quiet hours 22:00–07:00 Asia/Shanghai', () => {
  const sh = (local: string) => Date.parse(`${local}+08:00`);
  it('the inbox always receives at once', () => {
    expect(deliverableAt(sh('2026-11-27T23:30:00'), 'inbox')).toBe(sh('2026-11-27T23:30:00'));
  });
  it('e-mail and webhooks wait until 07:00, across midnight', () => {
    expect(deliverableAt(sh('2026-11-27T23:30:00'), 'email')).toBe(sh('2026-11-28T07:00:00'));
    expect(deliverableAt(sh('2026-11-28T03:15:20'), 'webhook')).toBe(sh('2026-11-28T07:00:00'));
    expect(deliverableAt(sh('2026-11-27T22:00:00'), 'email')).toBe(sh('2026-11-28T07:00:00'));
  });
  it('outside the window nothing waits', () => {
    expect(deliverableAt(sh('2026-11-27T07:00:00'), 'email')).toBe(sh('2026-11-27T07:00:00'));
    expect(isQuiet(sh('2026-11-27T21:59:59'), 'webhook')).toBe(false);
  });
  it('a daytime window and an empty one', () => {
    expect(deliverableAt(sh('2026-11-27T12:30:00'), 'email', { start: '12:00', end: '14:00' })).toBe(sh('2026-11-27T14:00:00'));
    expect(isQuiet(sh('2026-11-27T23:00:00'), 'email', { start: '00:00', end: '00:00' })).toBe(false);
  });
});

describe('reminder text: zh first, en second, ids and references only', () => {
  it('renders a review reminder', () => {
    const m = renderAlertMessage({
      kind: 'review_late',
      level: 'scheduler',
      regime: 'R03',
      reference: 'JJ-2026-001',
      dueOn: '2026-10-13',
    });
    expect(m.text.indexOf('复查')).toBeLessThan(m.text.indexOf('review'));
    expect(m.text).toContain('JJ-2026-001');
    expect(m.subject.startsWith('【')).toBe(true);
    expect(m.markdown).toContain('### ');
  });
});
