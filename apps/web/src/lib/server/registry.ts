import { error } from '@sveltejs/kit';
import {
  can,
  scopeOf,
  validateEntityRecord,
  type EntityField,
  type ImportIssue,
  type Permission,
  type ValidatedEntity,
} from '@supervise/core';
import { listPoliceStations, type Database, type EntitySearch, type RegistryScope, type RegistryWriteError } from '@supervise/db';

/**
 * Registry helpers for the pages of issue 5 §2–§4: the reader's scope, the actor of a write, the
 * scope check of one entity or officer (403 outside it: the route table cannot know a row's brigade),
 * and the producer that hands an upload's parse and a large import to the worker (payload: the batch
 * id only).
 */
export function registryScope(user: App.User, permission: Permission = 'registry.view'): RegistryScope {
  return scopeOf(user, permission);
}

/** 403 unless `user` holds `permission` for this row's regime, brigade and station. */
export function requireRowScope(
  user: App.User,
  permission: Permission,
  row: { regimeCode?: string; brigadeId: string | null; stationId: string | null },
): void {
  if (!can(user, permission, { regime: row.regimeCode, brigadeId: row.brigadeId, stationId: row.stationId }))
    error(403, 'forbidden');
}

/**
 * A registry write whose use-case refuses it on the row as stored (issue 15: the scope is checked
 * again where the write happens): 403 outside the scope, 404 when the row is gone.
 */
export async function registryWrite<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (e instanceof Error && e.name === 'RegistryWriteError') {
      const code = (e as RegistryWriteError).code;
      if (code === 'out_of_scope') error(403, 'forbidden');
      if (code === 'not_found') error(404, 'not found');
    }
    throw e;
  }
}

/** A form's value for each entity field (the field names are the import's English field keys). */
export function formValue(form: FormData): (f: EntityField) => string {
  return (f) => {
    const v = form.get(f);
    return typeof v === 'string' ? v : '';
  };
}

/** Up to this many rows an import runs inside the request; above, as an `import-registry` job. */
export const INLINE_IMPORT_ROWS = 500;

/** The filters of the list, from the query string (also used by the export). */
export function filtersOf(url: URL): EntitySearch {
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const status = get('status');
  return {
    q: get('q')?.slice(0, 100),
    regime: get('regime'),
    kind: get('kind'),
    stationId: get('station'),
    status: status === 'active' || status === 'closed' ? status : undefined,
    riskGrade: get('risk'),
  };
}

/** Validates an entity form with the import's own rules (same columns, same messages). */
export async function validateEntityForm(
  db: Database,
  user: App.User,
  form: FormData,
): Promise<{ entity: ValidatedEntity | null; issues: ImportIssue[]; values: Record<string, string> }> {
  const stations = await listPoliceStations(db);
  const { entity, issues } = validateEntityRecord(formValue(form), {
    stations,
    inScope: (e) => can(user, 'registry.manage', { regime: e.regime, brigadeId: e.brigadeId, stationId: e.stationId }),
  });
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string') values[k] = v;
  return { entity, issues, values };
}
