import { fail, redirect } from '@sveltejs/kit';
import { can, INCIDENT_METHODS_OF, INCIDENT_REGIMES, REGIME_CODES } from '@supervise/core';
import { CaseError, listCases, recordIncident } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { caseRefusalText, caseStatus, incidentInputOf } from '$lib/server/incidents';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §5: the cases in the reader's scope (open first) and the record of an incident (R11–R13).
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const regimes = REGIME_CODES.filter((regime) => can(user, 'incidents.view', { regime }));
  const rows = await listCases(getDb(), { regimes });
  const recordRegimes = mayUse(user, '/incidents', 'POST', 'record')
    ? INCIDENT_REGIMES.filter((regime) => can(user, 'incidents.record', { regime }))
    : [];
  return {
    // The list shows no case text: the number, where it came from, the unit and its state.
    cases: rows
      .filter((c) => can(user, 'incidents.view', { regime: c.regime, brigadeId: c.brigadeId }))
      .map((c) => ({
        id: c.id,
        number: c.number,
        regime: c.regime,
        source: c.source,
        method: c.method,
        entity: c.entity,
        openedOn: c.openedOn,
        status: c.status,
        inspectionId: c.inspection?.id ?? null,
      })),
    recordRegimes,
    methodsOf: Object.fromEntries(recordRegimes.map((r) => [r, INCIDENT_METHODS_OF[r]])),
    today: serverToday(),
  };
};

export const actions: Actions = {
  record: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    let id: number;
    try {
      id = (await recordIncident(getDb(), actorOf(event, user), incidentInputOf(form), serverToday())).id;
    } catch (e) {
      if (!(e instanceof CaseError)) throw e;
      return fail(caseStatus(e), caseRefusalText(e));
    }
    redirect(303, `/incidents/${id}`);
  },
};
