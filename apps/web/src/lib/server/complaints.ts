import { error } from '@sveltejs/kit';
import { can, REGIME_CODES, type ComplaintInput } from '@supervise/core';
import { ComplaintError, findComplaint, type ComplaintRow } from '@supervise/db';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from './api-error.js';
import { reasonApiError, type ReasonMessage } from './reason-messages.js';
import { getDb } from './db.js';

/**
 * Issue 13 §4: what the complaint pages and `/api/v1/complaints` share — the input read from a form or
 * JSON body, a refusal in words naming the field, one complaint loaded within the reader's scope.
 * None of these ever logs or returns the informant's identity (only `/complaints/[id]/informant`).
 */
export function complaintInputOf(get: (name: string) => unknown): ComplaintInput {
  const text = (n: string) => {
    const v = get(n);
    return typeof v === 'string' ? v : '';
  };
  return {
    channel: text('channel').trim(),
    regime: text('regime').trim(),
    content: text('content'),
    place: text('place') || null,
    informantName: text('informantName') || null,
    informantPhone: text('informantPhone') || null,
  };
}

const REASONS: Record<string, ReasonMessage> = {
  bad_channel: m.complaint_error_channel,
  bad_regime: m.complaint_error_regime,
  required: m.complaint_error_required,
  too_long: m.complaint_error_too_long,
  bad_phone: m.complaint_error_phone,
  rate_limited: m.complaint_error_rate_limited,
  out_of_scope: m.complaint_error_out_of_scope,
  not_found: m.complaint_error_not_found,
  already_replied: m.complaint_error_already_replied,
  officer_not_found: m.complaint_error_officer_not_found,
  officer_out_of_unit: m.complaint_error_officer_out_of_unit,
  inspection_exists: m.complaint_error_inspection_exists,
  not_assigned: m.complaint_error_not_assigned,
  bad_date: m.complaint_error_bad_date,
  date_past: m.complaint_error_date_past,
  entity_not_found: m.complaint_error_entity_not_found,
  entity_other_regime: m.complaint_error_entity_other_regime,
  officer_unavailable: m.complaint_error_officer_unavailable,
  no_partner: m.complaint_error_no_partner,
  no_principal: m.complaint_error_out_of_scope,
};

export function complaintRefusalText(e: ComplaintError): { field: string | null; message: string } {
  return { field: e.field, message: REASONS[e.reason]?.() ?? e.reason };
}

export function complaintStatus(e: ComplaintError): 400 | 403 | 404 | 409 | 429 {
  return e.code === 'COMPLAINT-DENIED'
    ? 403
    : e.code === 'COMPLAINT-NOT-FOUND'
      ? 404
      : e.code === 'COMPLAINT-STATE'
        ? 409
        : e.code === 'COMPLAINT-RATE-LIMITED'
          ? 429
          : 400;
}

export function complaintApiRefusal(e: unknown): never {
  if (!(e instanceof ComplaintError)) throw e;
  throw reasonApiError(complaintStatus(e), e.code, e.reason, e.field, REASONS);
}

/** The complaint, or 404 when it does not exist or lies outside the reader's scope (complaints.view). */
export async function complaintInScope(user: App.User, id: string, api = false): Promise<ComplaintRow> {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const row = n === null ? undefined : await findComplaint(getDb(), n);
  if (!row || !can(user, 'complaints.view', { regime: row.regime, brigadeId: row.brigadeId })) {
    if (api) throw new ApiError(404, 'COMPLAINT-NOT-FOUND', '没有该举报投诉', 'No such complaint', 'id');
    error(404, 'not found');
  }
  return row;
}

export const complaintRegimesOf = (user: App.User): string[] =>
  REGIME_CODES.filter((regime) => can(user, 'complaints.view', { regime }));
