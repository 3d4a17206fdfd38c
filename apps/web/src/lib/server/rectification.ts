import { error } from '@sveltejs/kit';
import {
  BUREAU_REVIEW_SOURCE,
  NAMED_DEADLINES,
  NO_STATUTORY_MAXIMUM,
  NO_STATUTORY_MAXIMUM_NOTE,
  can,
  defaultRectificationDeadline,
  rectificationDeadlinePolicy,
  type Bilingual,
  type Permission,
  type StatutoryCalendar,
} from '@supervise/core';
import { loadCalendar, type CaseFile, type Database } from '@supervise/db';
import { getLocale } from '$lib/paraglide/runtime.js';
import { ApiError } from './api-error.js';

/**
 * Helpers of the case and review pages and the rectification API (issue 10 §3): the scope check of
 * one case (its regime, brigade and station: the route table cannot know a row's), a use-case
 * refusal as a page or the API shows it, and the case file shaped for the page. The rules themselves
 * are core's and the writes the db use-cases'.
 */
export interface CaseScope {
  regime_code: string;
  brigade_id: string;
  station_id: string | null;
}

export const scopeOf = (r: CaseScope) => ({ regime: r.regime_code, brigadeId: r.brigade_id, stationId: r.station_id });

/** 403 unless the user holds `permission` for the case's regime, brigade and station. */
export function requireCaseScope(user: App.User, permission: Permission, row: CaseScope): void {
  if (!can(user, permission, scopeOf(row))) error(403, 'forbidden');
}

const pick = (b: Bilingual) => (getLocale() === 'en' ? b.en : b.zh);

export interface RectRefusal {
  code: string;
  message: string;
  field: string | null;
  reasons: { code: string; message: string; clause: string | null }[];
}

/** A refusal of a rectification use-case (`RectificationError`, recognised by name: db is an external bundle). */
export function rectRefusalOf(e: unknown): RectRefusal | null {
  if (!(e instanceof Error) || e.name !== 'RectificationError') return null;
  const r = e as Error & {
    code: string;
    zh: string;
    en: string;
    field?: string;
    reasons: { code: string; zh: string; en: string; clause?: string }[];
  };
  return {
    code: r.code,
    message: pick(r),
    field: r.field ?? null,
    reasons: (r.reasons ?? []).map((x) => ({ code: x.code, message: pick(x), clause: x.clause ?? null })),
  };
}

/** 404 unknown, 403 scope, 409 state or frozen, 400 input or rule. */
export function rectRefusalStatus(code: string): 400 | 403 | 404 | 409 {
  if (code === 'RECT-NOT-FOUND') return 404;
  if (code === 'RECT-DENIED') return 403;
  if (code === 'RECT-STATE' || code === 'RECT-FROZEN') return 409;
  return 400;
}

/** A refusal as the JSON API's error: `{ error: { code, message_zh, message_en, field, reasons } }`. */
export function rectApiRefusal(e: unknown): never {
  if (!(e instanceof Error) || e.name !== 'RectificationError') throw e;
  const r = e as Error & { code: string; zh: string; en: string; field?: string; reasons: unknown[] };
  throw new ApiError(rectRefusalStatus(r.code), r.code.replace(/-/g, '_'), r.zh, r.en, r.field, { reasons: r.reasons ?? [] });
}

