/**
 * The procedure records a penalty decision needs, beyond the amounts `validatePenalty` checks: when
 * the validator says the hearing notice and collective discussion are required
 * (`requiresHearingNotice`), their dates (and the discussion's note) must be on the file and the
 * decision must not precede them; a party that asked for a hearing must have had it; a party that did
 * not ask keeps its right until the request period has run out. Pure: the statutory calendar comes in.
 *
 * Also: which of the penalty table's preconditions a rectification notice on the case file
 * establishes (a deadline that passed unmet, a review that failed).
 */
import { CalendarYearMissingError } from '../calendar/calendar-errors.js';
import type { StatutoryCalendar } from '../calendar/working-days.js';
import { compareIsoDates, isIsoDate, type IsoDate } from '../shared/iso-date.js';
import type { Reason } from '../shared/reason.js';
import type { PenaltyPrecondition } from './penalty-table.js';

/**
 * The period after the hearing notice in which the party may ask for a hearing, in days (start day not
 * counted; a last day that is a rest day moves to the next working day — the 期间 clause of
 * 《公安机关办理行政案件程序规定》).
 *
 * NOT SETTLED, shown as a note wherever it applies: 《中华人民共和国行政处罚法》 (revised 2021) art. 64(1)
 * gives the party five days after the notice (“应当在行政机关告知后五日内提出”); 《公安机关办理行政案件
 * 程序规定》 (2020 text) still says three days (“在公安机关告知后三日内提出”). The superior law prevails,
 * and a decision made after five days is lawful under both texts, so five is the default; the bureau's
 * legal office should confirm, and a caller may pass another number.
 */
export const DEFAULT_HEARING_REQUEST_DAYS = 5;

export const HEARING_REQUEST_PERIOD_NOTE: Reason = {
  code: 'PENALTY-HEARING-REQUEST-PERIOD-UNSETTLED',
  zh: '听证申请期限按《中华人民共和国行政处罚法》第六十四条“告知后五日内”计算；《公安机关办理行政案件程序规定》写“三日”。以上位法为准，请法制部门确认。',
  en: 'The hearing-request period is counted as five days after the notice (Administrative Penalty Law, art. 64); the Ministry’s procedure rules say three days. The superior law is applied; the legal office should confirm.',
  clause: '《中华人民共和国行政处罚法》第六十四条；《公安机关办理行政案件程序规定》',
};

const HEARING_CLAUSE =
  '《中华人民共和国行政处罚法》第六十三条、第六十四条；《公安机关办理行政案件程序规定》听证程序；R03 规范执法';
const COLLECTIVE_CLAUSE = '《中华人民共和国行政处罚法》第五十七条；R03 规范执法';

export interface PenaltyProcedureRecord {
  /** From `validatePenalty`: a large fine, a revocation or a suspension. */
  requiresHearingNotice: boolean;
  decidedOn: IsoDate;
  /** The day the case began (the inspection); a decision cannot precede it. */
  inspectedOn: IsoDate | null;
  /** Today in Asia/Shanghai: a decision is not dated in the future. */
  today: IsoDate;
  hearingNotifiedOn: IsoDate | null;
  /** Whether the party asked for a hearing (null: not recorded). */
  hearingRequested: boolean | null;
  hearingHeldOn: IsoDate | null;
  collectiveDiscussionOn: IsoDate | null;
  collectiveDiscussionNote: string | null;
}

export interface PenaltyProcedureOptions {
  hearingRequestDays?: number;
}

export interface PenaltyProcedureResult {
  reasons: Reason[];
  notes: Reason[];
  /** The last day the party could ask for a hearing, when a notice is on file. */
  hearingRequestEndsOn: IsoDate | null;
}

const before = (a: IsoDate, b: IsoDate) => compareIsoDates(a, b) < 0;

/**
 * Every reason the procedure records do not support the decision. The bare absence of a notice or a
 * discussion is the validator's (`PENALTY-HEARING-RIGHT-NOT-NOTIFIED`, `…-COLLECTIVE-DISCUSSION-MISSING`)
 * when the caller derives its `procedure` flags from these dates; this adds what the dates say.
 */
