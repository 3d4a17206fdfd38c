import { fail, redirect } from '@sveltejs/kit';
import { ROAD_PERMIT_PATROL_SOURCE, can, roadPermitFlags, type RoadPermitFlagKind } from '@supervise/core';
import { RoadPermitError, listEventOrganisers, listRoadPermits, recordRoadPermit } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { permitInputOf, permitRefusalStatus, permitRefusalText, unitScopeOf } from '$lib/server/permits';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §1: the R02 permits of the reader's brigade with their flags; a scheduler enters a permit
// here and its patrols are planned at once (packages/db recordRoadPermit).
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const canRecord = mayUse(user, '/permits', 'POST', 'record');
  const units = canRecord
    ? (await listEventOrganisers(db, ['R02'])).filter((o) =>
        can(user, 'permits.manage', { regime: 'R02', brigadeId: o.brigadeId, stationId: o.stationId }),
      )
    : [];
  const permits = (await listRoadPermits(db, { scope: unitScopeOf(user, 'permits.view') })).map((p) => ({
    ...p,
    flags: roadPermitFlags({ status: p.status, endsOn: p.endsOn, recorded: p.recordedFlags as RoadPermitFlagKind[], today }),
  }));
  return {
    permits,
    units: units.map(({ code, name }) => ({ code, name })),
    canRecord,
    today,
    patrolSource: ROAD_PERMIT_PATROL_SOURCE,
  };
};

export const actions: Actions = {
  record: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    let id: number;
    try {
      id = (
        await recordRoadPermit(
          getDb(),
          actorOf(event, user),
          permitInputOf((n) => form.get(n)),
          serverToday(),
        )
      ).id;
    } catch (e) {
      if (!(e instanceof RoadPermitError)) throw e;
      return fail(permitRefusalStatus(e), { ...permitRefusalText(e), values: Object.fromEntries(form) });
    }
    redirect(303, `/permits/${id}`);
  },
};
