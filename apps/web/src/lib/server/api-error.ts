import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';

/**
 * An error answer of `/api/v1`: `{ error: { code, message_zh, message_en, field? } }` with its HTTP
 * status. Thrown anywhere under a handler wrapped by `apiHandler`; any other exception is a 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
    /** Extra members of the error object (e.g. the missing year, every issue of an import). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${zh} / ${en}`);
  }

  body() {
    return {
      error: {
        code: this.code,
        message_zh: this.zh,
        message_en: this.en,
        ...(this.field !== undefined ? { field: this.field } : {}),
        ...this.details,
      },
    };
  }
}

export const badRequest = (code: string, zh: string, en: string, field?: string) => new ApiError(400, code, zh, en, field);

/** Parses a JSON body with a zod schema; the first problem becomes a 400 `INVALID_FIELD` naming the field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.join('.');
  const field = path || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : undefined);
  throw badRequest(
    'INVALID_FIELD',
    field ? `字段 ${field} 无效：${issue.message}` : `请求体无效：${issue.message}`,
    field ? `invalid ${field}: ${issue.message}` : `invalid body: ${issue.message}`,
    field,
  );
}

/** Wraps a `+server.ts` handler: an `ApiError` becomes its JSON answer. */
export function apiHandler<E extends RequestEvent>(
  fn: (event: E) => Promise<Response> | Response,
): (event: E) => Promise<Response> {
  return async (event) => {
    try {
      return await fn(event);
    } catch (e) {
      if (e instanceof ApiError) return json(e.body(), { status: e.status, headers: { 'cache-control': 'no-store' } });
      throw e;
    }
  };
}
