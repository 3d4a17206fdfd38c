/**
 * Serving a notice (issue 10 §3 d). The time of service is recorded. R14 监督检查程序 2:
 * 《责令限期整改治安隐患通知书》应当自检查完毕之日起三个工作日内送达 — a duty of the police, not of the
 * unit. A late notice must still reach the unit (refusing it would leave the hazard without a
 * deadline), so late service is ACCEPTED ONLY WITH A RECORDED REASON and flagged: the case page shows
 * it as late with the due date, and the audit entry names the rule. Other regimes set no time limit.
 */
import type { StatutoryCalendar } from '../calendar/working-days.js';
import { r14NoticeServiceDue, validateR14NoticeService } from '../deadlines/deadline.js';
import { compareIsoDates, type IsoDate } from '../shared/iso-date.js';
import type { Reason } from '../shared/reason.js';

export const LATE_SERVICE_REASON_MAX = 500;

export interface ServiceFacts {
  regime: string;
  /** The day the inspection ended (its record closed). */
  inspectionEndedOn: IsoDate;
  issuedOn: IsoDate;
  servedOn: IsoDate;
  /** Why the notice is served after the R14 limit; required only then. */
  lateReason?: string | null;
}

export type ServiceCheck =
  | { ok: true; late: boolean; dueOn: IsoDate | null; rule: 'R14-NOTICE-SERVICE' | null; lateReason: string | null }
  | { ok: false; late: boolean; dueOn: IsoDate | null; reasons: Reason[] };

export function checkNoticeService(cal: StatutoryCalendar, f: ServiceFacts): ServiceCheck {
  const reasons: Reason[] = [];
  if (compareIsoDates(f.servedOn, f.issuedOn) < 0)
    reasons.push({
      code: 'RECT-SERVED-BEFORE-ISSUE',
      zh: `送达日期 ${f.servedOn} 早于通知书下达日期 ${f.issuedOn}`,
      en: `The service date ${f.servedOn} is before the notice date ${f.issuedOn}`,
    });
  if (f.regime !== 'R14') {
    return reasons.length
      ? { ok: false, late: false, dueOn: null, reasons }
      : { ok: true, late: false, dueOn: null, rule: null, lateReason: null };
  }
  const dueOn = r14NoticeServiceDue(cal, f.inspectionEndedOn);
  const check = validateR14NoticeService(cal, { inspectionEndedOn: f.inspectionEndedOn, servedOn: f.servedOn });
  const late = check.reasons.some((r) => r.code === 'R14-NOTICE-SERVED-LATE');
  reasons.push(...check.reasons.filter((r) => r.code !== 'R14-NOTICE-SERVED-LATE'));
  const lateReason = (f.lateReason ?? '').trim().slice(0, LATE_SERVICE_REASON_MAX);
  if (late && lateReason === '')
    reasons.push({
      code: 'R14-NOTICE-LATE-REASON-REQUIRED',
      zh: `整改通知书应于 ${dueOn} 前送达（检查完毕之日起三个工作日内），逾期送达须填写原因`,
      en: `The notice was due by ${dueOn} (within 3 working days of the inspection's end): a late service needs a recorded reason`,
      clause: 'R14 监督检查程序 2',
    });
  if (reasons.length) return { ok: false, late, dueOn, reasons };
  return { ok: true, late, dueOn, rule: 'R14-NOTICE-SERVICE', lateReason: late ? lateReason : null };
}