export function checkPenaltyProcedure(
  cal: StatutoryCalendar,
  r: PenaltyProcedureRecord,
  options: PenaltyProcedureOptions = {},
): PenaltyProcedureResult {
  const days = options.hearingRequestDays ?? DEFAULT_HEARING_REQUEST_DAYS;
  const reasons: Reason[] = [];
  const notes: Reason[] = [];
  let hearingRequestEndsOn: IsoDate | null = null;
  for (const [field, value] of [
    ['decidedOn', r.decidedOn],
    ['hearingNotifiedOn', r.hearingNotifiedOn],
    ['hearingHeldOn', r.hearingHeldOn],
    ['collectiveDiscussionOn', r.collectiveDiscussionOn],
  ] as const) {
    if (value !== null && !isIsoDate(value)) {
      reasons.push({
        code: 'PENALTY-DATE-INVALID',
        zh: `日期无效（${field}）：${String(value)}`,
        en: `Invalid date (${field}): ${String(value)}`,
      });
      return { reasons, notes, hearingRequestEndsOn };
    }
  }
  if (before(r.today, r.decidedOn))
    reasons.push({
      code: 'PENALTY-DECIDED-IN-FUTURE',
      zh: '决定日期不能晚于今天',
      en: 'The decision cannot be dated after today',
    });
  if (r.inspectedOn !== null && before(r.decidedOn, r.inspectedOn))
    reasons.push({
      code: 'PENALTY-DECIDED-BEFORE-INSPECTION',
      zh: `决定日期不能早于检查日期 ${r.inspectedOn}`,
      en: `The decision cannot precede the inspection of ${r.inspectedOn}`,
    });

  // Hearing (行政处罚法 第六十三条: notice of the right before a large fine, a revocation or a
  // suspension; 第六十四条: the party asks within the period; if it asks, the hearing is held first).
  if (r.hearingNotifiedOn !== null) {
    if (before(r.decidedOn, r.hearingNotifiedOn))
      reasons.push({
        code: 'PENALTY-DECIDED-BEFORE-HEARING-NOTICE',
        zh: `决定日期 ${r.decidedOn} 早于告知听证权利日期 ${r.hearingNotifiedOn}`,
        en: `The decision (${r.decidedOn}) precedes the hearing notice (${r.hearingNotifiedOn})`,
        clause: HEARING_CLAUSE,
      });
    if (r.inspectedOn !== null && before(r.hearingNotifiedOn, r.inspectedOn))
      reasons.push({
        code: 'PENALTY-HEARING-NOTICE-BEFORE-INSPECTION',
        zh: `告知听证权利日期不能早于检查日期 ${r.inspectedOn}`,
        en: `The hearing notice cannot precede the inspection of ${r.inspectedOn}`,
        clause: HEARING_CLAUSE,
      });
  }
  if (r.requiresHearingNotice && r.hearingNotifiedOn !== null) {
    notes.push(HEARING_REQUEST_PERIOD_NOTE);
    if (r.hearingRequested === null) {
      reasons.push({
        code: 'PENALTY-HEARING-REQUEST-NOT-RECORDED',
        zh: '须记录当事人是否要求听证',
        en: 'Record whether the party asked for a hearing',
        clause: HEARING_CLAUSE,
      });
    } else if (r.hearingRequested) {
      if (r.hearingHeldOn === null) {
        reasons.push({
          code: 'PENALTY-HEARING-NOT-HELD',
          zh: '当事人要求听证的，应当组织听证后再作出决定：请填写听证日期',
          en: 'The party asked for a hearing: hold it before deciding, and enter its date',
          clause: HEARING_CLAUSE,
        });
      } else {
        if (before(r.hearingHeldOn, r.hearingNotifiedOn))
          reasons.push({
            code: 'PENALTY-HEARING-BEFORE-NOTICE',
            zh: '听证日期不能早于告知日期',
            en: 'The hearing cannot precede the notice',
            clause: HEARING_CLAUSE,
          });
        if (before(r.decidedOn, r.hearingHeldOn))
          reasons.push({
            code: 'PENALTY-DECIDED-BEFORE-HEARING',
            zh: `决定日期 ${r.decidedOn} 早于听证日期 ${r.hearingHeldOn}`,
            en: `The decision (${r.decidedOn}) precedes the hearing (${r.hearingHeldOn})`,
            clause: HEARING_CLAUSE,
          });
      }
    } else {
      try {
        hearingRequestEndsOn = cal.addCalendarDays(r.hearingNotifiedOn, days);
        if (!before(hearingRequestEndsOn, r.decidedOn))
          reasons.push({
            code: 'PENALTY-DECIDED-WITHIN-HEARING-REQUEST-PERIOD',
            zh: `当事人可在告知后${days}日内（至 ${hearingRequestEndsOn}）要求听证，决定日期应在此之后`,
            en: `The party may ask for a hearing within ${days} days of the notice (until ${hearingRequestEndsOn}); decide after that`,
            clause: HEARING_CLAUSE,
          });
      } catch (e) {
        if (!(e instanceof CalendarYearMissingError)) throw e;
        reasons.push({ code: 'PENALTY-CALENDAR-YEAR-MISSING', zh: e.zh, en: e.en });
      }
    }
  }

  // Collective discussion (行政处罚法 第五十七条: 情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当
  // 集体讨论决定; R03 规范执法: before a suspension or a large fine). Its conclusion is on the file.
  if (r.collectiveDiscussionOn !== null) {
    if (before(r.decidedOn, r.collectiveDiscussionOn))
      reasons.push({
        code: 'PENALTY-DECIDED-BEFORE-COLLECTIVE-DISCUSSION',
        zh: `决定日期 ${r.decidedOn} 早于集体讨论日期 ${r.collectiveDiscussionOn}`,
        en: `The decision (${r.decidedOn}) precedes the collective discussion (${r.collectiveDiscussionOn})`,
        clause: COLLECTIVE_CLAUSE,
      });
    if (r.requiresHearingNotice && (r.collectiveDiscussionNote ?? '').trim() === '')
      reasons.push({
        code: 'PENALTY-COLLECTIVE-DISCUSSION-NOTE-MISSING',
        zh: '须记录集体讨论的意见',
        en: 'Record the conclusion of the collective discussion',
        clause: COLLECTIVE_CLAUSE,
      });
  }
  return { reasons, notes, hearingRequestEndsOn };
}

