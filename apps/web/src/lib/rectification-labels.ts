import { m } from '$lib/paraglide/messages.js';

/** A rectification notice's status in words (the case file, a case's lines, the R03 records to grade). */
const STATUSES: Record<string, () => string> = {
  open: m.case_status_open,
  overdue: m.case_status_overdue,
  review_requested: m.case_status_review_requested,
  completed: m.case_status_completed,
  reopened: m.case_status_reopened,
};
export const rectificationStatusLabel = (s: string): string => STATUSES[s]?.() ?? s;
