/**
 * Named statutory deadlines. Three units are kept apart: calendar days, working days and months.
 * All counting goes through the injected StatutoryCalendar, so the start day is not counted and a
 * calendar-day or month period ending on a rest day ends on the next working day (期间 clause of
 * 《公安机关办理行政案件程序规定》). A year the calendar lacks throws CalendarYearMissingError.
 */
import type { StatutoryCalendar } from '../calendar/working-days.js';
import { type IsoDate, compareIsoDates, plusDays, plusMonths } from '../shared/iso-date.js';
import { type CheckResult, type Reason, checkResult } from '../shared/reason.js';
import type { RegimeCode } from '../regimes/entity-kinds.js';

export type DeadlineUnit = 'calendar_days' | 'working_days' | 'months';

export interface NamedDeadline {
  id: 'R03-RECTIFICATION' | 'R03-RECTIFICATION-EXTENDED' | 'R03-REVIEW' | 'R14-NOTICE-SERVICE' | 'R14-RECTIFICATION';
  regime: RegimeCode;
  unit: DeadlineUnit;
  amount: number;
  /** Whether the amount is a maximum the officer may shorten, or the fixed time allowed to the police. */
  nature: 'maximum_for_unit' | 'time_limit_for_police';
  /** What starts the clock (the start day itself is not counted). */
  start: { zh: string; en: string };
  zh: string;
  en: string;
  clause: string;
}

// R03: 限期整改消除事故隐患的，期限最长15日；特殊情况，经负责人同意，可以延长至30日。
export const R03_RECTIFICATION_MAX_DAYS = 15;
export const R03_RECTIFICATION_EXTENDED_MAX_DAYS = 30;
// R03: 提出复查申请或整改期限届满之日起5个工作日内核查验收并制作复查意见书。
export const R03_REVIEW_WORKING_DAYS = 5;
// R14: 《责令限期整改治安隐患通知书》应当自检查完毕之日起三个工作日内送达。
export const R14_NOTICE_WORKING_DAYS = 3;
// R14: 整改期限最长不超过二个月。
export const R14_RECTIFICATION_MAX_MONTHS = 2;

export const NAMED_DEADLINES: readonly NamedDeadline[] = [
  {
    id: 'R03-RECTIFICATION',
    regime: 'R03',
    unit: 'calendar_days',
    amount: R03_RECTIFICATION_MAX_DAYS,
    nature: 'maximum_for_unit',
    start: { zh: '整改通知书下达之日', en: 'the day the notice is issued' },
    zh: '重大事故隐患限期整改（最长15日）',
    en: 'major-hazard rectification (at most 15 days)',
    clause: 'R03 监管措施（一）',
  },
  {
    id: 'R03-RECTIFICATION-EXTENDED',
    regime: 'R03',
    unit: 'calendar_days',
    amount: R03_RECTIFICATION_EXTENDED_MAX_DAYS,
    nature: 'maximum_for_unit',
    start: { zh: '整改通知书下达之日', en: 'the day the notice is issued' },
    zh: '经负责人同意延长整改期限（最长30日）',
    en: 'rectification extended with the head’s approval (at most 30 days)',
    clause: 'R03 监管措施（一）',
  },
  {
    id: 'R03-REVIEW',
    regime: 'R03',
    unit: 'working_days',
    amount: R03_REVIEW_WORKING_DAYS,
    nature: 'time_limit_for_police',
    start: {
      zh: '复查申请之日或整改期限届满之日（先到者）',
      en: 'the request for review, or the deadline’s expiry, whichever comes first',
    },
    zh: '复查申请或整改期限届满之日起5个工作日内复查',
    en: 'review within 5 working days of the request or of the deadline’s expiry',
    clause: 'R03 监管措施（一）',
  },
  {
    id: 'R14-NOTICE-SERVICE',
    regime: 'R14',
    unit: 'working_days',
    amount: R14_NOTICE_WORKING_DAYS,
    nature: 'time_limit_for_police',
    start: { zh: '检查完毕之日', en: 'the day the inspection ends' },
    zh: '检查完毕之日起三个工作日内送达整改通知书',
    en: 'rectification notice served within 3 working days of the inspection’s end',
    clause: 'R14 监督检查程序 2',
  },
  {
    id: 'R14-RECTIFICATION',
    regime: 'R14',
    unit: 'months',
    amount: R14_RECTIFICATION_MAX_MONTHS,
    nature: 'maximum_for_unit',
    start: { zh: '整改通知书下达之日', en: 'the day the notice is issued' },
    zh: '治安隐患整改期限最长不超过二个月',
    en: 'security-hazard rectification at most two months',
    clause: 'R14 监督检查程序 2',
  },
];

