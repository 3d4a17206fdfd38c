/**
 * The inspection record's draft on the phone (issue 10 §2): every field is written to localStorage
 * as it is typed, per inspection and user, so nothing is lost when the network drops or the page is
 * reloaded. Only sections edited since their last successful save are kept; a successful save clears
 * its section. Never holds a password; photos stay in the file input (not in the draft).
 */
export interface RecordDraft {
  checklist: { id: string; result: string; note: string }[];
  hazard: { severity: string; description: string; itemKey: string; fixedOnSpot: boolean };
  signature: { status: string; signerName: string; signerRole: string; note: string; png: string };
  close: { summary: string; audioVideoRecorded: boolean };
  second: { username: string; idShown: boolean };
}

export type DraftSection = keyof RecordDraft;

export const draftKey = (inspectionId: number, userId: number) => `inspection-draft:${inspectionId}:${userId}`;

export function readDraft(storage: Storage, key: string): Partial<RecordDraft> | null {
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const v = JSON.parse(raw) as unknown;
    return typeof v === 'object' && v !== null ? (v as Partial<RecordDraft>) : null;
  } catch {
    return null;
  }
}

/** Keeps the dirty sections (and drops the key when none is). Storage full: the page keeps working. */
export function writeDraft(
  storage: Storage,
  key: string,
  fields: RecordDraft,
  dirty: Partial<Record<DraftSection, boolean>>,
): void {
  const kept: Partial<RecordDraft> = {};
  for (const s of Object.keys(fields) as DraftSection[]) if (dirty[s]) Object.assign(kept, { [s]: fields[s] });
  try {
    if (Object.keys(kept).length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(kept));
  } catch {
    /* quota exceeded or storage disabled: nothing more to do here */
  }
}

/** Merges a stored draft over the server's values; returns the sections it restored. */
export function mergeDraft(fields: RecordDraft, draft: Partial<RecordDraft>): DraftSection[] {
  const restored: DraftSection[] = [];
  if (Array.isArray(draft.checklist)) {
    const byId = new Map(draft.checklist.map((x) => [x.id, x]));
    fields.checklist = fields.checklist.map((f) => ({ ...f, ...byId.get(f.id), id: f.id }));
    restored.push('checklist');
  }
  for (const s of ['hazard', 'signature', 'close', 'second'] as const) {
    const d = draft[s];
    if (d && typeof d === 'object') {
      Object.assign(fields[s], d);
      restored.push(s);
    }
  }
  return restored;
}
