import { ENTITY_IMPORT_COLUMNS, type ImportIssue } from './entity-import.js';

/**
 * Issue 15 (a scheduler of one brigade took over another brigade's entity by importing a row with its
 * code): a write to an entity that is already stored is checked against the scope of the row AS
 * STORED, not only of the row as written. An import upserts by code, so a row whose code names an
 * entity of another brigade or station is refused, whatever brigade the file gives it.
 */
export interface StoredEntityScope {
  code: string;
  regime_code: string;
  brigade_id: string;
  station_id: string | null;
}

export type EntityScopeCheck = (e: { regime: string; brigadeId: string | null; stationId: string | null }) => boolean;

/** Whether the writer's scope covers the stored entity. */
export function storedEntityInScope(stored: StoredEntityScope, inScope: EntityScopeCheck): boolean {
  return inScope({ regime: stored.regime_code, brigadeId: stored.brigade_id, stationId: stored.station_id });
}

const CODE_HEADER = ENTITY_IMPORT_COLUMNS.find((c) => c.field === 'code')!.zh;

/** One issue per row whose code names a stored entity outside the writer's scope (the code column). */
export function storedEntityScopeIssues(
  rows: readonly { row: number; code: string }[],
  stored: ReadonlyMap<string, StoredEntityScope>,
  inScope: EntityScopeCheck,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const r of rows) {
    const s = stored.get(r.code);
    if (!s || storedEntityInScope(s, inScope)) continue;
    issues.push({
      code: 'stored_out_of_scope',
      row: r.row,
      column: CODE_HEADER,
      zh: `对象编码“${r.code}”已登记为超出本人权限范围的对象（${s.regime_code}），不能由本次导入覆盖`,
      en: `code "${r.code}" is an entity already registered outside your scope (${s.regime_code}); an import cannot overwrite it`,
    });
  }
  return issues;
}
