/**
 * Issue 4 §4: which items are due soon or overdue on a given day. Pure: the calendar and "today"
 * (Asia/Shanghai) come in as parameters. Working-day rules count only dates up to `today` or up to
 * the item's own due date, so a scan in late December never needs next year's calendar to decide
 * that something is already late.
 */
import type { StatutoryCalendar } from '../calendar/working-days.js';
import { r03ReviewDue, r14NoticeServiceDue } from '../deadlines/deadline.js';
import { type IsoDate, compareIsoDates, fromDayNumber, toDayNumber } from '../shared/iso-date.js';

export const ALERT_KINDS = [
  'obligation_due_soon',
  'obligation_overdue',
  'rectification_overdue',
  'review_late',
  'notice_late',
  // Issue 13 §4: a complaint's reply (configured period; see complaints/complaint-rules.ts).
  'complaint_reply_due_soon',
  'complaint_reply_overdue',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertSubjectType = 'obligation' | 'rectification' | 'inspection' | 'complaint';

export interface AlertSubject {
  type: AlertSubjectType;
  id: number;
}

/** The alert's subject as one text key (`rectification.7`), the `alert.subject` column. */
export function alertSubjectKey(s: AlertSubject): string {
  return `${s.type}.${s.id}`;
}

/** A finding: this item has this problem, due on `dueOn`. Levels come from `escalationLevels`. */
export interface AlertFinding {
  kind: AlertKind;
  subject: AlertSubject;
  /** The last day allowed (due soon: the window's last day). */
  dueOn: IsoDate;
}

/**
 * Working days `d` with `from < d ≤ to` (0 when `to ≤ from`). Only dates up to `to` are looked up.
 */
export function workingDaysAfter(cal: StatutoryCalendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  const end = toDayNumber(to);
  for (let d = toDayNumber(from) + 1; d <= end; d++) if (cal.isWorkingDay(fromDayNumber(d))) n++;
  return n;
}

export interface ObligationFacts {
  id: number;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  status: string;
}

/**
 * How many working days before the window's end an open obligation counts as "due soon". Five working
 * days is one working week: enough to fit an inspection into a roster that is planned by the week.
 */
export const DEFAULT_DUE_SOON_WORKING_DAYS = 5;

/** Obligations: due soon (window open, its end within `dueSoonWorkingDays`) or overdue (window ended, undone). */
export function obligationFindings(
  cal: StatutoryCalendar,
  o: ObligationFacts,
  today: IsoDate,
  dueSoonWorkingDays = DEFAULT_DUE_SOON_WORKING_DAYS,
): AlertFinding[] {
  if (obligationSettled(o.status)) return [];
  const subject: AlertSubject = { type: 'obligation', id: o.id };
  // Issue 4 §4: overdue = the window ended and the obligation is still open.
  if (compareIsoDates(today, o.windowEnd) > 0) return [{ kind: 'obligation_overdue', subject, dueOn: o.windowEnd }];
  if (compareIsoDates(today, o.windowStart) < 0) return [];
  // Due soon: at most N working days left after today, counting only up to the window's end.
  if (workingDaysAfter(cal, today, o.windowEnd) <= dueSoonWorkingDays) {
    return [{ kind: 'obligation_due_soon', subject, dueOn: o.windowEnd }];
  }
  return [];
}

export interface RectificationFacts {
  id: number;
  regime: string;
  deadlineOn: IsoDate;
  extendedDeadlineOn: IsoDate | null;
  /** The unit reported the work done (and so asked for review) on this day. */
  completedOn: IsoDate | null;
  reviewedOn: IsoDate | null;
  status: string;
}

/**
 * The day the unit reported the work done: completed_on once a review passed; while a review is
 * requested, the unit's request is its report of completion (issue 10 §3) — what the R03 review clock
 * and the overdue rule read.
 */
export function reportedDoneOn(r: {
  completedOn: IsoDate | null;
  status: string;
  reviewRequestedOn: IsoDate | null;
}): IsoDate | null {
  return r.status === 'review_requested' ? (r.reviewRequestedOn ?? r.completedOn) : r.completedOn;
}

// ---------------------------------------------------------------------------------------------
// When an item is settled: THE definition, read by the findings below (nothing is raised for a
// settled item) and by the repository that closes open alerts (resolveSettledAlerts).
// ---------------------------------------------------------------------------------------------

/** An obligation is settled once it is no longer open (done, or waived). */
export function obligationSettled(status: string): boolean {
  return status !== 'open';
}

/** R03 监管措施（一） / R14 程序 2: the unit has done the work (reported it, or a review found it done). */
export function rectificationReportedDone(r: Pick<RectificationFacts, 'completedOn' | 'status'>): boolean {
  return r.completedOn != null || r.status === 'completed';
}

/** R03: the review (复查) has been carried out. */
export function rectificationReviewed(r: Pick<RectificationFacts, 'reviewedOn'>): boolean {
  return r.reviewedOn != null;
}

/** What is known, today, of the item an open alert is about (only the part its kind needs). */
export interface AlertSubjectState {
  obligationStatus?: string | null;
  rectification?: Pick<RectificationFacts, 'completedOn' | 'reviewedOn' | 'status'> | null;
  /** R14: every hazard of the inspection has its notice served. */
  noticeServed?: boolean | null;
  /** Issue 13 §4: the complaint's status. */
  complaintStatus?: string | null;
}

/** A complaint is settled once it is no longer open (a reply is recorded, or it was closed). */
export const complaintSettled = (status: string): boolean => status !== 'open';

/** Whether an open alert's item is settled, so the alert is closed. A missing subject is not settled. */
export function isAlertSettled(kind: AlertKind, s: AlertSubjectState): boolean {
  switch (kind) {
    case 'obligation_due_soon':
    case 'obligation_overdue':
      return s.obligationStatus != null && obligationSettled(s.obligationStatus);
    case 'rectification_overdue':
      return s.rectification != null && rectificationReportedDone(s.rectification);
    case 'review_late':
      return s.rectification != null && rectificationReviewed(s.rectification);
    case 'notice_late':
      return s.noticeServed === true;
    case 'complaint_reply_due_soon':
    case 'complaint_reply_overdue':
      return s.complaintStatus != null && complaintSettled(s.complaintStatus);
  }
}

/** The deadline in force: the approved extension if there is one (R03: up to 30 days). */
export function effectiveDeadline(r: Pick<RectificationFacts, 'deadlineOn' | 'extendedDeadlineOn'>): IsoDate {
  return r.extendedDeadlineOn ?? r.deadlineOn;
}

/**
 * Rectifications: overdue (deadline passed, not completed) and, for R03, a review later than 5
 * working days after the unit's request or the deadline's expiry.
 */
export function rectificationFindings(cal: StatutoryCalendar, r: RectificationFacts, today: IsoDate): AlertFinding[] {
  const out: AlertFinding[] = [];
  const subject: AlertSubject = { type: 'rectification', id: r.id };
  const deadline = effectiveDeadline(r);
  // R03 监管措施（一） / R14 程序 2: the unit must finish by the (possibly extended) deadline.
  if (!rectificationReportedDone(r) && compareIsoDates(today, deadline) > 0) {
    out.push({ kind: 'rectification_overdue', subject, dueOn: deadline });
  }
  // R03: review within 5 working days of the unit's request or of the deadline's expiry, whichever
  // comes first. The unit's report of completion is its request for review.
  if (r.regime === 'R03' && !rectificationReviewed(r)) {
    const first = r.completedOn != null && compareIsoDates(r.completedOn, deadline) < 0 ? r.completedOn : deadline;
    // Computed only once 5 working days have passed, so the due date never lies beyond today.
    if (workingDaysAfter(cal, first, today) >= 5) {
      const due = r03ReviewDue(cal, { rectificationDueOn: deadline, reviewRequestedOn: r.completedOn });
      if (compareIsoDates(today, due) > 0) out.push({ kind: 'review_late', subject, dueOn: due });
    }
  }
  return out;
}

export interface NoticeFacts {
  inspectionId: number;
  regime: string;
  /** The day the inspection ended. */
  inspectedOn: IsoDate;
  /** Whether every hazard of the inspection that needs a notice has one served. */
  noticeServed: boolean;
}

/** R14 程序 2: the rectification notice is served within 3 working days of the inspection's end. */
export function noticeFindings(cal: StatutoryCalendar, n: NoticeFacts, today: IsoDate): AlertFinding[] {
  if (n.regime !== 'R14' || n.noticeServed) return [];
  // Only look the due date up once three working days have passed (it then lies on or before today).
  if (workingDaysAfter(cal, n.inspectedOn, today) < 3) return [];
  const due = r14NoticeServiceDue(cal, n.inspectedOn);
  return compareIsoDates(today, due) > 0
    ? [{ kind: 'notice_late', subject: { type: 'inspection', id: n.inspectionId }, dueOn: due }]
    : [];
}

export interface ComplaintReplyFacts {
  id: number;
  replyDueOn: IsoDate;
  status: string;
}

/** Calendar days before a complaint's reply date when it counts as "due soon" (the period itself is calendar days). */
export const COMPLAINT_DUE_SOON_DAYS = 3;

/**
 * Complaints (issue 13 §4): the reply due soon (at most COMPLAINT_DUE_SOON_DAYS calendar days left)
 * or overdue (the reply date passed and no reply recorded). The period is a configured one: no
 * statutory reply period was verified (core COMPLAINT_REPLY_PERIOD_SOURCE).
 */
export function complaintFindings(c: ComplaintReplyFacts, today: IsoDate): AlertFinding[] {
  if (complaintSettled(c.status)) return [];
  const subject: AlertSubject = { type: 'complaint', id: c.id };
  const left = toDayNumber(c.replyDueOn) - toDayNumber(today);
  if (left < 0) return [{ kind: 'complaint_reply_overdue', subject, dueOn: c.replyDueOn }];
  return left <= COMPLAINT_DUE_SOON_DAYS ? [{ kind: 'complaint_reply_due_soon', subject, dueOn: c.replyDueOn }] : [];
}
