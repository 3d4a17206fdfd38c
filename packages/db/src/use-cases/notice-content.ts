import { createHash } from 'node:crypto';

/**
 * What a rectification notice says, as stored in official_document.content and rendered to PDF by
 * `@supervise/documents` (the shared contract of issue 10). Plain JSON; frozen once served.
 */
export interface RectificationNoticeContent {
  kind: 'rectification_notice';
  number: string;
  issuer: string;
  unit: { name: string; address: string; head: string | null };
  regime: { code: string; zh: string };
  inspectedOn: string;
  hazards: { severity: 'general' | 'major'; description: string }[];
  legalBasis: string[];
  deadlineOn: string;
  deadlineRuleZh: string | null;
  officers: { name: string; badgeNo: string }[];
  issuedOn: string;
  servedAt: string | null;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

/** SHA-256 (hex) of the content's canonical JSON (keys sorted at every level). */
export function noticeContentSha256(content: RectificationNoticeContent): string {
  return createHash('sha256').update(JSON.stringify(canonical(content)), 'utf8').digest('hex');
}
