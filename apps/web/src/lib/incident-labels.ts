import { m } from '$lib/paraglide/messages.js';

/** Labels of a case's (案件, issue 13 §5) source, method and status. */
const METHODS: Record<string, () => string> = {
  daily_work: m.incident_method_daily_work,
  site_check: m.incident_method_site_check,
  technical: m.incident_method_technical,
  post_case: m.incident_method_post_case,
};
export const methodLabel = (x: string): string => METHODS[x]?.() ?? x;

const SOURCES: Record<string, () => string> = { incident: m.incident_source_incident, complaint: m.incident_source_complaint };
export const sourceLabel = (x: string): string => SOURCES[x]?.() ?? x;

const STATUSES: Record<string, () => string> = { open: m.incident_status_open, closed: m.incident_status_closed };
export const caseStatusLabel = (x: string): string => STATUSES[x]?.() ?? x;
