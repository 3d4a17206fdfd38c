import { fail } from '@sveltejs/kit';
import { ALERT_KINDS, REGIME_CODES, describeInboxSubject, type AlertKind } from '@supervise/core';
import { INBOX_STATES, acknowledgeInboxEntries, inboxPage, inboxRegimes, markInboxRead, type InboxState } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { actorOf } from '$lib/server/actor';
import { pageNumber } from '$lib/server/security-headers';
import type { Actions, PageServerLoad } from './$types';

/** Entries per page (issue 9 §5: a scan can leave hundreds). */
const PAGE_SIZE = 50;

/** The reminder id posted by a form; null when it is not a positive integer. */
function reminderIdOf(value: FormDataEntryValue | null): number | null {
  const v = Number(value);
  return Number.isSafeInteger(v) && v > 0 ? v : null;
}

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const q = event.url.searchParams;
  // Unknown filter values are ignored (the page shows everything), never an error page.
  const kindParam = q.get('kind') ?? '';
  const stateParam = q.get('state') ?? '';
  const regimeParam = q.get('regime') ?? '';
  const kind = (ALERT_KINDS as readonly string[]).includes(kindParam) ? (kindParam as AlertKind) : undefined;
  const state = (INBOX_STATES as readonly string[]).includes(stateParam) ? (stateParam as InboxState) : undefined;
  const regime = (REGIME_CODES as readonly string[]).includes(regimeParam) ? regimeParam : undefined;
  const db = getDb();
  const filter = { kind, state, regime };
  let page = pageNumber(q.get('page'));
  let result = await inboxPage(db, user.id, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (page > pages) {
    page = pages;
    result = await inboxPage(db, user.id, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  }
  return {
    filter: { kind: kind ?? '', state: state ?? '', regime: regime ?? '' },
    regimes: await inboxRegimes(db, user.id),
    page,
    pages,
    total: result.total,
    entries: result.rows.map((e) => {
      const line = describeInboxSubject(e);
      return {
        reminderId: e.reminderId,
        alertId: e.alertId,
        kind: e.kind,
        level: e.level,
        regime: e.regime,
        dueOn: e.dueOn,
        subject: line.subject,
        target: line.target,
        createdAt: e.createdAt.toISOString(),
        readAt: e.readAt?.toISOString() ?? null,
        acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
        resolvedAt: e.resolvedAt?.toISOString() ?? null,
      };
    }),
  };
};

export const actions: Actions = {
  // Marks one of the user's own entries read (the repository refuses anyone else's).
  read: async (event) => {
    const user = requireRoute(event);
    const id = reminderIdOf((await event.request.formData()).get('reminderId'));
    if (id === null) return fail(400, { error: 'invalid' });
    await markInboxRead(getDb(), user.id, id, new Date());
    return { done: id };
  },
  // Acknowledges the alert behind one entry: a write, audited in the use-case.
  acknowledge: async (event) => {
    const user = requireRoute(event);
    const id = reminderIdOf((await event.request.formData()).get('reminderId'));
    if (id === null) return fail(400, { error: 'invalid' });
    const r = await acknowledgeInboxEntries(getDb(), actorOf(event, user), [id], new Date());
    if (r.refused.length) return fail(403, { error: 'not_recipient' });
    return { done: id, acknowledged: r.acknowledged.length };
  },
  // Issue 9 §5: acknowledges every ticked entry at once (each alert audited).
  acknowledgeMany: async (event) => {
    const user = requireRoute(event);
    const values = (await event.request.formData()).getAll('selected');
    const ids = values.map(reminderIdOf);
    if (ids.length === 0) return fail(400, { error: 'none_selected' });
    if (ids.some((id) => id === null)) return fail(400, { error: 'invalid' });
    const r = await acknowledgeInboxEntries(getDb(), actorOf(event, user), ids as number[], new Date());
    if (r.refused.length) return fail(403, { error: 'not_recipient' });
    return { acknowledged: r.acknowledged.length, already: r.already };
  },
};
