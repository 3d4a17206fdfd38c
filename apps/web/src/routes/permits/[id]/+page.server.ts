import { fail } from '@sveltejs/kit';
import {
  ROAD_PERMIT_FLAG_CLAUSE,
  ROAD_PERMIT_FLAG_KINDS,
  ROAD_PERMIT_MEASURE_CLAUSE,
  ROAD_PERMIT_MEASURES,
  ROAD_PERMIT_PATROL_SOURCE,
  ROAD_PERMIT_REFERRAL_TARGETS,
  compareIsoDates,
  roadPermitFlags,
  type RoadPermitFlagKind,
} from '@supervise/core';
import {
  RoadPermitError,
  changeRoadPermitEnd,
  closeRoadPermit,
  officerOfUser,
  recordPatrolFlag,
  recordPermitMeasure,
} from '@supervise/db';
import type { RequestEvent } from '@sveltejs/kit';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { permitInScope, permitRefusalStatus, permitRefusalText } from '$lib/server/permits';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §1: one permit — its patrols (inspections in the officers' My tasks), the flags recorded on
// them, the measures taken; the scheduler changes the end day or closes it (patrols cancelled).
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const permit = await permitInScope(user, event.params.id);
  const today = serverToday();
  const myOfficer = await officerOfUser(getDb(), user.id);
  const open = permit.status === 'open';
  const may = (action: string) => mayUse(user, '/permits/[id]', 'POST', action, event.params);
  return {
    permit,
    flags: roadPermitFlags({
      status: permit.status,
      endsOn: permit.endsOn,
      recorded: permit.recordedFlags as RoadPermitFlagKind[],
      today,
    }),
    today,
    canChange: open && may('change'),
    canMeasure: may('measure'),
    // The patrols the reader is on whose day has come: a flag is recorded on one of them.
    myPatrols: may('flag')
      ? permit.patrols
          .filter(
            (p) =>
              p.status !== 'cancelled' && compareIsoDates(p.plannedOn, today) <= 0 && p.officers.some((o) => o.id === myOfficer),
          )
          .map((p) => ({ inspectionId: p.inspectionId, plannedOn: p.plannedOn }))
      : [],
    flagKinds: ROAD_PERMIT_FLAG_KINDS,
    measureKinds: ROAD_PERMIT_MEASURES,
    referralTargets: ROAD_PERMIT_REFERRAL_TARGETS,
    flagClause: ROAD_PERMIT_FLAG_CLAUSE,
    measureClause: ROAD_PERMIT_MEASURE_CLAUSE,
    patrolSource: ROAD_PERMIT_PATROL_SOURCE,
  };
};

async function run(event: RequestEvent, action: string, work: (form: FormData, user: App.User, id: number) => Promise<unknown>) {
  const user = requireRoute(event);
  const permit = await permitInScope(user, event.params.id!);
  const form = await event.request.formData();
  try {
    await work(form, user, permit.id);
  } catch (e) {
    if (!(e instanceof RoadPermitError)) throw e;
    return fail(permitRefusalStatus(e), { action, ...permitRefusalText(e) });
  }
  return { action, saved: true };
}

const text = (form: FormData, n: string) => {
  const v = form.get(n);
  return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
  change: (event) =>
    run(event, 'change', (form, user, permitId) =>
      changeRoadPermitEnd(
        getDb(),
        actorOf(event, user),
        { permitId, endsOn: text(form, 'endsOn').trim(), reason: text(form, 'reason') },
        serverToday(),
      ),
    ),
  close: (event) =>
    run(event, 'close', (form, user, permitId) =>
      closeRoadPermit(getDb(), actorOf(event, user), { permitId, reason: text(form, 'reason') }, serverToday()),
    ),
  flag: (event) =>
    run(event, 'flag', (form, user, permitId) =>
      recordPatrolFlag(
        getDb(),
        actorOf(event, user),
        {
          permitId,
          inspectionId: /^\d{1,15}$/.test(text(form, 'inspectionId')) ? Number(text(form, 'inspectionId')) : 0,
          kind: text(form, 'kind'),
          note: text(form, 'note'),
        },
        serverToday(),
      ),
    ),
  measure: (event) =>
    run(event, 'measure', (form, user, permitId) =>
      recordPermitMeasure(
        getDb(),
        actorOf(event, user),
        {
          permitId,
          kind: text(form, 'kind'),
          referredTo: text(form, 'referredTo') || null,
          serious: form.get('serious') === 'on',
          note: text(form, 'note'),
        },
        serverToday(),
      ),
    ),
};
