import { can, EVENT_MIN_ON_SITE_OFFICERS, EVENT_SURVEY_LEAD_SOURCE } from '@supervise/core';
import { EventError, listEventApplications, listEventOrganisers, recordEventApplication } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { eventInputOf, eventRefusalText, eventRegimesOf } from '$lib/server/events';
import { recordFromForm } from '$lib/server/record-form';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §2: R05/R06 applications in the reader's scope; a scheduler records a new one here and
// the survey and on-site duty are planned at once (packages/db recordEventApplication).
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const regimes = eventRegimesOf(user);
  const canRecord = mayUse(user, '/events', 'POST', 'record');
  const organisers = canRecord
    ? (await listEventOrganisers(db, regimes)).filter((o) =>
        can(user, 'events.manage', { regime: o.regime, brigadeId: o.brigadeId, stationId: o.stationId }),
      )
    : [];
  return {
    applications: (await listEventApplications(db, { regimes })).filter((a) =>
      can(user, 'events.view', { regime: a.regime, brigadeId: a.entity.brigadeId, stationId: a.entity.stationId }),
    ),
    organisers: organisers.map(({ code, name, regime }) => ({ code, name, regime })),
    canRecord,
    today: serverToday(),
    minOfficers: EVENT_MIN_ON_SITE_OFFICERS,
    surveyClause: EVENT_SURVEY_LEAD_SOURCE.clause,
  };
};

export const actions: Actions = {
  record: (event) =>
    recordFromForm(event, {
      inputOf: eventInputOf,
      record: recordEventApplication,
      refusalOf: (e) =>
        e instanceof EventError ? { status: e.code === 'EVENT-DENIED' ? 403 : 400, ...eventRefusalText(e) } : null,
      pageOf: (id) => `/events/${id}`,
    }),
};