/** The facts of a rectification notice on the case file that bear on the penalty's preconditions. */
export interface NoticeFactsForPenalty {
  deadlineOn: IsoDate;
  extendedDeadlineOn: IsoDate | null;
  completedOn: IsoDate | null;
  reviewOpinion: 'passed' | 'failed' | null;
  hazardSeverity: 'general' | 'major';
}

/**
 * Which preconditions of the penalty table the notice establishes on `decidedOn`:
 * - the (extended) deadline passed before the decision with the work not done by it →
 *   `rectification_deadline_passed_unmet` (R09 seal engravers: 逾期不改正) and
 *   `overdue_rectification_inadequate` (R12/R13: 逾期整改不到位);
 * - a failed review → `overdue_rectification_inadequate`;
 * - either, on a major hazard → `major_hazard_refused_or_inadequately_rectified` (R03 监管措施（三）);
 * - overdue, and the officer records harm or a serious threat → `overdue_rectification_with_harm_or_serious_threat`
 *   (R14 监督检查措施 2: 逾期不整改，造成损害或严重威胁安全). Harm is a fact of the case, not of the notice.
 */
export function preconditionsFromRectification(
  r: NoticeFactsForPenalty,
  decidedOn: IsoDate,
  options: { harmOrSeriousThreat?: boolean } = {},
): PenaltyPrecondition[] {
  const due = r.extendedDeadlineOn ?? r.deadlineOn;
  const overdue = before(due, decidedOn) && (r.completedOn === null || before(due, r.completedOn));
  const failed = r.reviewOpinion === 'failed';
  const out: PenaltyPrecondition[] = [];
  if (overdue) out.push('rectification_deadline_passed_unmet');
  if (overdue && options.harmOrSeriousThreat) out.push('overdue_rectification_with_harm_or_serious_threat');
  if (r.hazardSeverity === 'major' && (overdue || failed)) out.push('major_hazard_refused_or_inadequately_rectified');
  if (overdue || failed) out.push('overdue_rectification_inadequate');
  return out;
}
