import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { can } from '@supervise/core';
import {
  storedExclusionCount,
  decideRedraw,
  drawExecuteFailure,
  executeDraw,
  findDraw,
  findDrawSummary,
  getDrawRecord,
  listRedrawRequests,
  requestRedraw,
} from '@supervise/db';
import { resolve } from '$app/paths';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { drawRefusalOf, newSeedHex, rankedTargets, refusalStatus, regimeName, requireDrawScope } from '$lib/server/draws';
import { actorOf } from '$lib/server/actor';
import type { Actions, PageServerLoad } from './$types';

/** The draw of the route, 404 when unknown, 403 outside the user's scope for `permission`. */
async function drawInScope(event: RequestEvent<{ id: string }>, permission: 'draws.view' | 'draws.manage' | 'draws.approve') {
  const user = requireRoute(event);
  const draw = await findDrawSummary(getDb(), event.params.id);
  if (!draw) error(404, 'not found');
  requireDrawScope(user, permission, draw.regime);
  return { user, draw };
}

/**
 * Rows of the record's long lists rendered on the page (issue 14: a province's draw has 30,000 targets
 * and 900,000 exclusions, hundreds of megabytes of HTML); the counts are shown whole, and the full
 * lists are in the downloadable record.
 */
const SHOWN_ROWS = 1000;

export const load: PageServerLoad = async (event) => {
  const { user, draw } = await drawInScope(event, 'draws.view');
  const db = getDb();
  const row = (await findDraw(db, draw.id))!;
  const record = draw.status === 'executed' ? await getDrawRecord(db, draw.id) : null;
  const officerName = (code: string) => record?.names?.officers[code] ?? '';
  const entityName = (code: string) => record?.names?.entities[code] ?? '';
  return {
    draw: { ...draw, regimeName: regimeName(draw.regime), replaceReason: row.replace_reason, beacon: row.beacon },
    record: record && {
      k: record.k,
      seed: record.seed,
      beacon: record.beacon,
      population: record.population.length,
      targets: rankedTargets(record, SHOWN_ROWS),
      targetsTotal: record.selected.length,
      unstaffed: record.unstaffed.map((code) => ({ code, name: entityName(code) })),
      officers: record.inspectors.map((code) => ({ code, name: officerName(code) })),
      excluded: record.excluded
        .slice(0, SHOWN_ROWS)
        .map((e) => ({ ...e, inspectorName: officerName(e.inspector), targetName: entityName(e.target) })),
      excludedTotal: record.excluded.length,
    },
    frozen:
      draw.status === 'executed' || !row.population
        ? null
        : {
            population: row.population.length,
            officers: (row.inspectors ?? []).length,
            excluded: storedExclusionCount(row.excluded, row.population.length),
          },
    // Issue 14 §3: an execution that failed after its retries is shown, never a draw frozen in silence.
    executeFailure: draw.status === 'executed' ? null : await drawExecuteFailure(db, draw.id),
    requests: await listRedrawRequests(db, { drawId: draw.id }),
    canManage: can(user, 'draws.manage', { regime: draw.regime }),
    canApprove: can(user, 'draws.approve', { regime: draw.regime }),
    userId: user.id,
  };
};

const text = (form: FormData, k: string, max = 500) =>
  String(form.get(k) ?? '')
    .trim()
    .slice(0, max);

function refused(e: unknown) {
  const refusal = drawRefusalOf(e);
  if (!refusal) throw e;
  return fail(refusalStatus(refusal.code), { refusal });
}

async function decide(event: RequestEvent<{ id: string }>, decision: 'approve' | 'reject') {
  const { user, draw } = await drawInScope(event, 'draws.approve');
  const requestId = Number((await event.request.formData()).get('requestId'));
  if (!Number.isSafeInteger(requestId) || requestId <= 0) return fail(400, { refusal: null, problem: 'request' });
  let newId: string | null;
  try {
    const r = await decideRedraw(getDb(), actorOf(event, user), {
      requestId,
      decision,
      today: serverToday(),
      seedHex: newSeedHex(),
    });
    newId = r.newDraw?.id ?? null;
  } catch (e) {
    return refused(e);
  }
  redirect(303, resolve('/draws/[id]', { id: newId ?? draw.id }));
}

export const actions: Actions = {
  execute: async (event) => {
    const { user, draw } = await drawInScope(event, 'draws.manage');
    const beacon = text(await event.request.formData(), 'beacon', 200);
    try {
      await executeDraw(getDb(), actorOf(event, user), draw.id, { beacon });
    } catch (e) {
      return refused(e);
    }
    redirect(303, resolve('/draws/[id]', { id: draw.id }));
  },
  requestRedraw: async (event) => {
    const { user, draw } = await drawInScope(event, 'draws.manage');
    const reason = text(await event.request.formData(), 'reason');
    try {
      await requestRedraw(getDb(), actorOf(event, user), draw.id, reason);
    } catch (e) {
      return refused(e);
    }
    return { requested: true };
  },
  approveRedraw: (event) => decide(event, 'approve'),
  rejectRedraw: (event) => decide(event, 'reject'),
};
