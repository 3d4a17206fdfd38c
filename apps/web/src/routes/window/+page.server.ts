import { fail } from '@sveltejs/kit';
import {
  can,
  isMonth,
  UPLOAD_LIMITS,
  WINDOW_COMPLAINT_CHANNELS,
  WINDOW_MEASURES,
  WINDOW_THRESHOLDS_SOURCE,
} from '@supervise/core';
import {
  decideWindowMeasure,
  importWindowRatings,
  recordWindowComplaint,
  recordWindowFollowUp,
  setWindowThresholds,
  windowComplaints,
  WindowError,
  windowMonth,
  windowThresholds,
} from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { windowRefusal } from '$lib/server/window';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §6: R01 window service for the exit-entry brigade's scheduler and the leader (1366 px).
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const today = serverToday();
  const asked = event.url.searchParams.get('month') ?? '';
  const month = isMonth(asked) ? asked : today.slice(0, 7);
  const db = getDb();
  const thresholds = await windowThresholds(db);
  // R01 is the exit-entry brigade's: another brigade's scheduler holds the permission but not the scope.
  const inScope = can(user, 'window.view', { regime: 'R01' });
  return {
    month,
    today,
    thresholds,
    thresholdsVerified: WINDOW_THRESHOLDS_SOURCE.verified,
    inScope,
    staff: inScope ? await windowMonth(db, month, thresholds) : [],
    complaints: inScope ? await windowComplaints(db, month) : [],
    channels: WINDOW_COMPLAINT_CHANNELS,
    measures: WINDOW_MEASURES,
    canManage: mayUse(user, '/window', 'POST', 'complaint') && can(user, 'window.manage', { regime: 'R01' }),
    canDecide: mayUse(user, '/window', 'POST', 'measure') && can(user, 'window.decide', { regime: 'R01' }),
  };
};

type Work = (form: FormData, actor: ReturnType<typeof actorOf>) => Promise<unknown>;
const text = (form: FormData, name: string) => String(form.get(name) ?? '');

const action =
  (name: string, work: Work): Actions[string] =>
  async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    let result: unknown;
    try {
      result = await work(form, actorOf(event, user));
    } catch (e) {
      if (!(e instanceof WindowError)) throw e;
      const r = windowRefusal(e, name);
      return fail(r.status, { form: r.form, field: r.field, message: r.message, issues: r.issues });
    }
    return { form: name, done: true, result: result ?? null };
  };

export const actions: Actions = {
  import: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    const file = form.get('file');
    const refused = (status: 400 | 413, message: string) =>
      fail(status, { form: 'import', field: 'file', message, issues: [] as string[] });
    if (!(file instanceof File) || file.size === 0) return refused(400, m.window_error_no_file());
    if (file.size > UPLOAD_LIMITS.maxBytes) return refused(413, m.window_error_too_long());
    try {
      const result = await importWindowRatings(getDb(), actorOf(event, user), {
        fileName: file.name || 'upload',
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return { form: 'import', done: true, result };
    } catch (e) {
      if (!(e instanceof WindowError)) throw e;
      const r = windowRefusal(e, 'import');
      return fail(r.status, { form: r.form, field: r.field, message: r.message, issues: r.issues });
    }
  },
  complaint: action('complaint', (form, actor) =>
    recordWindowComplaint(
      getDb(),
      actor,
      {
        staffCode: text(form, 'staffCode'),
        channel: text(form, 'channel'),
        receivedOn: text(form, 'receivedOn'),
        content: text(form, 'content'),
      },
      serverToday(),
    ),
  ),
  followUp: action('followUp', (form, actor) =>
    recordWindowFollowUp(
      getDb(),
      actor,
      {
        complaintId: Number(text(form, 'complaintId')) || 0,
        kind: text(form, 'kind'),
        on: text(form, 'on'),
        note: text(form, 'note'),
      },
      serverToday(),
    ),
  ),
  measure: action('measure', (form, actor) =>
    decideWindowMeasure(
      getDb(),
      actor,
      {
        staffCode: text(form, 'staffCode'),
        month: text(form, 'month'),
        measure: text(form, 'measure'),
        note: text(form, 'note'),
      },
      serverToday(),
    ),
  ),
  thresholds: action('thresholds', (form, actor) =>
    setWindowThresholds(getDb(), actor, {
      minSatisfactionPct: Number(text(form, 'minSatisfactionPct')),
      maxComplaints: Number(text(form, 'maxComplaints')),
    }),
  ),
};
