import { scopeOf } from '@supervise/core';
import { CreditError, type CreditScope } from '@supervise/db';
import { m } from '$lib/paraglide/messages.js';
import type { ReasonMessage } from './reason-messages.js';

/** Issue 13 §7: the reader's reach over the R03 units' grades, and a refusal in words. */
export function creditScopeOf(user: App.User): CreditScope {
  const s = scopeOf(user, 'credit.view');
  return s.all
    ? { all: true, brigadeIds: [], stationIds: [] }
    : { all: false, brigadeIds: s.brigadeIds, stationIds: s.stationIds };
}

const REASONS: Record<string, ReasonMessage> = {
  required: m.credit_error_required,
  bad_grade: m.credit_error_bad_grade,
  bad_basis: m.credit_error_bad_basis,
  too_long: m.credit_error_too_long,
  out_of_scope: m.credit_error_out_of_scope,
  entity_not_found: m.credit_error_entity_not_found,
  entity_not_r03: m.credit_error_entity_not_r03,
  basis_not_found: m.credit_error_basis_not_found,
  basis_already_graded: m.credit_error_basis_already_graded,
};

export function creditRefusal(e: CreditError): { status: 400 | 403 | 409; field: string | null; message: string } {
  return {
    status: e.code === 'CREDIT-DENIED' ? 403 : e.code === 'CREDIT-STATE' ? 409 : 400,
    field: e.field,
    message: REASONS[e.reason]?.() ?? e.reason,
  };
}
