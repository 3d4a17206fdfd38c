import { fail } from '@sveltejs/kit';
import { caseFileLines, CaseError, closeCase, openCaseInspection } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { caseInScope, caseRefusalText, caseStatus } from '$lib/server/incidents';
import type { Actions, PageServerLoad } from './$types';

// Issue 13 §5: one case — what, where, when, which unit; its inspection and, through it, the notices
// and penalties of its case file; the conclusion that closes it. A complaint's informant is never loaded.
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const c = await caseInScope(user, event.params.id);
  return {
    c,
    lines: c.inspection ? await caseFileLines(getDb(), c.inspection.id) : [],
    today: serverToday(),
    canManage: mayUse(user, '/incidents/[id]', 'POST', 'close', event.params),
    canSeeComplaint: c.complaint !== null && mayUse(user, '/complaints/[id]', 'GET', undefined, { id: String(c.complaint.id) }),
  };
};

type Work = (id: number, form: FormData, actor: ReturnType<typeof actorOf>) => Promise<unknown>;

const action =
  (work: Work): Actions[string] =>
  async (event) => {
    const user = requireRoute(event);
    const c = await caseInScope(user, event.params.id!);
    const form = await event.request.formData();
    try {
      await work(c.id, form, actorOf(event, user));
    } catch (e) {
      if (!(e instanceof CaseError)) throw e;
      return fail(caseStatus(e), caseRefusalText(e));
    }
    return { done: true };
  };

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
  openInspection: action((caseId, form, actor) =>
    openCaseInspection(
      getDb(),
      actor,
      { caseId, officerCode: text(form, 'officerCode'), plannedOn: text(form, 'plannedOn') },
      serverToday(),
    ),
  ),
  close: action((caseId, form, actor) =>
    closeCase(getDb(), actor, { caseId, conclusion: text(form, 'conclusion') }, serverToday()),
  ),
};
