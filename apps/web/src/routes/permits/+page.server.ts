import { ROAD_PERMIT_PATROL_SOURCE, roadPermitFlags, type RoadPermitFlagKind } from '@supervise/core';
import { RoadPermitError, listEventOrganisers, listRoadPermits, recordRoadPermit } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { permitInputOf, permitRefusalStatus, permitRefusalText, unitScopeOf } from '$lib/server/permits';
import { recordFromForm, unitsToRecordFor } from '$lib/server/record-form';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §1: the R02 permits of the reader's brigade with their flags; a scheduler enters a permit
// here and its patrols are planned at once (packages/db recordRoadPermit).
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const canRecord = mayUse(user, '/permits', 'POST', 'record');
  const units = await unitsToRecordFor(user, canRecord, 'permits.manage', 'R02', () => listEventOrganisers(db, ['R02']));
  const permits = (await listRoadPermits(db, { scope: unitScopeOf(user, 'permits.view') })).map((p) => ({
    ...p,
    flags: roadPermitFlags({ status: p.status, endsOn: p.endsOn, recorded: p.recordedFlags as RoadPermitFlagKind[], today }),
  }));
  return { permits, units, canRecord, today, patrolSource: ROAD_PERMIT_PATROL_SOURCE };
};

export const actions: Actions = {
  record: (event) =>
    recordFromForm(event, {
      inputOf: permitInputOf,
      record: recordRoadPermit,
      refusalOf: (e) => (e instanceof RoadPermitError ? { status: permitRefusalStatus(e), ...permitRefusalText(e) } : null),
      pageOf: (id) => `/permits/${id}`,
    }),
};
