import { fail } from '@sveltejs/kit';
import { EVENT_SURVEY_LEAD_SOURCE, SECURITY_PLAN_DECISIONS } from '@supervise/core';
import { EventError, reviewSecurityPlan } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { eventInScope, eventRefusalText } from '$lib/server/events';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §2: one application — its survey (findings on the inspection record) and on-site duty,
// and the security plan's review by an officer on the survey.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const application = await eventInScope(user, event.params.id);
  return {
    application,
    decisions: SECURITY_PLAN_DECISIONS,
    canReview: application.plan === null && mayUse(user, '/events/[id]', 'POST', 'reviewPlan', event.params),
    surveyClause: EVENT_SURVEY_LEAD_SOURCE.clause,
  };
};

export const actions: Actions = {
  reviewPlan: async (event) => {
    const user = requireRoute(event);
    const application = await eventInScope(user, event.params.id);
    const form = await event.request.formData();
    try {
      await reviewSecurityPlan(
        getDb(),
        actorOf(event, user),
        {
          applicationId: application.id,
          decision: String(form.get('decision') ?? ''),
          opinion: String(form.get('opinion') ?? ''),
        },
        serverToday(),
      );
    } catch (e) {
      if (!(e instanceof EventError)) throw e;
      return fail(e.code === 'EVENT-DENIED' ? 403 : 400, eventRefusalText(e));
    }
    return { reviewed: true };
  },
};
