import { can, isIsoDate } from '@supervise/core';
import type { Database } from '../client.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { inServiceFrom, writeInServiceFrom } from '../repositories/service-setting.repository.js';
import { auditActor, type Actor } from './actor.js';

export type SetInServiceResult =
  { ok: true; before: string | null; after: string } | { ok: false; code: 'FORBIDDEN' | 'BAD_DATE' | 'AFTER_TODAY' };

/**
 * Issue 8 §4: the system administrator moves the day the system went into service (settings.manage).
 * A day after today is refused: it would hide work that is already due. Audited, refusals too, in the
 * same transaction as the change.
 */
export async function setInServiceFrom(db: Database, actor: Actor, day: string, today: string): Promise<SetInServiceResult> {
  return db.transaction().execute(async (tx) => {
    const before = await inServiceFrom(tx);
    const refuse = async (code: 'FORBIDDEN' | 'BAD_DATE' | 'AFTER_TODAY'): Promise<SetInServiceResult> => {
      await recordAudit(tx, {
        action: 'settings.in_service_from',
        outcome: code === 'FORBIDDEN' ? 'denied' : 'failure',
        reason: code.toLowerCase(),
        ...auditActor(actor),
        entityType: 'service_setting',
        before: { inServiceFrom: before },
        details: { requested: day.slice(0, 40), via: actor.via },
      });
      return { ok: false, code };
    };
    if (actor.principal && !can(actor.principal, 'settings.manage')) return refuse('FORBIDDEN');
    if (!isIsoDate(day)) return refuse('BAD_DATE');
    if (day > today) return refuse('AFTER_TODAY');
    await writeInServiceFrom(tx, day, actor.id);
    await recordAudit(tx, {
      action: 'settings.in_service_from',
      ...auditActor(actor),
      entityType: 'service_setting',
      before: { inServiceFrom: before },
      after: { inServiceFrom: day },
      details: { via: actor.via },
    });
    return { ok: true, before, after: day };
  });
}
