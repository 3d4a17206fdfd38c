import { fail } from '@sveltejs/kit';
import { CREDIT_GRADE_CRITERIA_IN_SEED, CREDIT_GRADES } from '@supervise/core';
import { creditCandidates, CreditError, gradeUnit, listCreditGrades } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { creditRefusal, creditScopeOf } from '$lib/server/credit';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §7: the R03 records a grade may rest on, the grades given, and the platform file.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const scope = creditScopeOf(user);
  const canGrade = mayUse(user, '/credit', 'POST', 'grade');
  return {
    candidates: canGrade ? await creditCandidates(getDb(), scope) : [],
    grades: await listCreditGrades(getDb(), scope, 500),
    gradeOptions: CREDIT_GRADES,
    canGrade,
    criteriaInSeed: CREDIT_GRADE_CRITERIA_IN_SEED,
  };
};

export const actions: Actions = {
  grade: async (event) => {
    const user = requireRoute(event);
    const form = await event.request.formData();
    const text = (n: string) => String(form.get(n) ?? '');
    try {
      await gradeUnit(
        getDb(),
        actorOf(event, user),
        {
          entityCode: text('entityCode'),
          grade: text('grade'),
          reason: text('reason'),
          basisKind: text('basisKind'),
          basisId: text('basisId'),
        },
        serverToday(),
      );
    } catch (e) {
      if (!(e instanceof CreditError)) throw e;
      const r = creditRefusal(e);
      return fail(r.status, { field: r.field, message: r.message, basis: `${text('basisKind')}-${text('basisId')}` });
    }
    return { done: true };
  },
};
