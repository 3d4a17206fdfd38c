import { createHash } from 'node:crypto';

/**
 * The SHA-256 (hex) of a document's content as canonical JSON: object keys sorted, no whitespace,
 * arrays in order. What `official_document.content_sha256` stores, so anyone can recompute it from the
 * stored content. (`@supervise/documents` exports the same function as `contentSha256`; this copy
 * serves until that package is on main.)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function contentSha256(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
