import {
  checkExtensionApproval,
  checkExtensionRequest,
  decideRectificationDeadline,
  type Reason,
  type StatutoryCalendar,
} from '@supervise/core';

/**
 * The demo's rectification notices pass core's deadline rules like any other (issue 11 §4): the
 * deadline through `decideRectificationDeadline`, an extension through `checkExtensionRequest` and
 * `checkExtensionApproval`, as the rectification use-case applies them. A generated notice the rules
 * refuse is a bug of the generator: it stops the seed, naming the notice and the reasons.
 */
export interface DemoNoticeDates {
  noticeNo: string;
  regime: string;
  /** Issued and served the same day in the demo. */
  issuedOn: string;
  deadlineOn: string;
  extension: { requestedOn: string; decidedOn: string; deadlineOn: string } | null;
  /** The demo's leader (负责人) who approves extensions. */
  approverUserId: number;
}

export interface CheckedDemoNotice {
  /** rectification.deadline_rule: the named deadline of core, or NO-STATUTORY-MAXIMUM. */
  deadlineRule: string;
}

export const DEMO_EXTENSION_REASON = '整改所需设备到货延迟，申请延长整改期限';

function refused(n: DemoNoticeDates, what: string, reasons: readonly Reason[]): Error {
  return new Error(
    `demo notice ${n.noticeNo} (${n.regime}): ${what} refused by core: ${reasons.map((r) => `${r.code} ${r.en}`).join('; ')}`,
  );
}

export function checkDemoNotice(cal: StatutoryCalendar, n: DemoNoticeDates): CheckedDemoNotice {
  const decision = decideRectificationDeadline(cal, {
    regime: n.regime,
    startOn: n.issuedOn,
    dueOn: n.deadlineOn,
    noMaximumAcknowledged: true,
  });
  if (!decision.ok) throw refused(n, `deadline ${n.deadlineOn}`, decision.reasons);
  if (n.extension === null) return { deadlineRule: decision.rule };
  const x = n.extension;
  const request = checkExtensionRequest({
    regime: n.regime,
    currentDeadlineOn: n.deadlineOn,
    requestedOn: x.requestedOn,
    requestedDeadlineOn: x.deadlineOn,
    reason: DEMO_EXTENSION_REASON,
    served: true,
  });
  if (!request.ok) throw refused(n, `extension request to ${x.deadlineOn}`, request.reasons);
  const approval = checkExtensionApproval(cal, {
    regime: n.regime,
    periodStartOn: n.issuedOn,
    currentDeadlineOn: n.deadlineOn,
    requestedDeadlineOn: x.deadlineOn,
    decidedOn: x.decidedOn,
    requesterUserId: null,
    approverUserId: n.approverUserId,
    approverIsLeader: true,
  });
  if (!approval.ok) throw refused(n, `extension approval on ${x.decidedOn}`, approval.reasons);
  return { deadlineRule: approval.rule ?? decision.rule };
}
