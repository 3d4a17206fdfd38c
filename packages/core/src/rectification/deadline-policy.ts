/**
 * The rectification deadline of a notice, per regime (issue 10 §3). Only two regimes of the seed set
 * a maximum: R03 (major hazard, at most 15 days; 30 with the head's approval) and R14 (at most two
 * months). For every other regime the seed names no maximum: the officer must enter the date, and it
 * is accepted only with the recorded note that no statutory maximum exists (never silently).
 */
import type { StatutoryCalendar } from '../calendar/working-days.js';
import {
  NAMED_DEADLINES,
  R03_RECTIFICATION_MAX_DAYS,
  R14_RECTIFICATION_MAX_MONTHS,
  type NamedDeadline,
  validateR03RectificationDeadline,
  validateR14RectificationDeadline,
} from '../deadlines/deadline.js';
import { compareIsoDates, isIsoDate, type IsoDate } from '../shared/iso-date.js';
import type { Bilingual, Reason } from '../shared/reason.js';

export type RectificationDeadlinePolicy =
  | {
      kind: 'statutory';
      regime: string;
      /** The named deadline of core that bounds the date. */
      rule: NamedDeadline['id'];
      /** What the form proposes when the officer enters nothing. */
      defaultPeriod: { unit: 'calendar_days' | 'months'; amount: number };
      zh: string;
      en: string;
      clause: string;
    }
  | {
      kind: 'no_statutory_maximum';
      regime: string;
      rule: null;
      defaultPeriod: null;
      /** The note recorded with the notice and shown on the case page. */
      note: Bilingual;
      clause: null;
    };

/** The code recorded in rectification.deadline_rule when the seed sets no maximum. */
export const NO_STATUTORY_MAXIMUM = 'NO-STATUTORY-MAXIMUM';

export const NO_STATUTORY_MAXIMUM_NOTE: Bilingual = {
  zh: '本制度对该监管领域未规定整改期限上限：期限由承办民警确定并记录',
  en: 'The rulebook sets no maximum rectification period for this regime: the officer set the date, and this is recorded',
};

function named(id: NamedDeadline['id']): NamedDeadline {
  return NAMED_DEADLINES.find((d) => d.id === id)!;
}

export function rectificationDeadlinePolicy(regime: string): RectificationDeadlinePolicy {
  if (regime === 'R03') {
    const d = named('R03-RECTIFICATION');
    // R03 监管措施（一）: 限期整改消除事故隐患的，期限最长15日.
    return {
      kind: 'statutory',
      regime,
      rule: d.id,
      defaultPeriod: { unit: 'calendar_days', amount: R03_RECTIFICATION_MAX_DAYS },
      zh: d.zh,
      en: d.en,
      clause: d.clause,
    };
  }
  if (regime === 'R14') {
    const d = named('R14-RECTIFICATION');
    // R14 监督检查程序 2: 整改期限最长不超过二个月.
    return {
      kind: 'statutory',
      regime,
      rule: d.id,
      defaultPeriod: { unit: 'months', amount: R14_RECTIFICATION_MAX_MONTHS },
      zh: d.zh,
      en: d.en,
      clause: d.clause,
    };
  }
  return { kind: 'no_statutory_maximum', regime, rule: null, defaultPeriod: null, note: NO_STATUTORY_MAXIMUM_NOTE, clause: null };
}

/** The date the form proposes (the statutory maximum, counted by the 期间 clause), or null: the officer enters one. */
export function defaultRectificationDeadline(cal: StatutoryCalendar, regime: string, startOn: IsoDate): IsoDate | null {
  const p = rectificationDeadlinePolicy(regime);
  if (p.kind !== 'statutory') return null;
  return p.defaultPeriod.unit === 'months'
    ? cal.addMonths(startOn, p.defaultPeriod.amount)
    : cal.addCalendarDays(startOn, p.defaultPeriod.amount);
}

export interface DeadlineProposal {
  regime: string;
  /** The day the period starts: the notice's issue, or a failed review that reopens the case. */
  startOn: IsoDate;
  /** The date entered, or null to take the default (refused where there is none). */
  dueOn: IsoDate | null;
  /** For a regime without a statutory maximum: the officer confirms the date knowing there is none. */
  noMaximumAcknowledged?: boolean;
}

