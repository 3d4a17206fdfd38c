import { sql, type Kysely } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * The security audit log (GB/T 22239-2019 level 3, 8.1.4.3): who, when, from where, what, before and
 * after. Append-only in the database (triggers refuse UPDATE, DELETE, TRUNCATE). `recordAudit` takes
 * the `db` or a transaction first, so a write and its record commit or roll back together.
 */
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  /** A stable reason code (e.g. `bad_credentials`, `account_locked`), never free text with secrets. */
  reason?: string | null;
  actorId?: number | null;
  actorUsername?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  entityType?: string | null;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  /** Defaults to the database's now(). */
  at?: Date;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export async function recordAudit(db: Kysely<DB>, e: AuditEntry): Promise<number> {
  const row = await db
    .insertInto('audit_log')
    .values({
      ...(e.at ? { at: e.at } : {}),
      action: e.action,
      outcome: e.outcome ?? 'success',
      reason: e.reason ?? null,
      actor_id: e.actorId ?? null,
      actor_username: e.actorUsername?.slice(0, 128) ?? null,
      ip: e.ip ?? null,
      user_agent: e.userAgent?.slice(0, 512) ?? null,
      entity_type: e.entityType ?? null,
      entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
      before: json(e.before),
      after: json(e.after),
      details: json(e.details),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface AuditFilter {
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Matches the actor's username exactly (case-insensitive). */
  actor?: string;
  /** An action, or a prefix ending in `.` (e.g. `user.`). */
  action?: string;
  outcome?: AuditOutcome;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorUsername: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  outcome: string;
  reason: string | null;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

function filtered(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.actor) q = q.where(sql<string>`lower(actor_username)`, '=', f.actor.trim().toLowerCase());
  if (f.action) {
    q = f.action.endsWith('.')
      ? q.where('action', 'like', f.action.replace(/[%_\\]/g, '\\$&') + '%')
      : q.where('action', '=', f.action);
  }
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  return q;
}

function toRow(r: {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_username: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  outcome: string;
  reason: string | null;
  entity_type: string | null;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}): AuditRow {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    ip: r.ip,
    userAgent: r.user_agent,
    action: r.action,
    outcome: r.outcome,
    reason: r.reason,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    details: r.details,
  };
}

/** One page of matching entries, newest first, and how many match in all. */
export async function searchAudit(
  db: Kysely<DB>,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, f).selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRow), total: Number(count.n) };
}

/** Every matching entry, oldest first, in batches by id (for the CSV export; constant memory per batch). */
export async function* auditBatches(db: Kysely<DB>, f: AuditFilter, batchSize = 1000): AsyncGenerator<AuditRow[]> {
  let after = 0;
  for (;;) {
    const rows = await filtered(db, f).selectAll().where('id', '>', after).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows.map(toRow);
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}

/** The distinct actions in the log (for the filter's list). */
export async function auditActions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}

export interface LoginHistory {
  /** The last successful login before `before` (the current login), if any. */
  previous: { at: Date; ip: string | null } | null;
  /** Failed logins of this account since that previous login (or ever, without one). */
  failuresSince: number;
}

/** What the user is told after login: the previous login and the failures since (等保 8.1.4.1). */
export async function loginHistory(db: Kysely<DB>, userId: number, before: Date): Promise<LoginHistory> {
  const prev = await db
    .selectFrom('audit_log')
    .select(['at', 'ip'])
    .where('action', '=', 'auth.login')
    .where('outcome', '=', 'success')
    .where('actor_id', '=', userId)
    .where('at', '<', before)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let q = db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', 'in', ['auth.login', 'auth.totp'])
    .where('outcome', 'in', ['failure', 'denied'])
    .where('actor_id', '=', userId)
    .where('at', '<', before);
  if (prev) q = q.where('at', '>', prev.at);
  const n = await q.executeTakeFirstOrThrow();
  return { previous: prev ? { at: prev.at, ip: prev.ip } : null, failuresSince: Number(n.n) };
}
