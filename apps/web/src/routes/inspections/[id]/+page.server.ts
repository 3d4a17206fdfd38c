import {
  addHazard,
  addHazardPhotos,
  closeInspectionRecord,
  confirmAsRecordingOfficer,
  confirmAsSecondOfficer,
  saveChecklistResults,
  saveInspectedSide,
  startInspectionRecord,
} from '@supervise/db';
import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireRoute } from '$lib/server/access';
import { actorOf } from '$lib/server/actor';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import {
  checked,
  checklistOf,
  failOf,
  hazardOf,
  inspectedSideOf,
  inspectionIdOf,
  photosOf,
  recordForPage,
  text,
} from '$lib/server/inspection-record';
import type { Actions, PageServerLoad } from './$types';

/**
 * Issue 10 §2: the inspection record an inspector fills on a phone. Anyone reading cases in the
 * entity's scope (or an officer on it) reads it; only an officer on THIS inspection writes it, through
 * the use-cases of @supervise/db (which check the stored roster again), one named action per part.
 */
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const id = inspectionIdOf(event.params.id);
  const record = await recordForPage(actorOf(event, user), id);
  return { record, userId: user.id };
};

async function begin(event: RequestEvent<{ id: string }>) {
  const user = requireRoute(event);
  const id = inspectionIdOf(event.params.id);
  const form = await event.request.formData();
  return { actor: actorOf(event, user), id, form, db: getDb(), now: new Date() };
}

export const actions: Actions = {
  start: async (event) => {
    const { actor, id, db, now } = await begin(event);
    const r = await startInspectionRecord(db, actor, id, now);
    return r.ok ? { action: 'start', saved: true } : failOf('start', r);
  },
  checklist: async (event) => {
    const { actor, id, form, db, now } = await begin(event);
    const r = await saveChecklistResults(db, actor, { inspectionId: id, results: checklistOf(form) }, now);
    return r.ok ? { action: 'checklist', saved: true } : failOf('checklist', r);
  },
  hazard: async (event) => {
    const { actor, id, form, db, now } = await begin(event);
    const r = await addHazard(db, actor, { inspectionId: id, ...hazardOf(form), photos: await photosOf(form) }, now);
    return r.ok ? { action: 'hazard', saved: true } : failOf('hazard', r);
  },
  photos: async (event) => {
    const { actor, form, db, now } = await begin(event);
    const hazardId = Number(text(form, 'hazardId'));
    if (!Number.isSafeInteger(hazardId) || hazardId <= 0) return fail(400, { action: 'photos', refusal: null });
    const r = await addHazardPhotos(db, actor, { hazardId, photos: await photosOf(form) }, now);
    return r.ok ? { action: 'photos', saved: true } : failOf('photos', r);
  },
  confirm: async (event) => {
    const { actor, id, form, db, now } = await begin(event);
    const r = await confirmAsRecordingOfficer(db, actor, { inspectionId: id, idShown: checked(form, 'idShown') }, now);
    return r.ok ? { action: 'confirm', saved: true } : failOf('confirm', r);
  },
  second: async (event) => {
    const { actor, id, form, db, now } = await begin(event);
    const r = await confirmAsSecondOfficer(
      db,
      actor,
      { inspectionId: id, username: text(form, 'username'), password: text(form, 'password'), idShown: checked(form, 'idShown') },
      now,
    );
    return r.ok ? { action: 'second', saved: true } : failOf('second', r);
  },
  signature: async (event) => {
    const { actor, id, form, db, now } = await begin(event);
    const input = inspectedSideOf(form, id);
    if (!input)
      return failOf('signature', {
        ok: false,
        code: 'INVALID',
        field: 'status',
        reasons: [{ code: 'INVALID', zh: '请选择：签字、拒绝签字或不在场', en: 'Choose: signed, refused or absent' }],
      });
    const r = await saveInspectedSide(db, actor, input, now);
    return r.ok ? { action: 'signature', saved: true } : failOf('signature', r);
  },
  close: async (event) => {
    const { actor, id, form, db, now } = await begin(event);
    const av = form.has('audioVideoRecorded') ? checked(form, 'audioVideoRecorded') : null;
    const r = await closeInspectionRecord(
      db,
      actor,
      { inspectionId: id, audioVideoRecorded: av, summary: text(form, 'summary'), today: serverToday(now) },
      now,
    );
    return r.ok ? { action: 'close', saved: true, needsCase: r.needsCase } : failOf('close', r);
  },
};
