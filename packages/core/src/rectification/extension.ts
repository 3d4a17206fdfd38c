/**
 * Extending a rectification deadline (issue 10 §3 c). R03 监管措施（一）: 特殊情况，经公安机关交通管理部门
 * 负责人同意，可以延长至30日 — so an extension is asked for and approved while the deadline runs (an
 * approval on or after the deadline in force is refused), by a leader (负责人) who is not the one who
 * asked, and an R03 deadline never ends later than 30 days from the start of the period. R14's
 * two-month maximum bounds an extension too; other regimes have no statutory maximum (noted).
 */
import type { StatutoryCalendar } from '../calendar/working-days.js';
import { validateR03RectificationDeadline, validateR14RectificationDeadline } from '../deadlines/deadline.js';
import { compareIsoDates, isIsoDate, type IsoDate } from '../shared/iso-date.js';
import { checkResult, type Bilingual, type CheckResult, type Reason } from '../shared/reason.js';
import { NO_STATUTORY_MAXIMUM_NOTE } from './deadline-policy.js';

export const EXTENSION_REASON_MAX = 500;

/** What an extension needs, as the rulebook publishes it (rules list, /api/v1/rules). */
export interface ExtensionRule {
  /** Asked for, and approved, before the deadline in force (its last day is too late). */
  before: Bilingual;
  approver: Bilingual;
  /** The named deadline that bounds the extended date, or null where the seed sets none. */
  maximum: 'R03-RECTIFICATION-EXTENDED' | 'R14-RECTIFICATION' | null;
  note: Bilingual | null;
  clause: string;
}

/** The extension rule of a regime: the conditions checkExtensionRequest/checkExtensionApproval apply. */
export function extensionRuleOf(regime: string): ExtensionRule {
  return {
    before: {
      zh: '在现行整改期限届满前申请并批准（届满当日已迟）',
      en: 'asked for and approved before the deadline in force expires (its last day is too late)',
    },
    approver: { zh: '负责人（领导）批准，申请人不得自批', en: 'approved by a leader (负责人), never by the requester' },
    maximum: regime === 'R03' ? 'R03-RECTIFICATION-EXTENDED' : regime === 'R14' ? 'R14-RECTIFICATION' : null,
    note: regime === 'R03' || regime === 'R14' ? null : NO_STATUTORY_MAXIMUM_NOTE,
    // The seed states the extension only for R03; the same conditions are applied to every regime.
    clause: 'R03 监管措施（一）',
  };
}

export interface ExtensionRequestFacts {
  regime: string;
  /** The deadline in force when asked. */
  currentDeadlineOn: IsoDate;
  requestedOn: IsoDate;
  requestedDeadlineOn: string;
  reason: string;
  /** Whether the notice was served (a deadline runs only once the unit has the notice). */
  served: boolean;
}

export function checkExtensionRequest(f: ExtensionRequestFacts): CheckResult {
  const reasons: Reason[] = [];
  if (!f.served)
    reasons.push({
      code: 'RECT-EXT-NOT-SERVED',
      zh: '通知书尚未送达，不能申请延期',
      en: 'The notice has not been served: no extension can be asked for',
    });
  if (f.reason.trim() === '')
    reasons.push({ code: 'RECT-EXT-REASON-REQUIRED', zh: '须填写延期理由', en: 'A reason for the extension is required' });
  if (!isIsoDate(f.requestedDeadlineOn)) {
    reasons.push({
      code: 'RECT-EXT-DATE-INVALID',
      zh: `延长后的整改期限日期无效：${f.requestedDeadlineOn}`,
      en: `Invalid extended deadline: ${f.requestedDeadlineOn}`,
    });
  } else if (compareIsoDates(f.requestedDeadlineOn, f.currentDeadlineOn) <= 0) {
    reasons.push({
      code: 'RECT-EXT-NOT-LATER',
      zh: `延长后的期限须晚于现行期限 ${f.currentDeadlineOn}`,
      en: `The extended deadline must fall after the deadline in force (${f.currentDeadlineOn})`,
    });
  }
  // R03 监管措施（一）: the extension is granted while the deadline runs, so it is asked for before it.
  if (compareIsoDates(f.requestedOn, f.currentDeadlineOn) >= 0)
    reasons.push({
      code: 'RECT-EXT-REQUESTED-TOO-LATE',
      zh: `延期须在整改期限 ${f.currentDeadlineOn} 届满前申请`,
      en: `An extension must be asked for before the deadline (${f.currentDeadlineOn})`,
      clause: 'R03 监管措施（一）',
    });
  return checkResult(reasons);
}

