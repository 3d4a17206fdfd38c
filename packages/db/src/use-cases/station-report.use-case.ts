/**
 * R04 机动车检验机构 (issue 13 §3): the agencies' inspection reports (检验审核) and the video checks
 * (检验网络监管, 视频巡查) are recorded as they arrive and each is reviewed once by an officer: the checks of
 * core's `STATION_REPORT_CHECKS`, the outcome (合格标志 issued, or withheld and referred to 市质监局), the
 * findings. A hazard found opens an inspection of the agency, closed with the review (a desk review: no
 * one signs on site), whose hazard follows the existing rectification flow (/cases/[id]: notice,
 * service, review 复查). Scope is checked on the stored agency; each function is audited once.
 */
import {
  STATION_REPORT_CHECKS,
  STATION_REPORT_REGIME,
  can,
  checkStationReport,
  checkStationReview,
  type IsoDate,
  type Permission,
  type StationReportInput,
  type StationReportKind,
} from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';

export type StationReportErrorCode = 'STATIONREP-BAD-INPUT' | 'STATIONREP-NOT-FOUND' | 'STATIONREP-DENIED' | 'STATIONREP-STATE';

export class StationReportError extends Error {
  override readonly name = 'StationReportError';
  constructor(
    readonly code: StationReportErrorCode,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${code}${field ? ` ${field}` : ''}: ${reason}`);
  }
}

const refusal = (e: unknown) =>
  e instanceof StationReportError
    ? { denied: e.code === 'STATIONREP-DENIED', code: e.code, details: { field: e.field, reason: e.reason } }
    : null;

type Trx = Transaction<DB>;

function requireScope(
  actor: Actor,
  permission: Permission,
  unit: { brigadeId: string; stationId: string | null },
  field: string | null,
) {
  if (
    actor.principal !== null &&
    !can(actor.principal, permission, { regime: STATION_REPORT_REGIME, brigadeId: unit.brigadeId, stationId: unit.stationId })
  )
    throw new StationReportError('STATIONREP-DENIED', field, 'out_of_scope');
}

/** Records a report or video check as it arrives; nothing is stored when refused. */
export async function recordStationReport(
  db: Kysely<DB>,
  actor: Actor,
  input: StationReportInput,
  today: IsoDate,
): Promise<{ id: number }> {
  return runAudited(
    db,
    actor,
    'stationreport.record',
    { type: 'station_report', id: null },
    { entity: input.entityCode, kind: input.kind, receivedOn: input.receivedOn },
    async (trx: Trx) => {
      const errors = checkStationReport(input, today);
      if (errors.length > 0) throw new StationReportError('STATIONREP-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      const entity = await trx
        .selectFrom('entity')
        .select(['id', 'regime_code', 'brigade_id', 'station_id', 'status'])
        .where('code', '=', input.entityCode.trim())
        .executeTakeFirst();
      if (!entity || entity.status !== 'active')
        throw new StationReportError('STATIONREP-NOT-FOUND', 'entityCode', 'entity_not_found');
      if (entity.regime_code !== STATION_REPORT_REGIME)
        throw new StationReportError('STATIONREP-BAD-INPUT', 'entityCode', 'entity_not_of_regime');
      requireScope(actor, 'stationreports.record', { brigadeId: entity.brigade_id, stationId: entity.station_id }, 'entityCode');
      const report = input.kind === 'inspection_report';
      const { id } = await trx
        .insertInto('station_report')
        .values({
          entity_id: entity.id,
          kind: input.kind,
          received_on: input.receivedOn,
          plate: report ? input.plate!.trim() : null,
          report_no: report ? input.reportNo!.trim() : null,
          summary: input.summary.trim(),
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { result: { id: Number(id) }, entityId: Number(id), after: { kind: input.kind } };
    },
    refusal,
  );
}

export interface StationReviewInput {
  reportId: number;
  checks: Record<string, string>;
  outcome: string;
  findings: string;
  qualityBureauNotified: boolean;
  hazard: { severity: string; description: string } | null;
}

/**
 * The officer's review. With a hazard, an inspection of the agency is opened and closed with the review
 * (the reviewing officer on it) and the hazard stored on it, ready for its rectification notice.
 */
export async function reviewStationReport(
  db: Kysely<DB>,
  actor: Actor,
  input: StationReviewInput,
  today: IsoDate,
  now: Date,
): Promise<{ hazardInspectionId: number | null; hazardId: number | null }> {
  return runAudited(
    db,
    actor,
    'stationreport.review',
    { type: 'station_report', id: input.reportId },
    { outcome: input.outcome, hazard: input.hazard ? input.hazard.severity : null },
    async (trx: Trx) => {
      const r = await trx
        .selectFrom('station_report as r')
        .innerJoin('entity as e', 'e.id', 'r.entity_id')
        .select(['r.id', 'r.kind', 'r.reviewed_on', 'r.entity_id', 'e.brigade_id', 'e.station_id'])
        .where('r.id', '=', input.reportId)
        .forUpdate('r')
        .executeTakeFirst();
      if (!r) throw new StationReportError('STATIONREP-NOT-FOUND', 'reportId', 'report_not_found');
      requireScope(actor, 'stationreports.review', { brigadeId: r.brigade_id, stationId: r.station_id }, null);
      if (r.reviewed_on !== null) throw new StationReportError('STATIONREP-STATE', null, 'already_reviewed');
      const kind = r.kind as StationReportKind;
      const why = checkStationReview({ ...input, kind });
      if (why) throw new StationReportError('STATIONREP-BAD-INPUT', why.field, why.code);
      const checks = Object.fromEntries(STATION_REPORT_CHECKS[kind].map((k) => [k, input.checks[k]!]));
      let hazardInspectionId: number | null = null;
      let hazardId: number | null = null;
      if (input.hazard) {
        // The rectification flow needs the officer on the inspection (the case officer).
        const me =
          actor.id === null
            ? null
            : await trx.selectFrom('app_user').select('officer_id').where('id', '=', actor.id).executeTakeFirst();
        if (!me?.officer_id) throw new StationReportError('STATIONREP-DENIED', null, 'no_officer');
        const insp = await trx
          .insertInto('inspection')
          .values({
            entity_id: r.entity_id,
            regime_code: STATION_REPORT_REGIME,
            // 检验巡回/网络监管: the agency's supervision by patrol and video (no trigger of its own).
            trigger: 'patrol',
            planned_on: today,
            inspected_on: today,
            status: 'done',
            outcome: 'hazards_found',
            started_at: now,
            ended_at: now,
            closed_at: now,
            closed_by: actor.id,
            summary: input.findings.trim(),
            signature_status: 'absent',
            signature_note: `书面/视频审核（报告 #${input.reportId}），无现场签字 — desk review of report #${input.reportId}`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        hazardInspectionId = Number(insp.id);
        await trx
          .insertInto('inspection_officer')
          .values({ inspection_id: insp.id, officer_id: me.officer_id, assigned_by: 'manual', id_shown: false })
          .execute();
        const hz = await trx
          .insertInto('hazard')
          .values({
            inspection_id: insp.id,
            severity: input.hazard.severity,
            description: input.hazard.description.trim(),
            created_by: actor.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        hazardId = Number(hz.id);
      }
      await trx
        .updateTable('station_report')
        .set({
          reviewed_on: today,
          reviewed_by: actor.id,
          checks: JSON.stringify(checks),
          outcome: input.outcome,
          findings: input.findings.trim(),
          quality_bureau_notified: input.qualityBureauNotified,
          hazard_inspection_id: hazardInspectionId,
        })
        .where('id', '=', input.reportId)
        .execute();
      return {
        result: { hazardInspectionId, hazardId },
        after: { outcome: input.outcome, hazardInspectionId },
      };
    },
    refusal,
  );
}
