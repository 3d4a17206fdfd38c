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
import { drawRecordView, targetsPage } from '$lib/server/draw-record-view';
import { drawRefusalOf, enqueueDrawTasks, newSeedHex, refusalStatus, regimeName, requireDrawScope } from '$lib/server/draws';
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

export const load: PageServerLoad = async (event) => {
  const { user, draw } = await drawInScope(event, 'draws.view');
  const db = getDb();
  const row = (await findDraw(db, draw.id))!;
  const view = draw.status === 'executed' ? await drawRecordView(draw.id, () => getDrawRecord(db, draw.id)) : null;
  return {
    draw: { ...draw, regimeName: regimeName(draw.regime), replaceReason: row.replace_reason, beacon: row.beacon },
    record: view && {
      k: view.k,
      seed: view.seed,
      beacon: view.beacon,
      population: view.population,
      targets: targetsPage(view, Number(event.url.searchParams.get('page') ?? '1')),
      officers: view.officers,
      exclusions: view.exclusions,
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
      await executeDraw(getDb(), actorOf(event, user), draw.id, { beacon, enqueueTasks: enqueueDrawTasks });
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