export interface ExtensionDecisionFacts {
  regime: string;
  /** The start of the rectification period: the notice's issue, or the failed review that reopened it. */
  periodStartOn: IsoDate;
  /** The deadline in force when the extension was asked for (the "original" deadline). */
  currentDeadlineOn: IsoDate;
  requestedDeadlineOn: IsoDate;
  decidedOn: IsoDate;
  requesterUserId: number | null;
  approverUserId: number;
  /** Whether the approver holds the leader (负责人) role for the regime. */
  approverIsLeader: boolean;
}

export type ExtensionApprovalCheck = CheckResult & {
  /** The named rule that bounded the extended date, or null where the seed sets none. */
  rule: string | null;
  note: typeof NO_STATUTORY_MAXIMUM_NOTE | null;
};

/** Approval of an extension: every rule it breaks. */
export function checkExtensionApproval(cal: StatutoryCalendar, f: ExtensionDecisionFacts): ExtensionApprovalCheck {
  const reasons: Reason[] = [];
  if (!f.approverIsLeader)
    reasons.push({
      code: 'RECT-EXT-APPROVER-NOT-LEADER',
      zh: '延期须经负责人（领导）批准',
      en: 'An extension must be approved by a leader (负责人)',
      clause: 'R03 监管措施（一）',
    });
  if (f.requesterUserId !== null && f.requesterUserId === f.approverUserId)
    reasons.push({
      code: 'RECT-EXT-SELF-APPROVAL',
      zh: '申请人不能批准本人提出的延期',
      en: 'The requester cannot approve their own extension',
    });
  // Approved while the deadline runs: on or after the original deadline is too late.
  if (compareIsoDates(f.decidedOn, f.currentDeadlineOn) >= 0)
    reasons.push({
      code: 'RECT-EXT-APPROVED-TOO-LATE',
      zh: `延期须在原整改期限 ${f.currentDeadlineOn} 届满前批准`,
      en: `An extension must be approved before the original deadline (${f.currentDeadlineOn})`,
      clause: 'R03 监管措施（一）',
    });
  let rule: string | null = null;
  let note: typeof NO_STATUTORY_MAXIMUM_NOTE | null = null;
  if (f.regime === 'R03') {
    rule = 'R03-RECTIFICATION-EXTENDED';
    // R03: at most 30 days in all from the start of the period.
    const r = validateR03RectificationDeadline(cal, {
      issuedOn: f.periodStartOn,
      dueOn: f.requestedDeadlineOn,
      approval: { approvedBy: String(f.approverUserId), approvedOn: f.decidedOn },
      originalDueOn: f.currentDeadlineOn,
    });
    // The approval-date window is checked above for every regime (RECT-EXT-APPROVED-TOO-LATE).
    reasons.push(...r.reasons.filter((x) => x.code !== 'R03-RECT-APPROVAL-DATE-INVALID'));
  } else if (f.regime === 'R14') {
    rule = 'R14-RECTIFICATION';
    // R14 程序 2: at most two months, extension included.
    reasons.push(...validateR14RectificationDeadline(cal, { issuedOn: f.periodStartOn, dueOn: f.requestedDeadlineOn }).reasons);
  } else {
    note = NO_STATUTORY_MAXIMUM_NOTE;
  }
  return { ...checkResult(reasons), rule, note };
}
