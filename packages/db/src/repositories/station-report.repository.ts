import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import type { UnitScope } from './road-permit.repository.js';

/**
 * R04 inspection agencies' reports and video checks (issue 13 §3). The use-case
 * (`use-cases/station-report.use-case.ts`) checks and audits; this file only reads rows.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface StationReportRow {
  id: number;
  entity: { id: number; code: string; name: string; brigadeId: string; stationId: string | null };
  kind: string;
  receivedOn: string;
  plate: string | null;
  reportNo: string | null;
  summary: string;
  review: {
    reviewedOn: string;
    reviewedBy: string | null;
    checks: Record<string, string>;
    outcome: string;
    findings: string;
    qualityBureauNotified: boolean;
    hazardInspectionId: number | null;
  } | null;
}

const base = (db: Db) =>
  db
    .selectFrom('station_report as r')
    .innerJoin('entity as e', 'e.id', 'r.entity_id')
    .leftJoin('app_user as u', 'u.id', 'r.reviewed_by')
    .select([
      'r.id',
      'e.id as entityId',
      'e.code as entityCode',
      'e.name as entityName',
      'e.brigade_id',
      'e.station_id',
      'r.kind',
      'r.received_on',
      'r.plate',
      'r.report_no',
      'r.summary',
      'r.reviewed_on',
      'u.display_name as reviewer',
      'r.checks',
      'r.outcome',
      'r.findings',
      'r.quality_bureau_notified',
      'r.hazard_inspection_id',
    ]);

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const toRow = (r: BaseRow): StationReportRow => ({
  id: Number(r.id),
  entity: { id: Number(r.entityId), code: r.entityCode, name: r.entityName, brigadeId: r.brigade_id, stationId: r.station_id },
  kind: r.kind,
  receivedOn: r.received_on,
  plate: r.plate,
  reportNo: r.report_no,
  summary: r.summary,
  review:
    r.reviewed_on && r.outcome
      ? {
          reviewedOn: r.reviewed_on,
          reviewedBy: r.reviewer,
          checks: (r.checks ?? {}) as Record<string, string>,
          outcome: r.outcome,
          findings: r.findings ?? '',
          qualityBureauNotified: !!r.quality_bureau_notified,
          hazardInspectionId: r.hazard_inspection_id === null ? null : Number(r.hazard_inspection_id),
        }
      : null,
});

/**
 * The reports of the reader's units: the unreviewed ones (oldest first) with their count, and the latest
 * reviewed ones.
 */
export async function listStationReports(
  db: Db,
  p: { scope: UnitScope; limit?: number },
): Promise<{ unreviewedCount: number; unreviewed: StationReportRow[]; reviewed: StationReportRow[] }> {
  const scoped = (q: ReturnType<typeof base>) => {
    if (p.scope.all) return q;
    const { brigadeIds, stationIds } = p.scope;
    return q.where((eb) =>
      eb.or([
        ...(brigadeIds.length ? [eb('e.brigade_id', 'in', brigadeIds)] : []),
        ...(stationIds.length ? [eb('e.station_id', 'in', stationIds)] : []),
        eb.val(false),
      ]),
    );
  };
  const limit = p.limit ?? 200;
  const unreviewed = await scoped(base(db))
    .where('r.reviewed_on', 'is', null)
    .orderBy('r.received_on')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  const reviewed = await scoped(base(db))
    .where('r.reviewed_on', 'is not', null)
    .orderBy('r.reviewed_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  let count = db
    .selectFrom('station_report as r')
    .innerJoin('entity as e', 'e.id', 'r.entity_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.reviewed_on', 'is', null);
  if (!p.scope.all) {
    const { brigadeIds, stationIds } = p.scope;
    count = count.where((eb) =>
      eb.or([
        ...(brigadeIds.length ? [eb('e.brigade_id', 'in', brigadeIds)] : []),
        ...(stationIds.length ? [eb('e.station_id', 'in', stationIds)] : []),
        eb.val(false),
      ]),
    );
  }
  const { n } = await count.executeTakeFirstOrThrow();
  return { unreviewedCount: Number(n), unreviewed: unreviewed.map(toRow), reviewed: reviewed.map(toRow) };
}

export async function findStationReport(db: Db, id: number): Promise<StationReportRow | undefined> {
  const r = await base(db).where('r.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

/** Active R04 agencies, by name, for the form. */
export async function listInspectionAgencies(
  db: Db,
): Promise<{ code: string; name: string; brigadeId: string; stationId: string | null }[]> {
  const rows = await db
    .selectFrom('entity')
    .select(['code', 'name', 'brigade_id', 'station_id'])
    .where('regime_code', '=', 'R04')
    .where('status', '=', 'active')
    .orderBy('name')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, brigadeId: r.brigade_id, stationId: r.station_id }));
}
