import { ApiError } from './api-error.js';

/** A message of a refusal's reason (paraglide: optional inputs, then the locale to speak). */
export type ReasonMessage = (inputs?: Record<string, never>, options?: { locale?: 'zh-CN' | 'en' }) => string;

/**
 * A use-case's refusal as an `/api/v1` error, in both languages from its reason's message (the
 * events and complaints refusals: a code, a reason code and the field it concerns).
 */
export function reasonApiError(
  status: number,
  code: string,
  reason: string,
  field: string | null,
  reasons: Record<string, ReasonMessage>,
): ApiError {
  const msg = reasons[reason];
  return new ApiError(
    status,
    code,
    msg ? msg({}, { locale: 'zh-CN' }) : reason,
    msg ? msg({}, { locale: 'en' }) : reason,
    field ?? undefined,
  );
}