/** Thrown by the due-date functions when the input cannot yield a lawful deadline. */
export class DeadlineRefusedError extends Error {
  override readonly name = 'DeadlineRefusedError';
  constructor(readonly reasons: Reason[]) {
    super(reasons.map((r) => `${r.zh} / ${r.en}`).join('; '));
  }
}

export interface ExtensionApproval {
  /** The approving head of the traffic-police department (公安机关交通管理部门负责人). */
  approvedBy: string;
  approvedOn: IsoDate;
}

function isBlank(s: string | undefined | null): boolean {
  return s == null || s.trim() === '';
}

// ---------------------------------------------------------------------------------------------
// R03 rectification of a major hazard
// ---------------------------------------------------------------------------------------------

export interface R03RectificationInput {
  issuedOn: IsoDate;
  /** Calendar days allowed, 1..15, or 16..30 with a recorded approval. */
  days: number;
  approval?: ExtensionApproval | null;
}

function r03DaysReasons(days: number, approval: ExtensionApproval | null | undefined): Reason[] {
  const reasons: Reason[] = [];
  if (!Number.isSafeInteger(days) || days < 1) {
    reasons.push({
      code: 'R03-RECT-DAYS-INVALID',
      zh: '整改期限天数必须为正整数',
      en: 'The rectification period must be a positive whole number of days',
      clause: 'R03 监管措施（一）',
    });
  } else if (days > R03_RECTIFICATION_EXTENDED_MAX_DAYS) {
    // R03: even with approval, at most 30 days.
    reasons.push({
      code: 'R03-RECT-EXCEEDS-30-DAYS',
      zh: `整改期限 ${days} 日超过最长30日`,
      en: `A rectification period of ${days} days exceeds the 30-day maximum`,
      clause: 'R03 监管措施（一）',
    });
  } else if (days > R03_RECTIFICATION_MAX_DAYS && (approval == null || isBlank(approval.approvedBy))) {
    // R03: beyond 15 days only with the head's recorded approval.
    reasons.push({
      code: 'R03-RECT-EXTENSION-NOT-APPROVED',
      zh: `整改期限 ${days} 日超过15日，须经公安机关交通管理部门负责人同意并记录`,
      en: `A rectification period of ${days} days exceeds 15 days and needs the head's recorded approval`,
      clause: 'R03 监管措施（一）',
    });
  }
  return reasons;
}

/** R03: due date of a major-hazard rectification notice (at most 15 days; 30 with approval). */
export function r03RectificationDue(cal: StatutoryCalendar, input: R03RectificationInput): IsoDate {
  const reasons = r03DaysReasons(input.days, input.approval);
  if (reasons.length) throw new DeadlineRefusedError(reasons);
  return cal.addCalendarDays(input.issuedOn, input.days);
}

export interface R03RectificationProposal {
  issuedOn: IsoDate;
  dueOn: IsoDate;
  approval?: ExtensionApproval | null;
  /** The deadline in force when the extension was approved; defaults to the 15-day limit. */
  originalDueOn?: IsoDate;
}

/**
 * R03: checks a proposed due date against the 15-day limit and the 30-day approved limit. The 期间
 * clause only ever moves a last day later (off a rest day), so a date within the plain span of 15 (or
 * 30) days is lawful whatever the calendar says: the calendar is consulted only beyond it, and a
 * deadline early next year is accepted before next year's notice is entered.
 */
