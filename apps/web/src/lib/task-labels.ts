import { getRegime, REGIME_CODES, type RegimeCode } from '@supervise/core';
import { m } from '$lib/paraglide/messages.js';

/**
 * Labels of an inspection's trigger, status and regime for My tasks and the entity's file (issue 10).
 * The triggers reuse the plan's labels; 'review' (a rectification review, R03 复查) is new in issue 10.
 */
const TRIGGERS: Record<string, () => string> = {
  census: m.plan_trigger_census,
  campaign: m.plan_trigger_campaign,
  spot_check: m.plan_trigger_spot_check,
  patrol: m.plan_trigger_patrol,
  complaint: m.plan_trigger_complaint,
  post_case: m.plan_trigger_post_case,
  event: m.plan_trigger_event,
  review: m.tasks_trigger_review,
  // Issue 13 §2: what an R05/R06 application creates.
  event_survey: m.events_trigger_survey,
  event_duty: m.events_trigger_duty,
};
export const triggerLabel = (t: string): string => TRIGGERS[t]?.() ?? t;

const STATUSES: Record<string, () => string> = {
  planned: m.tasks_status_planned,
  done: m.tasks_status_done,
  cancelled: m.tasks_status_cancelled,
};
export const inspectionStatusLabel = (s: string): string => STATUSES[s]?.() ?? s;

/** The regime's full name in the page's language (the zh name first: the bureau's own). */
export function regimeName(code: string, locale: string): string {
  if (!(REGIME_CODES as readonly string[]).includes(code)) return code;
  const r = getRegime(code as RegimeCode);
  return locale === 'en' ? r.en : r.zh;
}
