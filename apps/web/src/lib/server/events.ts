import { error } from '@sveltejs/kit';
import { can, EVENT_REGIMES, type EventApplicationInput } from '@supervise/core';
import { EventError, findEventApplication, type EventApplicationRow } from '@supervise/db';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from './api-error.js';
import { reasonApiError, type ReasonMessage } from './reason-messages.js';
import { getDb } from './db.js';

/**
 * Issue 13 §2: what the events page and `/api/v1/events` share — the input read from a form or a JSON
 * body, a refusal in words (zh and en, naming the field), and one application loaded within the
 * reader's scope.
 */
export function eventInputOf(get: (name: string) => unknown): EventApplicationInput {
  const text = (n: string) => {
    const v = get(n);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  };
  const int = (n: string) => {
    const v = text(n).trim();
    return /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
  };
  return {
    regime: text('regime').trim(),
    entityCode: text('entityCode'),
    place: text('place'),
    startsAt: text('startsAt').trim(),
    endsAt: text('endsAt').trim(),
    expectedSize: int('expectedSize'),
    representative: text('representative') || null,
    route: text('route') || null,
    onSiteOfficers: text('onSiteOfficers').trim() === '' ? 2 : int('onSiteOfficers'),
  };
}

const REASONS: Record<string, ReasonMessage> = {
  regime_not_event: m.events_error_regime,
  required: m.events_error_required,
  bad_datetime: m.events_error_datetime,
  ends_before_start: m.events_error_ends_before_start,
  no_day_for_survey: m.events_error_no_day_for_survey,
  bad_size: m.events_error_size,
  too_few_officers: m.events_error_too_few_officers,
  too_many_officers: m.events_error_too_many_officers,
  entity_not_found: m.events_error_entity_not_found,
  entity_not_of_regime: m.events_error_entity_regime,
  out_of_scope: m.events_error_out_of_scope,
  not_on_survey: m.events_error_not_on_survey,
  no_survey_officers: m.events_error_no_survey_officers,
  no_duty_officers: m.events_error_no_duty_officers,
  already_reviewed: m.events_error_already_reviewed,
  bad_decision: m.events_error_bad_decision,
  application_not_found: m.events_error_not_found,
};

/** A refusal in the reader's language, with the field it concerns. */
export function eventRefusalText(e: EventError): { field: string | null; message: string } {
  return { field: e.field, message: REASONS[e.reason]?.() ?? e.reason };
}

/** The JSON answer of a refusal: 400 / 403 / 404 / 409 with both languages. */
export function eventApiRefusal(e: unknown): never {
  if (!(e instanceof EventError)) throw e;
  const status = e.code === 'EVENT-DENIED' ? 403 : e.code === 'EVENT-NOT-FOUND' ? 404 : e.code === 'EVENT-STATE' ? 409 : 400;
  throw reasonApiError(status, e.code, e.reason, e.field, REASONS);
}

/** The application, or 404 when it does not exist or lies outside the reader's scope (events.view). */
export async function eventInScope(user: App.User, id: string, api = false): Promise<EventApplicationRow> {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const row = n === null ? undefined : await findEventApplication(getDb(), n);
  if (
    !row ||
    !can(user, 'events.view', { regime: row.regime, brigadeId: row.entity.brigadeId, stationId: row.entity.stationId })
  ) {
    if (api) throw new ApiError(404, 'EVENT-NOT-FOUND', '没有该申请', 'No such application', 'id');
    error(404, 'not found');
  }
  return row;
}

/** The event regimes the user may read. */
export const eventRegimesOf = (user: App.User): string[] =>
  EVENT_REGIMES.filter((regime) => can(user, 'events.view', { regime }));
