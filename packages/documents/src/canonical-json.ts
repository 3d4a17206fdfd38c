import { createHash } from 'node:crypto';
import type { DocumentContent } from './content.js';

/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) at every depth and
 * no whitespace, so the same content gives the same text whatever order its keys were written or
 * stored in (PostgreSQL's jsonb reorders keys). Arrays keep their order: it is meaningful (hazard 1, 2…).
 * Keys whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
}

/** SHA-256 (hex) of the content's canonical JSON: equal content, equal hash. */
export function contentSha256(content: DocumentContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
