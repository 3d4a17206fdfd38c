/**
 * The life of a rectification notice as a pure state machine (issue 10 §3):
 *
 *   issued (open, not served) --serve--> open (served)
 *   open | reopened --extend (approved)--> same status, later deadline
 *   open | reopened | overdue --request_review--> review_requested
 *   review_requested --review_passed--> completed        (completed_on, reviewed_on)
 *   review_requested --review_failed--> reopened         (a new deadline by the same policy)
 *   open | reopened --deadline passes--> overdue         (the demo data and reports; not a user action)
 *
 * `edit` (the hazard text or deadline the notice shows) is allowed only before service: once served
 * the document is frozen. Anything else is refused with a reason naming the status.
 */
import type { Reason } from '../shared/reason.js';

export const RECTIFICATION_STATUSES = ['open', 'overdue', 'review_requested', 'completed', 'reopened'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export type RectificationEvent =
  'serve' | 'edit' | 'extend' | 'request_review' | 'review_passed' | 'review_failed' | 'deadline_passed';

export interface RectificationState {
  status: RectificationStatus | string;
  served: boolean;
}

export type Transition = { ok: true; status: RectificationStatus } | { ok: false; reason: Reason };

const STATUS_ZH: Record<string, string> = {
  open: '整改中',
  overdue: '逾期未整改',
  review_requested: '已申请复查',
  completed: '整改完毕（复查合格）',
  reopened: '复查不合格，重新整改',
};

function refuse(code: string, zh: string, en: string): Transition {
  return { ok: false, reason: { code, zh, en } };
}

function wrongStatus(event: RectificationEvent, s: RectificationState): Transition {
  return refuse(
    'RECT-WRONG-STATUS',
    `通知书当前状态为「${STATUS_ZH[s.status] ?? s.status}」${s.served ? '' : '（未送达）'}，不能执行此操作`,
    `Not possible while the notice is ${s.status}${s.served ? '' : ' (not served)'}: ${event}`,
  );
}

export function isRectificationStatus(v: string): v is RectificationStatus {
  return (RECTIFICATION_STATUSES as readonly string[]).includes(v);
}

export function nextRectificationStatus(s: RectificationState, event: RectificationEvent): Transition {
  const status = s.status;
  if (!isRectificationStatus(status)) return wrongStatus(event, s);
  switch (event) {
    case 'serve':
      if (s.served) return refuse('RECT-ALREADY-SERVED', '通知书已送达', 'The notice was already served');
      return status === 'open' ? { ok: true, status } : wrongStatus(event, s);
    case 'edit':
      if (s.served)
        return refuse(
          'RECT-NOTICE-FROZEN',
          '通知书已送达，内容（隐患描述、整改期限）已固定，不能修改；如需变更，请通过延期审批或复查程序办理',
          'The notice was served and its text (hazard, deadline) is frozen; change the deadline through an extension or a review',
        );
      return status === 'open' ? { ok: true, status } : wrongStatus(event, s);
    case 'extend':
      if (!s.served) return wrongStatus(event, s);
      return status === 'open' || status === 'reopened' ? { ok: true, status } : wrongStatus(event, s);
    case 'request_review':
      if (!s.served) return wrongStatus(event, s);
      return status === 'open' || status === 'reopened' || status === 'overdue'
        ? { ok: true, status: 'review_requested' }
        : wrongStatus(event, s);
    case 'review_passed':
      return status === 'review_requested' ? { ok: true, status: 'completed' } : wrongStatus(event, s);
    case 'review_failed':
      return status === 'review_requested' ? { ok: true, status: 'reopened' } : wrongStatus(event, s);
    case 'deadline_passed':
      return status === 'open' || status === 'reopened' ? { ok: true, status: 'overdue' } : wrongStatus(event, s);
  }
}