export function validateR03RectificationDeadline(cal: StatutoryCalendar, p: R03RectificationProposal): CheckResult {
  const reasons: Reason[] = [];
  if (compareIsoDates(p.dueOn, p.issuedOn) <= 0) {
    reasons.push({
      code: 'R03-RECT-DUE-NOT-AFTER-ISSUE',
      zh: '整改期限必须晚于通知书下达日期',
      en: 'The rectification deadline must fall after the notice date',
      clause: 'R03 监管措施（一）',
    });
    return checkResult(reasons);
  }
  const max15 = (): IsoDate => cal.addCalendarDays(p.issuedOn, R03_RECTIFICATION_MAX_DAYS);
  const beyond = (days: number, max: () => IsoDate): boolean =>
    compareIsoDates(p.dueOn, plusDays(p.issuedOn, days)) > 0 && compareIsoDates(p.dueOn, max()) > 0;
  const max30 = (): IsoDate => cal.addCalendarDays(p.issuedOn, R03_RECTIFICATION_EXTENDED_MAX_DAYS);
  if (beyond(R03_RECTIFICATION_EXTENDED_MAX_DAYS, max30)) {
    reasons.push({
      code: 'R03-RECT-EXCEEDS-30-DAYS',
      zh: `整改期限超过最长30日（最迟 ${max30()}）`,
      en: `The deadline exceeds the 30-day maximum (latest ${max30()})`,
      clause: 'R03 监管措施（一）',
    });
  } else if (p.approval == null || isBlank(p.approval.approvedBy)) {
    if (beyond(R03_RECTIFICATION_MAX_DAYS, max15)) {
      reasons.push({
        code: 'R03-RECT-EXTENSION-NOT-APPROVED',
        zh: `整改期限超过15日（最迟 ${max15()}），须经负责人同意并记录`,
        en: `The deadline exceeds 15 days (latest ${max15()}) and needs the head's recorded approval`,
        clause: 'R03 监管措施（一）',
      });
    }
  } else if (compareIsoDates(p.dueOn, plusDays(p.issuedOn, R03_RECTIFICATION_MAX_DAYS)) > 0) {
    // An extension extends a deadline that still runs: approved after the notice and before the
    // original deadline (its last day included in "expired": approval on it is too late).
    const original = p.originalDueOn ?? max15();
    if (compareIsoDates(p.approval.approvedOn, p.issuedOn) < 0 || compareIsoDates(p.approval.approvedOn, original) >= 0) {
      reasons.push({
        code: 'R03-RECT-APPROVAL-DATE-INVALID',
        zh: `延期批准日期须在通知书下达之后、原整改期限（${original}）届满之前`,
        en: `The extension must be approved after the notice and before the original deadline (${original})`,
        clause: 'R03 监管措施（一）',
      });
    }
  }
  return checkResult(reasons);
}

// ---------------------------------------------------------------------------------------------
// R03 review of a rectification
// ---------------------------------------------------------------------------------------------

export interface R03ReviewInput {
  /** The rectification deadline (its expiry starts the review clock if no request came first). */
  rectificationDueOn: IsoDate;
  /** The day the unit reported the work done and asked for review, if it did. */
  reviewRequestedOn?: IsoDate | null;
}

/** The day that starts the R03 review clock: the request or the deadline's expiry, whichever is first. */
export function r03ReviewTrigger(input: R03ReviewInput): IsoDate {
  const r = input.reviewRequestedOn;
  if (r != null && compareIsoDates(r, input.rectificationDueOn) < 0) return r;
  return input.rectificationDueOn;
}

/** R03: review within 5 working days of the unit's request for review or of the deadline's expiry. */
export function r03ReviewDue(cal: StatutoryCalendar, input: R03ReviewInput): IsoDate {
  return cal.addWorkingDays(r03ReviewTrigger(input), R03_REVIEW_WORKING_DAYS);
}