/** A positive whole number from a form or a path, else null. */
export function idOf(v: FormDataEntryValue | string | null | undefined): number | null {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export const formText = (form: FormData, k: string, max = 1000) =>
  String(form.get(k) ?? '')
    .trim()
    .slice(0, max);

/** A `datetime-local` value read as Beijing time (UTC+8), or null when empty or not a time. */
export function beijingInstant(v: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) return null;
  const d = new Date(`${v.length === 16 ? `${v}:00` : v}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** What a deadline rule code means, in the reader's language. */
export function deadlineRuleLabel(rule: string | null): string | null {
  if (rule === null) return null;
  if (rule === NO_STATUTORY_MAXIMUM) return pick(NO_STATUTORY_MAXIMUM_NOTE);
  const d = NAMED_DEADLINES.find((x) => x.id === rule);
  return d ? `${pick(d)}（${d.clause}）` : rule;
}

/** Where a review's time limit comes from, honestly labelled. */
export function reviewRuleLabel(rule: string): string {
  if (rule === 'BUREAU-REVIEW-5WD') return pick(BUREAU_REVIEW_SOURCE);
  const d = NAMED_DEADLINES.find((x) => x.id === rule);
  return d ? `${pick(d)}（${d.clause}）` : rule;
}

export type HistoryKind =
  | 'issued'
  | 'served'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_rejected'
  | 'review_requested'
  | 'review_passed'
  | 'review_failed';

export interface HistoryEvent {
  /** The day of the step ('YYYY-MM-DD'). */
  at: string;
  /** The instant, where one was recorded (service). */
  time?: string | null;
  kind: HistoryKind;
  who: string | null;
  detail: string | null;
}

const day = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

/** The case file as the page shows it: each hazard with its notice, extensions, reviews and history. */
export function shapeCase(cf: CaseFile, cal: StatutoryCalendar | null, today: string) {
  const policy = rectificationDeadlinePolicy(cf.inspection.regime_code);
  return {
    policy:
      policy.kind === 'statutory'
        ? {
            kind: policy.kind,
            label: `${pick(policy)}（${policy.clause}）`,
            defaultDeadline: cal ? safeDefault(cal, cf.inspection.regime_code, today) : null,
          }
        : { kind: policy.kind, label: pick(policy.note), defaultDeadline: null },
    hazards: cf.hazards.map((h) => {
      if (h.rectification_id === null)
        return { id: h.id, severity: h.severity, description: h.description, fixedOnSpot: h.fixed_on_spot, notice: null };
      const extensions = cf.extensions.filter((x) => x.rectification_id === h.rectification_id);
      const reviews = cf.reviews.filter((v) => v.rectification_id === h.rectification_id);
      const history: HistoryEvent[] = [];
      // Each step is dated by the bureau's day it belongs to (issued_on, served_on …; the server clock
      // may be on another day than a pinned "today"); the time of service is shown as recorded.
      if (h.issued_on) history.push({ at: h.issued_on, kind: 'issued', who: h.issued_by_name, detail: h.notice_no });
      if (h.served_at || h.served_on)
        history.push({
          at: h.served_on ?? day(h.served_at)!,
          time: day(h.served_at),
          kind: 'served',
          who: null,
          detail: h.late_service_reason,
        });
      for (const x of extensions) {
        history.push({
          at: x.requested_on,
          kind: 'extension_requested',
          who: x.requested_by_name,
          detail: `${x.requested_deadline_on} · ${x.reason}`,
        });
        if (x.decided_on)
          history.push({
            at: x.decided_on,
            kind: x.status === 'approved' ? 'extension_approved' : 'extension_rejected',
            who: x.decided_by_name,
            detail: x.decision_note,
          });
      }
      for (const v of reviews) {
        history.push({ at: v.requested_on, kind: 'review_requested', who: v.requested_by_name, detail: v.request_note });
        if (v.reviewed_on)
          history.push({
            at: v.reviewed_on,
            kind: v.opinion === 'passed' ? 'review_passed' : 'review_failed',
            who: v.reviewed_by_name,
            detail: [v.note, v.new_deadline_on].filter(Boolean).join(' · ') || null,
          });
      }
      // By day; steps of one day keep the order they happen in (a stable sort over the order pushed).
      history.sort((a, b) => a.at.localeCompare(b.at));
      const deadlineInForce = h.extended_deadline_on ?? h.deadline_on!;
      return {
        id: h.id,
        severity: h.severity,
        description: h.description,
        fixedOnSpot: h.fixed_on_spot,
        notice: {
          id: h.rectification_id,
          number: h.notice_no!,
          status: h.status!,
          issuedOn: h.issued_on,
          servedAt: day(h.served_at),
          servedOn: h.served_on,
          served: h.served_at !== null || h.served_on !== null,
          serviceDueOn: h.service_due_on,
          servedLate: h.served_late ?? false,
          lateReason: h.late_service_reason,
          deadlineOn: h.deadline_on!,
          deadlineInForce,
          deadlineRule: deadlineRuleLabel(h.deadline_rule),
          noMaximum: h.deadline_rule === NO_STATUTORY_MAXIMUM,
          documentId: h.document_id,
          frozen: h.first_served_at !== null,
          contentSha256: h.content_sha256,
          reviewRequestedOn: h.review_requested_on,
          reviewDueOn: h.review_due_on,
          reviewInspectionId: h.review_inspection_id,
          reviewOpinion: h.review_opinion,
          reviewNote: h.review_note,
          completedOn: h.completed_on,
          pendingExtension: extensions.find((x) => x.status === 'pending') ?? null,
          extensions,
          reviews: reviews.map((v) => ({ ...v, source: reviewRuleLabel(v.due_rule) })),
          history,
        },
      };
    }),
  };
}

function safeDefault(cal: StatutoryCalendar, regime: string, today: string): string | null {
  try {
    return defaultRectificationDeadline(cal, regime, today);
  } catch {
    // A year the calendar lacks: the officer enters the date and the use-case names the problem.
    return null;
  }
}

/** A JSON body's optional boolean member (400 naming the field otherwise). */
export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean')
    throw new ApiError(400, 'INVALID_FIELD', `${field} 应为 true 或 false`, `${field} must be a boolean`, field);
  return v;
}

/** The id in the path, 400 naming it when it is not a positive whole number. */
export function pathId(v: string, field = 'id'): number {
  const n = idOf(v);
  if (n === null) throw new ApiError(400, 'INVALID_FIELD', `${field} 无效`, `invalid ${field}`, field);
  return n;
}

/** `Content-Disposition` naming the file by the document's number (RFC 6266 / 5987, ASCII fallback). */
export function pdfDisposition(id: number, number: string): string {
  return `inline; filename="document-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(`${number}.pdf`)}`;
}

/** The statutory calendar for the page's deadline hints, or null when a year is missing (the page says so). */
export async function calendarOrNull(db: Database): Promise<Awaited<ReturnType<typeof loadCalendar>> | null> {
  try {
    return await loadCalendar(db);
  } catch {
    return null;
  }
}
