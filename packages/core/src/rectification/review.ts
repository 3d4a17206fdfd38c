/**
 * The review of a rectification (复查, issue 10 §3 e). R03 监管措施（一）: 在生产经营单位整改完毕提出复查申请
 * 或整改期限届满之日起5个工作日内核查验收并制作复查意见书. The seed sets no review time for the other
 * regimes; the bureau applies the same 5 working days as its own practice, and the due date says so
 * (rule BUREAU-REVIEW-5WD, not a clause of the seed).
 */
import type { StatutoryCalendar } from '../calendar/working-days.js';
import { R03_REVIEW_WORKING_DAYS, r03ReviewDue, r03ReviewTrigger } from '../deadlines/deadline.js';
import type { IsoDate } from '../shared/iso-date.js';
import type { Bilingual } from '../shared/reason.js';

export interface ReviewDue {
  dueOn: IsoDate;
  rule: 'R03-REVIEW' | 'BUREAU-REVIEW-5WD';
  /** Where the time limit comes from, honestly: the seed's clause, or the bureau's practice. */
  source: Bilingual;
  clause: string | null;
}

export const BUREAU_REVIEW_SOURCE: Bilingual = {
  zh: '本局做法：参照 R03，自复查申请或整改期限届满之日起5个工作日内复查（本制度对该领域未规定复查时限）',
  en: "The bureau's practice, after R03: review within 5 working days of the request or of the deadline's expiry (the rulebook sets no review time for this regime)",
};

export function reviewDue(cal: StatutoryCalendar, f: { regime: string; deadlineOn: IsoDate; requestedOn: IsoDate }): ReviewDue {
  const input = { rectificationDueOn: f.deadlineOn, reviewRequestedOn: f.requestedOn };
  if (f.regime === 'R03')
    return {
      dueOn: r03ReviewDue(cal, input),
      rule: 'R03-REVIEW',
      source: {
        zh: 'R03 监管措施（一）：复查申请或整改期限届满之日起5个工作日内复查',
        en: 'R03 measures (1): within 5 working days of the request or of the deadline’s expiry',
      },
      clause: 'R03 监管措施（一）',
    };
  return {
    dueOn: cal.addWorkingDays(r03ReviewTrigger(input), R03_REVIEW_WORKING_DAYS),
    rule: 'BUREAU-REVIEW-5WD',
    source: BUREAU_REVIEW_SOURCE,
    clause: null,
  };
}