export type DeadlineDecision =
  | {
      ok: true;
      dueOn: IsoDate;
      /** rectification.deadline_rule: the named deadline, or NO-STATUTORY-MAXIMUM. */
      rule: string;
      ruleZh: string | null;
      /** Shown on the case page with the notice; set when no statutory maximum exists. */
      note: Bilingual | null;
      clause: string | null;
    }
  | { ok: false; reasons: Reason[] };

/**
 * Checks (or fills in) the deadline of a notice, or the new deadline of a reopened case, against the
 * regime's policy. Every reason is returned, each naming the field `deadlineOn`.
 */
export function decideRectificationDeadline(cal: StatutoryCalendar, p: DeadlineProposal): DeadlineDecision {
  const policy = rectificationDeadlinePolicy(p.regime);
  if (p.dueOn !== null && !isIsoDate(p.dueOn)) {
    return {
      ok: false,
      reasons: [{ code: 'RECT-DEADLINE-INVALID', zh: `整改期限日期无效：${p.dueOn}`, en: `Invalid deadline: ${p.dueOn}` }],
    };
  }
  if (policy.kind === 'statutory') {
    const dueOn = p.dueOn ?? defaultRectificationDeadline(cal, p.regime, p.startOn)!;
    const check =
      policy.rule === 'R03-RECTIFICATION'
        ? // The notice itself carries no approval: beyond 15 days only by an approved extension.
          validateR03RectificationDeadline(cal, { issuedOn: p.startOn, dueOn, approval: null })
        : validateR14RectificationDeadline(cal, { issuedOn: p.startOn, dueOn });
    if (!check.ok) return { ok: false, reasons: check.reasons };
    return { ok: true, dueOn, rule: policy.rule, ruleZh: policy.zh, note: null, clause: policy.clause };
  }
  const reasons: Reason[] = [];
  if (p.dueOn === null) {
    reasons.push({
      code: 'RECT-DEADLINE-REQUIRED',
      zh: `${p.regime} 的制度未规定整改期限上限，须由承办民警填写整改期限`,
      en: `The rulebook sets no maximum period for ${p.regime}: the officer must enter the deadline`,
    });
  } else if (compareIsoDates(p.dueOn, p.startOn) <= 0) {
    reasons.push({
      code: 'RECT-DEADLINE-NOT-AFTER-START',
      zh: '整改期限必须晚于通知书下达日期',
      en: 'The deadline must fall after the notice date',
    });
  }
  if (!p.noMaximumAcknowledged) {
    reasons.push({
      code: 'RECT-NO-MAXIMUM-NOT-ACKNOWLEDGED',
      zh: `须确认：${NO_STATUTORY_MAXIMUM_NOTE.zh}`,
      en: `Confirm: ${NO_STATUTORY_MAXIMUM_NOTE.en}`,
    });
  }
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, dueOn: p.dueOn!, rule: NO_STATUTORY_MAXIMUM, ruleZh: null, note: NO_STATUTORY_MAXIMUM_NOTE, clause: null };
}

/**
 * Whether a hazard gets a written notice with a deadline at all. R03 监管措施（一）: a general hazard is
 * put right at once (责令立即整改), only a major one gets a written deadline; a hazard fixed on the spot
 * needs no notice anywhere.
 */
export function noticeRefusalForHazard(h: { regime: string; severity: string; fixedOnSpot: boolean }): Reason | null {
  if (h.fixedOnSpot)
    return {
      code: 'RECT-HAZARD-FIXED-ON-SPOT',
      zh: '该隐患已当场整改，无需下达限期整改通知书',
      en: 'The hazard was fixed on the spot: no rectification notice is needed',
    };
  if (h.regime === 'R03' && h.severity !== 'major')
    return {
      code: 'R03-GENERAL-HAZARD-IMMEDIATE',
      zh: 'R03 一般事故隐患应责令立即整改，限期整改通知书只用于重大事故隐患',
      en: 'R03: a general hazard is put right at once; a written deadline is for major hazards only',
      clause: 'R03 监管措施（一）',
    };
  return null;
}
