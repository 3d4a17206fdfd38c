import { ApiError } from './api-error.js';

/**
 * Bodies of the inspection record's JSON API (issue 10 §2). JSON for most writes; multipart/form-data
 * where photos travel (hazards, hazard photos), with the same field names as the page's forms.
 */
export async function multipartBody(request: Request): Promise<FormData> {
  if (!(request.headers.get('content-type') ?? '').includes('multipart/form-data'))
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      '请以 multipart/form-data 提交（含照片）',
      'send multipart/form-data (with the photos)',
      'content-type',
    );
  try {
    return await request.formData();
  } catch {
    throw new ApiError(400, 'INVALID_BODY', '请求体不是有效的 multipart/form-data', 'the body is not valid multipart/form-data');
  }
}

export function boolField(body: Record<string, unknown>, field: string, fallback: boolean | null = null): boolean | null {
  const v = body[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean')
    throw new ApiError(400, 'INVALID_FIELD', `${field} 应为 true 或 false`, `${field} must be true or false`, field);
  return v;
}

export function stringField(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new ApiError(400, 'INVALID_FIELD', `${field} 应为字符串`, `${field} must be a string`, field);
  return v;
}
