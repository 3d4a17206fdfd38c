import { formulaSafe } from '@supervise/core';
import type { AuditFilter, AuditRow } from '@supervise/db';

/**
 * The audit page's filter from the query string: `from` and `to` are days (YYYY-MM-DD, Asia/Shanghai,
 * `to` inclusive), `actor` a username, `action` an action or a prefix ending in `.`.
 */
export function parseAuditFilter(q: URLSearchParams): { filter: AuditFilter; values: Record<string, string> } {
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  const values = {
    from: day(q.get('from')),
    to: day(q.get('to')),
    actor: (q.get('actor') ?? '').trim().slice(0, 64),
    action: (q.get('action') ?? '').trim().slice(0, 64),
  };
  const filter: AuditFilter = {};
  if (values.from) filter.from = new Date(`${values.from}T00:00:00+08:00`);
  if (values.to) filter.to = new Date(new Date(`${values.to}T00:00:00+08:00`).getTime() + 86_400_000);
  if (values.actor) filter.actor = values.actor;
  if (values.action) filter.action = values.action;
  return { filter, values };
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_username',
  'ip',
  'user_agent',
  'action',
  'outcome',
  'reason',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'details',
] as const;

/** One CSV field: quoted, quotes doubled; a leading = + - @ is defused (CSV injection into Excel). */
export function csvField(v: unknown): string {
  const s =
    v === null || v === undefined
      ? ''
      : v instanceof Date
        ? v.toISOString()
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);
  return `"${formulaSafe(s).replace(/"/g, '""')}"`;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

export function csvLine(r: AuditRow): string {
  return (
    [
      r.id,
      r.at,
      r.actorId,
      r.actorUsername,
      r.ip,
      r.userAgent,
      r.action,
      r.outcome,
      r.reason,
      r.entityType,
      r.entityId,
      r.before,
      r.after,
      r.details,
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}
