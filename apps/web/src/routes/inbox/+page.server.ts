import { fail } from '@sveltejs/kit';
import { acknowledgeAlert, inboxOf, markInboxRead, recordAudit } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** The reminder id posted by a form; null when it is not a positive integer. */
function reminderIdOf(form: FormData): number | null {
  const v = Number(form.get('reminderId'));
  return Number.isSafeInteger(v) && v > 0 ? v : null;
}

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const entries = await inboxOf(getDb(), user.id, 200);
  return {
    entries: entries.map((e) => ({
      ...e,
      createdAt: e.createdAt.toISOString(),
      readAt: e.readAt?.toISOString() ?? null,
      acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
      resolvedAt: e.resolvedAt?.toISOString() ?? null,
    })),
  };
};

export const actions: Actions = {
  // Marks one of the user's own entries read (the repository refuses anyone else's).
  read: async (event) => {
    const user = requireRoute(event);
    const id = reminderIdOf(await event.request.formData());
    if (id === null) return fail(400, { error: 'invalid' });
    await markInboxRead(getDb(), user.id, id, new Date());
    return { done: id };
  },
  // Acknowledges the alert behind an entry: a write, so it is audited.
  acknowledge: async (event) => {
    const user = requireRoute(event);
    const id = reminderIdOf(await event.request.formData());
    if (id === null) return fail(400, { error: 'invalid' });
    const db = getDb();
    const alertId = await db.transaction().execute(async (trx) => {
      const acknowledged = await acknowledgeAlert(trx, user.id, id, new Date());
      if (acknowledged !== null) {
        await recordAudit(trx, {
          action: 'alert.acknowledge',
          actorId: user.id,
          actorUsername: user.username,
          ip: event.getClientAddress(),
          userAgent: event.request.headers.get('user-agent'),
          entityType: 'alert',
          entityId: acknowledged,
        });
      }
      return acknowledged;
    });
    return { done: id, acknowledged: alertId !== null };
  },
};
