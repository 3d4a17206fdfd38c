import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { acknowledgeAlert } from '../repositories/alert.repository.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { auditActor, type Actor } from './actor.js';

export interface AcknowledgeResult {
  /** Alerts this call acknowledged. */
  acknowledged: number[];
  /** Entries already acknowledged (by anyone): nothing to do. */
  already: number;
  /** Entries that are not in the actor's inbox: refused (and audited as denied). */
  refused: number[];
}

/** At most this many entries in one bulk acknowledgement (one page of the inbox and then some). */
export const MAX_BULK_ACKNOWLEDGE = 200;

/**
 * Issue 9 §5: acknowledges one or many of the actor's inbox entries, in one transaction with one
 * audit entry per alert acknowledged (`alert.acknowledge`, details `bulk` = how many were asked),
 * and one denied entry for ids that are not the actor's own: only the recipient acknowledges.
 */
export async function acknowledgeInboxEntries(
  db: Kysely<DB>,
  actor: Actor,
  reminderIds: readonly number[],
  now: Date,
): Promise<AcknowledgeResult> {
  if (actor.id === null) throw new Error('acknowledging needs an account');
  const userId = actor.id;
  const ids = [...new Set(reminderIds)].slice(0, MAX_BULK_ACKNOWLEDGE);
  return db.transaction().execute(async (trx) => {
    const result: AcknowledgeResult = { acknowledged: [], already: 0, refused: [] };
    const owned = new Set(
      ids.length
        ? (
            await trx
              .selectFrom('reminder')
              .select('id')
              .where('id', 'in', ids)
              .where('channel', '=', 'inbox')
              .where('recipient_user_id', '=', userId)
              .execute()
          ).map((r) => r.id)
        : [],
    );
    for (const id of ids) {
      if (!owned.has(id)) {
        result.refused.push(id);
        continue;
      }
      const alertId = await acknowledgeAlert(trx, userId, id, now);
      if (alertId === null) {
        result.already++;
        continue;
      }
      result.acknowledged.push(alertId);
      await recordAudit(trx, {
        ...auditActor(actor),
        action: 'alert.acknowledge',
        entityType: 'alert',
        entityId: alertId,
        details: { via: actor.via, reminderId: id, ...(ids.length > 1 ? { bulk: ids.length } : {}) },
      });
    }
    if (result.refused.length) {
      await recordAudit(trx, {
        ...auditActor(actor),
        action: 'alert.acknowledge',
        outcome: 'denied',
        reason: 'not_recipient',
        entityType: 'reminder',
        details: { via: actor.via, reminderIds: result.refused },
      });
    }
    return result;
  });
}
