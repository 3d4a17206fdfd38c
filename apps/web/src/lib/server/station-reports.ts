import { error } from '@sveltejs/kit';
import { can, type StationReportInput } from '@supervise/core';
import { StationReportError, findStationReport, type StationReportRow } from '@supervise/db';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from './api-error.js';
import { getDb } from './db.js';
import type { ReasonMessage } from './reason-messages.js';

/** Issue 13 §3: a refusal of the R04 report use-cases in words, and one report loaded within scope. */
const REASONS: Record<string, ReasonMessage> = {
  required: m.stationrep_error_required,
  bad_kind: m.stationrep_error_bad_kind,
  bad_date: m.stationrep_error_bad_date,
  in_future: m.stationrep_error_in_future,
  entity_not_found: m.stationrep_error_entity_not_found,
  entity_not_of_regime: m.stationrep_error_entity_not_of_regime,
  out_of_scope: m.stationrep_error_out_of_scope,
  report_not_found: m.stationrep_error_report_not_found,
  already_reviewed: m.stationrep_error_already_reviewed,
  bad_outcome: m.stationrep_error_bad_outcome,
  problem_cannot_pass: m.stationrep_error_problem_cannot_pass,
  referral_required: m.stationrep_error_referral_required,
  bad_severity: m.stationrep_error_bad_severity,
  no_officer: m.stationrep_error_no_officer,
};

export function stationReportRefusal(e: StationReportError): { status: number; field: string | null; message: string } {
  const status =
    e.code === 'STATIONREP-DENIED' ? 403 : e.code === 'STATIONREP-NOT-FOUND' ? 404 : e.code === 'STATIONREP-STATE' ? 409 : 400;
  return { status, field: e.field, message: REASONS[e.reason]?.() ?? e.reason };
}

/** The report's input read from a form or a JSON body. */
export function stationReportInputOf(get: (name: string) => unknown): StationReportInput {
  const text = (n: string) => {
    const v = get(n);
    return typeof v === 'string' ? v : '';
  };
  return {
    entityCode: text('entityCode'),
    kind: text('kind'),
    receivedOn: text('receivedOn').trim(),
    plate: text('plate') || null,
    reportNo: text('reportNo') || null,
    summary: text('summary'),
  };
}

/** The JSON answer of a refusal, in both languages, naming the field. */
export function stationReportApiRefusal(e: unknown): never {
  if (!(e instanceof StationReportError)) throw e;
  const { status } = stationReportRefusal(e);
  const msg = REASONS[e.reason];
  throw new ApiError(
    status,
    e.code,
    msg ? msg({}, { locale: 'zh-CN' }) : e.reason,
    msg ? msg({}, { locale: 'en' }) : e.reason,
    e.field ?? undefined,
  );
}

export async function stationReportInScope(user: App.User, id: string): Promise<StationReportRow> {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const row = n === null ? undefined : await findStationReport(getDb(), n);
  if (
    !row ||
    !can(user, 'stationreports.view', { regime: 'R04', brigadeId: row.entity.brigadeId, stationId: row.entity.stationId })
  )
    error(404, 'not found');
  return row;
}