export function validateR03Review(cal: StatutoryCalendar, input: R03ReviewInput & { reviewedOn: IsoDate }): CheckResult {
  const due = r03ReviewDue(cal, input);
  const reasons: Reason[] = [];
  if (compareIsoDates(input.reviewedOn, due) > 0) {
    reasons.push({
      code: 'R03-REVIEW-LATE',
      zh: `复查应于 ${due} 前完成（5个工作日内）`,
      en: `The review was due by ${due} (within 5 working days)`,
      clause: 'R03 监管措施（一）',
    });
  }
  return checkResult(reasons);
}

// ---------------------------------------------------------------------------------------------
// R14 notice service and rectification
// ---------------------------------------------------------------------------------------------

/** R14: the rectification notice is served within 3 working days of the end of the inspection. */
export function r14NoticeServiceDue(cal: StatutoryCalendar, inspectionEndedOn: IsoDate): IsoDate {
  return cal.addWorkingDays(inspectionEndedOn, R14_NOTICE_WORKING_DAYS);
}

export function validateR14NoticeService(
  cal: StatutoryCalendar,
  input: { inspectionEndedOn: IsoDate; servedOn: IsoDate },
): CheckResult {
  const due = r14NoticeServiceDue(cal, input.inspectionEndedOn);
  const reasons: Reason[] = [];
  if (compareIsoDates(input.servedOn, input.inspectionEndedOn) < 0) {
    reasons.push({
      code: 'R14-NOTICE-BEFORE-INSPECTION-END',
      zh: '送达日期早于检查完毕日期',
      en: 'The notice cannot be served before the inspection ended',
      clause: 'R14 监督检查程序 2',
    });
  } else if (compareIsoDates(input.servedOn, due) > 0) {
    reasons.push({
      code: 'R14-NOTICE-SERVED-LATE',
      zh: `整改通知书应于 ${due} 前送达（检查完毕之日起三个工作日内）`,
      en: `The notice was due to be served by ${due} (within 3 working days of the inspection's end)`,
      clause: 'R14 监督检查程序 2',
    });
  }
  return checkResult(reasons);
}

/** R14: the latest lawful rectification deadline, two months from the notice. */
export function r14RectificationMaxDue(cal: StatutoryCalendar, issuedOn: IsoDate): IsoDate {
  return cal.addMonths(issuedOn, R14_RECTIFICATION_MAX_MONTHS);
}

/** R14: due date for a period of 1 or 2 months (at most two months). */
export function r14RectificationDue(cal: StatutoryCalendar, issuedOn: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months) || months < 1 || months > R14_RECTIFICATION_MAX_MONTHS) {
    throw new DeadlineRefusedError([
      {
        code: 'R14-RECT-EXCEEDS-2-MONTHS',
        zh: `整改期限 ${months} 个月无效：最长不超过二个月`,
        en: `A rectification period of ${months} months is invalid: at most two months`,
        clause: 'R14 监督检查程序 2',
      },
    ]);
  }
  return cal.addMonths(issuedOn, months);
}

export function validateR14RectificationDeadline(cal: StatutoryCalendar, p: { issuedOn: IsoDate; dueOn: IsoDate }): CheckResult {
  const reasons: Reason[] = [];
  if (compareIsoDates(p.dueOn, p.issuedOn) <= 0) {
    reasons.push({
      code: 'R14-RECT-DUE-NOT-AFTER-ISSUE',
      zh: '整改期限必须晚于通知书日期',
      en: 'The rectification deadline must fall after the notice date',
      clause: 'R14 监督检查程序 2',
    });
    return checkResult(reasons);
  }
  // Within the plain two months the date is lawful whatever the calendar says (see R03 above).
  if (compareIsoDates(p.dueOn, plusMonths(p.issuedOn, R14_RECTIFICATION_MAX_MONTHS)) <= 0) return checkResult(reasons);
  const max = r14RectificationMaxDue(cal, p.issuedOn);
  if (compareIsoDates(p.dueOn, max) > 0) {
    reasons.push({
      code: 'R14-RECT-EXCEEDS-2-MONTHS',
      zh: `整改期限超过二个月（最迟 ${max}）`,
      en: `The deadline exceeds two months (latest ${max})`,
      clause: 'R14 监督检查程序 2',
    });
  }
  return checkResult(reasons);
}
