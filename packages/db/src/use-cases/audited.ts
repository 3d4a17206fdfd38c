import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { type Actor, auditActor } from './actor.js';

/** What a use-case's work returns: its result and what the audit entry says of it. */
export interface AuditedWork<T> {
  result: T;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
}

/** How a use-case's own refusal is audited: 'denied' for scope, 'failure' for a rule or bad input. */
export interface AuditedRefusal {
  denied: boolean;
  code: string;
  details: Record<string, unknown>;
}

/**
 * Runs `work` in one transaction with its audit entry (the change and its record land together). An
 * error `refusalOf` recognises is audited in a transaction of its own — the change rolled back — and
 * thrown again; any other error is thrown as it is.
 */
export async function runAudited<T>(
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  entity: { type: string; id: string | number | null },
  details: Record<string, unknown>,
  work: (trx: Transaction<DB>) => Promise<AuditedWork<T>>,
  refusalOf: (e: unknown) => AuditedRefusal | null,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const done = await work(trx);
      await recordAudit(trx, {
        action,
        ...auditActor(actor),
        entityType: entity.type,
        entityId: done.entityId ?? entity.id,
        before: done.before,
        after: done.after,
        details: { via: actor.via, ...details, ...done.details },
      });
      return done.result;
    });
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal) {
      await recordAudit(db, {
        action,
        outcome: refusal.denied ? 'denied' : 'failure',
        reason: refusal.code,
        ...auditActor(actor),
        entityType: entity.type,
        entityId: entity.id,
        details: { via: actor.via, ...details, ...refusal.details },
      });
    }
    throw e;
  }
}
