import { randomBytes } from 'node:crypto';
import { error } from '@sveltejs/kit';
import {
  can,
  getRegime,
  seedHexOf,
  ticketsFor,
  samplerSeedString,
  type DrawRecord,
  type Permission,
  type RegimeCode,
} from '@supervise/core';
import { getLocale } from '$lib/paraglide/runtime.js';
import { ApiError } from './api-error.js';
import { jobProducer } from './producer.js';

/**
 * Helpers of the draw pages (issue 9 §3–§4): the scope check of one draw
 * (its regime against the grant: the route table cannot know a row's regime), the seed, and a
 * refusal of a use-case as the page shows it.
 */
/** 403 unless the user holds `permission` for the draw's regime. */
export function requireDrawScope(user: App.User, permission: Permission, regime: string): void {
  if (!can(user, permission, { regime })) error(403, 'forbidden');
}

/** Asks the worker for a large draw's tasks at once (issue 14 §2; its 30 s tick would find them too). */
export const enqueueDrawTasks = () => jobProducer().add('create-draw-tasks', {});

/** 32 bytes from the operating system's cryptographic source; core never draws randomness itself. */
export const newSeedHex = (): string => seedHexOf(randomBytes(32));

/** A use-case refusal (`DrawError` of @supervise/db, recognised by name: db is an external bundle). */
export interface DrawRefusal {
  code: string;
  message: string;
  field: string | null;
  rule: string | null;
}

export function drawRefusalOf(e: unknown): DrawRefusal | null {
  if (!(e instanceof Error) || e.name !== 'DrawError') return null;
  const d = e as Error & { code: string; zh: string; en: string; field?: string; rule?: string | null };
  return { code: d.code, message: getLocale() === 'en' ? d.en : d.zh, field: d.field ?? null, rule: d.rule ?? null };
}

/** The HTTP status of a refusal: 404 unknown, 403 scope, 409 state, 400 input or rule. */
export function refusalStatus(code: string): 400 | 403 | 404 | 409 {
  if (code === 'DRAW-NOT-FOUND' || code === 'DRAW-REQUEST-NOT-FOUND') return 404;
  if (code === 'DRAW-DENIED' || code === 'DRAW-SELF-APPROVAL') return 403;
  if (code === 'DRAW-BAD-INPUT' || code === 'DRAW-RULE' || code === 'DRAW-OFFICER-NOT-FOUND') return 400;
  return 409;
}

export function regimeName(code: string): string {
  try {
    const r = getRegime(code as RegimeCode);
    return getLocale() === 'en' ? r.en : r.zh;
  } catch {
    return code;
  }
}

/** The record's selected targets with their tickets (the numbers that ranked them) and names. */
export function rankedTargets(
  record: DrawRecord,
): { rank: number; code: string; name: string; ticket: string; inspectors: { code: string; name: string }[] | null }[] {
  const ticket = ticketsFor(samplerSeedString(record.seed, record.beacon));
  const staffed = new Map(record.assignments.map((a) => [a.target, a.inspectors]));
  const officer = (c: string) => ({ code: c, name: record.names?.officers[c] ?? '' });
  return record.selected.map((code, i) => ({
    rank: i + 1,
    code,
    name: record.names?.entities[code] ?? '',
    ticket: ticket(code),
    inspectors: staffed.get(code)?.map(officer) ?? null,
  }));
}

/** A use-case refusal as the JSON API's error (`{ error: { code, message_zh, message_en, field, rule } }`). */
export function apiRefusal(e: unknown): never {
  if (!(e instanceof Error) || e.name !== 'DrawError') throw e;
  const d = e as Error & { code: string; zh: string; en: string; field?: string; rule?: string | null };
  throw new ApiError(refusalStatus(d.code), d.code.replace(/-/g, '_'), d.zh, d.en, d.field, { rule: d.rule ?? null });
}

/** The JSON object of a POST under /api/v1 (415 without application/json, 400 when not an object). */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  if (!(request.headers.get('content-type') ?? '').includes('application/json'))
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 application/json 提交', 'send application/json', 'content-type');
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError(400, 'INVALID_JSON', '请求体不是有效的 JSON', 'the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'INVALID_BODY', '请求体应为 JSON 对象', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** An optional string member of a body (400 naming the field when it is not a string). */
/** A leader's `decision` field: "approve" or "reject" (redraw requests, rectification extensions). */
export function decisionOf(body: Record<string, unknown>): 'approve' | 'reject' {
  const d = body.decision;
  if (d === 'approve' || d === 'reject') return d;
  throw new ApiError(
    400,
    'INVALID_FIELD',
    'decision 应为 approve 或 reject',
    'decision must be "approve" or "reject"',
    'decision',
  );
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError(400, 'INVALID_FIELD', `${field} 应为字符串`, `${field} must be a string`, field);
  return v;
}
