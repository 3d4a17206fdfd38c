import { error } from '@sveltejs/kit';
import { can, type IncidentInput } from '@supervise/core';
import { CaseError, findCase, type CaseRow } from '@supervise/db';
import { m } from '$lib/paraglide/messages.js';
import type { ReasonMessage } from './reason-messages.js';
import { getDb } from './db.js';

/** Issue 13 §5: what the case pages share — the incident read from a form, refusals in words, one case in scope. */
export function incidentInputOf(form: FormData): IncidentInput {
  const text = (n: string) => {
    const v = form.get(n);
    return typeof v === 'string' ? v : '';
  };
  return {
    regime: text('regime').trim(),
    method: text('method').trim(),
    entityCode: text('entityCode'),
    what: text('what'),
    place: text('place'),
    occurredAt: text('occurredAt'),
  };
}

const REASONS: Record<string, ReasonMessage> = {
  bad_regime: m.incident_error_bad_regime,
  bad_method: m.incident_error_bad_method,
  required: m.incident_error_required,
  too_long: m.incident_error_too_long,
  bad_datetime: m.incident_error_bad_datetime,
  in_future: m.incident_error_in_future,
  entity_not_found: m.incident_error_entity_not_found,
  entity_other_regime: m.incident_error_entity_other_regime,
  out_of_scope: m.incident_error_out_of_scope,
  not_found: m.incident_error_not_found,
  already_closed: m.incident_error_already_closed,
  inspection_exists: m.incident_error_inspection_exists,
  bad_date: m.incident_error_bad_date,
  date_past: m.incident_error_date_past,
  officer_not_found: m.incident_error_officer_not_found,
  officer_out_of_unit: m.incident_error_officer_out_of_unit,
  officer_unavailable: m.incident_error_officer_unavailable,
  no_partner: m.incident_error_no_partner,
  no_inspection: m.incident_error_no_inspection,
  inspection_not_done: m.incident_error_inspection_not_done,
  rectification_open: m.incident_error_rectification_open,
};

export function caseRefusalText(e: CaseError): { field: string | null; message: string } {
  return { field: e.field, message: REASONS[e.reason]?.() ?? e.reason };
}

export function caseStatus(e: CaseError): 400 | 403 | 404 | 409 {
  return e.code === 'CASE-DENIED' ? 403 : e.code === 'CASE-NOT-FOUND' ? 404 : e.code === 'CASE-STATE' ? 409 : 400;
}

/** The case, or 404 when it does not exist or lies outside the reader's scope (incidents.view). */
export async function caseInScope(user: App.User, id: string): Promise<CaseRow> {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const row = n === null ? undefined : await findCase(getDb(), n);
  if (!row || !can(user, 'incidents.view', { regime: row.regime, brigadeId: row.brigadeId })) error(404, 'not found');
  return row;
}
