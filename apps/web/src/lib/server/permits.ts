import { error } from '@sveltejs/kit';
import { can, scopeOf, type RoadPermitInput } from '@supervise/core';
import { RoadPermitError, findRoadPermit, type RoadPermitDetail, type UnitScope } from '@supervise/db';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from './api-error.js';
import { getDb } from './db.js';
import type { ReasonMessage } from './reason-messages.js';

/**
 * Issue 13 §1: what the permit pages share — the form read into core's input, a refusal in words
 * (naming the field), the reader's unit scope and one permit loaded within it.
 */
export function permitInputOf(get: (name: string) => unknown): RoadPermitInput {
  const text = (n: string) => {
    const v = get(n);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  };
  const num = (n: string) => {
    const v = text(n).trim();
    return /^\d{1,9}(\.\d{1,2})?$/.test(v) ? Number(v) : Number.NaN;
  };
  return {
    entityCode: text('entityCode'),
    approvalNo: text('approvalNo'),
    plan: text('plan'),
    location: text('location'),
    areaSqm: num('areaSqm'),
    startsOn: text('startsOn').trim(),
    endsOn: text('endsOn').trim(),
    patrolEveryDays: num('patrolEveryDays'),
  };
}

const REASONS: Record<string, ReasonMessage> = {
  required: m.permit_error_required,
  bad_date: m.permit_error_bad_date,
  ends_before_start: m.permit_error_ends_before_start,
  already_ended: m.permit_error_already_ended,
  bad_area: m.permit_error_bad_area,
  bad_interval: m.permit_error_bad_interval,
  entity_not_found: m.permit_error_entity_not_found,
  entity_not_of_regime: m.permit_error_entity_not_of_regime,
  out_of_scope: m.permit_error_out_of_scope,
  no_patrol_officers: m.permit_error_no_patrol_officers,
  permit_not_found: m.permit_error_permit_not_found,
  permit_closed: m.permit_error_permit_closed,
  unchanged: m.permit_error_unchanged,
  patrol_not_found: m.permit_error_patrol_not_found,
  patrol_cancelled: m.permit_error_patrol_cancelled,
  not_on_patrol: m.permit_error_not_on_patrol,
  patrol_not_yet: m.permit_error_patrol_not_yet,
  note_required: m.permit_error_note_required,
  bad_kind: m.permit_error_bad_kind,
  referral_needs_notice_or_serious: m.permit_error_referral_needs_notice_or_serious,
  only_for_referral: m.permit_error_only_for_referral,
};

/** A refusal in the reader's language, with the field it concerns (an unstaffed window named by its days). */
export function permitRefusalText(e: RoadPermitError): { field: string | null; message: string } {
  if (e.slot) return { field: e.field, message: m.permit_error_unstaffed({ from: e.slot.from, to: e.slot.to }) };
  return { field: e.field, message: REASONS[e.reason]?.() ?? e.reason };
}

/** The JSON answer of a refusal: 400 / 403 / 404 / 409 with both languages, naming the field. */
export function permitApiRefusal(e: unknown): never {
  if (!(e instanceof RoadPermitError)) throw e;
  const zh = permitRefusalTextIn(e, 'zh-CN');
  const en = permitRefusalTextIn(e, 'en');
  throw new ApiError(permitRefusalStatus(e), e.code, zh, en, e.field ?? undefined);
}

function permitRefusalTextIn(e: RoadPermitError, locale: 'zh-CN' | 'en'): string {
  if (e.slot) return m.permit_error_unstaffed({ from: e.slot.from, to: e.slot.to }, { locale });
  return REASONS[e.reason]?.({}, { locale }) ?? e.reason;
}

export const permitRefusalStatus = (e: RoadPermitError): number =>
  e.code === 'PERMIT-DENIED' ? 403 : e.code === 'PERMIT-NOT-FOUND' ? 404 : e.code === 'PERMIT-STATE' ? 409 : 400;

/** The units whose permits (or reports) the reader sees under a permission. */
export function unitScopeOf(user: App.User, permission: 'permits.view' | 'stationreports.view'): UnitScope {
  const s = scopeOf(user, permission);
  return s.all ? { all: true } : { all: false, brigadeIds: s.brigadeIds, stationIds: s.stationIds };
}

/** The permit, or 404 when it does not exist or lies outside the reader's scope (permits.view). */
export async function permitInScope(user: App.User, id: string): Promise<RoadPermitDetail> {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const row = n === null ? undefined : await findRoadPermit(getDb(), n);
  if (!row || !can(user, 'permits.view', { regime: 'R02', brigadeId: row.entity.brigadeId, stationId: row.entity.stationId }))
    error(404, 'not found');
  return row;
}
