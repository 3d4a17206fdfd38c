import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { can } from '@supervise/core';
import { findInspectionForCase, findReviewByInspection, inspectionOfficers, recordReviewOpinion } from '@supervise/db';
import { resolve } from '$app/paths';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { regimeName } from '$lib/server/draws';
import {
  calendarOrNull,
  formText,
  idOf,
  rectRefusalOf,
  rectRefusalStatus,
  requireCaseScope,
  reviewRuleLabel,
  shapeCase,
} from '$lib/server/rectification';
import { caseFile } from '@supervise/db';
import type { Actions, PageServerLoad } from './$types';

/** The review inspection and its round, 404 unless it is one, 403 outside the user's scope. */
async function reviewInScope(event: RequestEvent<{ inspectionId: string }>, permission: 'cases.view' | 'cases.manage') {
  const user = requireRoute(event);
  const id = idOf(event.params.inspectionId);
  const db = getDb();
  const insp = id === null ? undefined : await findInspectionForCase(db, id);
  if (!insp || insp.trigger !== 'review') error(404, 'not found');
  requireCaseScope(user, permission, insp);
  const review = await findReviewByInspection(db, Number(insp.id));
  if (!review) error(404, 'not found');
  return { user, insp, review };
}

export const load: PageServerLoad = async (event) => {
  const { user, insp, review } = await reviewInScope(event, 'cases.view');
  const db = getDb();
  const officers = await inspectionOfficers(db, Number(insp.id));
  const today = serverToday();
  const cal = await calendarOrNull(db);
  const cf = (await caseFile(db, Number(review.case_inspection_id)))!;
  const shaped = shapeCase(cf, cal, today);
  return {
    today,
    inspection: {
      id: Number(insp.id),
      regime: insp.regime_code,
      regimeName: regimeName(insp.regime_code),
      status: insp.status,
      entity: { code: insp.entity_code, name: insp.entity_name, address: insp.entity_address },
      officers: officers.map((o) => ({ code: o.code, name: o.name })),
    },
    review: {
      caseInspectionId: Number(review.case_inspection_id),
      number: review.notice_no,
      hazard: review.hazard_description,
      severity: review.hazard_severity,
      deadlineInForce: review.extended_deadline_on ?? review.deadline_on,
      requestedOn: review.requested_on,
      requestNote: review.request_note,
      dueOn: review.due_on,
      source: reviewRuleLabel(review.due_rule),
      opinion: review.opinion,
      note: review.note,
      reviewedOn: review.reviewed_on,
      newDeadlineOn: review.new_deadline_on,
      late: review.reviewed_on !== null && review.reviewed_on > review.due_on,
    },
    policy: shaped.policy,
    canRecord:
      officers.some((o) => o.user_id !== null && Number(o.user_id) === user.id) &&
      can(user, 'cases.manage', { regime: insp.regime_code, brigadeId: insp.brigade_id, stationId: insp.station_id }),
  };
};

export const actions: Actions = {
  opinion: async (event) => {
    const { user, insp, review } = await reviewInScope(event, 'cases.manage');
    const f = await event.request.formData();
    const opinion = f.get('opinion');
    const note = formText(f, 'note', 1000);
    const newDeadlineOn = formText(f, 'newDeadlineOn', 10);
    const values = { opinion: String(opinion ?? ''), note, newDeadlineOn };
    if (opinion !== 'passed' && opinion !== 'failed') return fail(400, { refusal: null, field: 'opinion', values });
    try {
      await recordReviewOpinion(getDb(), actorOf(event, user), {
        inspectionId: Number(insp.id),
        opinion,
        note: note || null,
        newDeadlineOn: newDeadlineOn || null,
        noMaximumAcknowledged: f.get('noMaximumAcknowledged') === 'on',
        today: serverToday(),
      });
    } catch (e) {
      const refusal = rectRefusalOf(e);
      if (!refusal) throw e;
      return fail(rectRefusalStatus(refusal.code), { refusal, field: refusal.field, values });
    }
    redirect(303, resolve('/cases/[inspectionId]', { inspectionId: String(review.case_inspection_id) }));
  },
};
