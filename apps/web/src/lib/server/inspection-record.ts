import { error, fail } from '@sveltejs/kit';
import {
  getInspectionRecord,
  recordRefusalStatus,
  type InspectedSideInput,
  type PhotoUpload,
  type RecordRefusal,
} from '@supervise/db';
import { ApiError } from './api-error.js';
import { getDb } from './db.js';

/**
 * Shared by the inspection record's page actions and its JSON API (issue 10 §2): reading the id,
 * turning form fields and uploaded files into use-case input, and a use-case refusal into `fail()` or
 * an `ApiError`. The rules themselves are the use-case's and core's.
 */

export function inspectionIdOf(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) error(404, 'not found');
  return id;
}

export function apiIdOf(raw: string | undefined, what = 'id'): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new ApiError(404, 'NOT_FOUND', `没有这个编号：${raw}`, `No such id: ${raw}`, what);
  return id;
}

/** The record for a page load, or the refusal's HTTP error. */
export async function recordForPage(actor: Parameters<typeof getInspectionRecord>[1], id: number) {
  const r = await getInspectionRecord(getDb(), actor, id);
  if (!r.ok) error(recordRefusalStatus(r.code), r.code === 'NOT_FOUND' ? 'not found' : 'forbidden');
  return r.record;
}

/** A page action's refusal, for the form: which action, which field, every reason (zh and en). */
export function failOf(action: string, r: RecordRefusal) {
  return fail(recordRefusalStatus(r.code), {
    action,
    refusal: { code: r.code, field: r.field ?? null, reasons: r.reasons.map((x) => ({ code: x.code, zh: x.zh, en: x.en })) },
  });
}

/** A JSON API refusal. */
export function apiErrorOf(r: RecordRefusal): ApiError {
  return new ApiError(
    recordRefusalStatus(r.code),
    r.code,
    r.reasons.map((x) => x.zh).join('；'),
    r.reasons.map((x) => x.en).join('; '),
    r.field,
    { reasons: r.reasons },
  );
}

const str = (form: FormData, k: string) => {
  const v = form.get(k);
  return typeof v === 'string' ? v : '';
};

/** Checklist results of a form: `result_<itemId>` and `note_<itemId>`; unanswered items are left out. */
export function checklistOf(form: FormData): { itemKey: string; result: string; note: string | null }[] {
  const out: { itemKey: string; result: string; note: string | null }[] = [];
  for (const [k, v] of form.entries()) {
    if (!k.startsWith('result_') || typeof v !== 'string' || v === '') continue;
    const itemKey = k.slice('result_'.length);
    out.push({ itemKey, result: v, note: str(form, `note_${itemKey}`) || null });
  }
  return out;
}

/** The files of a multipart field; an empty file input sends one nameless empty part, skipped. */
export async function photosOf(form: FormData, field = 'photos'): Promise<PhotoUpload[]> {
  const out: PhotoUpload[] = [];
  for (const v of form.getAll(field)) {
    if (typeof v === 'string') continue;
    if (v.size === 0 && v.name === '') continue;
    out.push({ fileName: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  }
  return out;
}

export function hazardOf(form: FormData) {
  return {
    severity: str(form, 'severity'),
    description: str(form, 'description'),
    itemKey: str(form, 'itemKey') || null,
    fixedOnSpot: form.get('fixedOnSpot') === 'on' || form.get('fixedOnSpot') === 'true',
  };
}

/** A drawn signature arrives as a `data:image/png;base64,…` URL (the canvas's toDataURL). */
export function pngOfDataUrl(value: string): Uint8Array {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]*)$/.exec(value.trim());
  return m ? new Uint8Array(Buffer.from(m[1]!, 'base64')) : new Uint8Array();
}

export function inspectedSideOf(form: FormData, inspectionId: number): InspectedSideInput | null {
  const status = str(form, 'status');
  if (status === 'signed')
    return {
      inspectionId,
      status,
      signerName: str(form, 'signerName'),
      signerRole: str(form, 'signerRole') || 'unit_head',
      png: pngOfDataUrl(str(form, 'signaturePng')),
    };
  if (status === 'refused' || status === 'absent') return { inspectionId, status, note: str(form, 'note') };
  return null;
}

export const checked = (form: FormData, k: string) => form.get(k) === 'on' || form.get(k) === 'true';
export const text = str;
