import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Permission } from '@supervise/core';
import type { Actor } from '@supervise/db';
import { requireRoute } from './access.js';
import { actorOf } from './actor.js';
import { serverToday } from './clock.js';
import { getDb } from './db.js';

type Db = ReturnType<typeof getDb>;

/** A refusal of a use-case in the reader's words: its status, the field it concerns, the message. */
export interface FormRefusal {
  status: number;
  field: string | null;
  message: string;
}

/**
 * The `record` action of a list page (permits, station reports, events): the form read into the
 * use-case's input, recorded as the signed-in user on the server's today, then on to the new record's
 * page. A refusal (`refusalOf` answers it; anything else is rethrown) comes back with what was typed,
 * so the form shows again filled in, the field named.
 */
export async function recordFromForm<I>(
  event: RequestEvent,
  use: {
    inputOf: (get: (name: string) => unknown) => I;
    record: (db: Db, actor: Actor, input: I, today: string) => Promise<{ id: number }>;
    refusalOf: (e: unknown) => FormRefusal | null;
    pageOf: (id: number) => string;
  },
) {
  const user = requireRoute(event);
  const form = await event.request.formData();
  let id: number;
  try {
    id = (
      await use.record(
        getDb(),
        actorOf(event, user),
        use.inputOf((n) => form.get(n)),
        serverToday(),
      )
    ).id;
  } catch (e) {
    const r = use.refusalOf(e);
    if (!r) throw e;
    return fail(r.status, { field: r.field, message: r.message, values: Object.fromEntries(form) });
  }
  redirect(303, use.pageOf(id));
}

/** The units (code and name) of `regime` the reader may record for under `permission`; none without the right to record. */
export async function unitsToRecordFor(
  user: App.User,
  canRecord: boolean,
  permission: Permission,
  regime: string,
  listUnits: () => Promise<{ code: string; name: string; brigadeId: string; stationId: string | null }[]>,
): Promise<{ code: string; name: string }[]> {
  if (!canRecord) return [];
  return (await listUnits())
    .filter((u) => can(user, permission, { regime, brigadeId: u.brigadeId, stationId: u.stationId }))
    .map(({ code, name }) => ({ code, name }));
}
