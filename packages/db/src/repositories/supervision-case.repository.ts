import { caseNumber, type IsoDate } from '@supervise/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * Cases (案件, issue 13 §5): an incident recorded by an officer (R11–R13) or a complaint, the
 * inspection it opened and, through that inspection, its rectification notices and penalties. The
 * complaint's informant is never read here (complaint_informant stays the complaints use-case's).
 */
type Db = Kysely<DB> | Transaction<DB>;

export async function nextCaseNumber(trx: Transaction<DB>, today: IsoDate): Promise<string> {
  const r = await sql<{ n: string }>`select nextval('supervision_case_number_seq') as n`.execute(trx);
  return caseNumber(today, Number(r.rows[0]!.n));
}

/** The complaint's case, with its content, place and time of receipt as the case's what/where/when. */
export async function openCaseFromComplaint(
  trx: Transaction<DB>,
  p: {
    complaintId: number;
    regime: string;
    brigadeId: string;
    entityId: number;
    inspectionId: number;
    createdBy: number | null;
    today: IsoDate;
  },
): Promise<string> {
  const number = await nextCaseNumber(trx, p.today);
  await trx
    .insertInto('supervision_case')
    .columns([
      'number',
      'regime_code',
      'brigade_id',
      'source',
      'complaint_id',
      'entity_id',
      'what',
      'place',
      'occurred_at',
      'opened_on',
      'inspection_id',
      'created_by',
    ])
    .expression((eb) =>
      eb
        .selectFrom('complaint')
        .select((s) => [
          s.val(number).as('number'),
          s.val(p.regime).as('regime_code'),
          s.val(p.brigadeId).as('brigade_id'),
          s.val('complaint').as('source'),
          'complaint.id',
          s.val(p.entityId).as('entity_id'),
          'complaint.content',
          'complaint.place',
          sql<Date>`(complaint.received_at at time zone 'Asia/Shanghai')`.as('occurred_at'),
          s.val(p.today).as('opened_on'),
          s.val(p.inspectionId).as('inspection_id'),
          s.val(p.createdBy).as('created_by'),
        ])
        .where('complaint.id', '=', p.complaintId),
    )
    .execute();
  return number;
}

export interface CaseRow {
  id: number;
  number: string;
  regime: string;
  brigadeId: string;
  source: 'incident' | 'complaint';
  method: string | null;
  complaint: { id: number; number: string } | null;
  entity: { code: string; name: string; stationId: string | null };
  what: string;
  place: string | null;
  occurredAt: string;
  openedOn: string;
  inspection: { id: number; status: string; plannedOn: string; trigger: string } | null;
  status: 'open' | 'closed';
  conclusion: string | null;
  closedOn: string | null;
}

function caseQuery(db: Db) {
  return db
    .selectFrom('supervision_case as sc')
    .innerJoin('entity as e', 'e.id', 'sc.entity_id')
    .leftJoin('complaint as c', 'c.id', 'sc.complaint_id')
    .leftJoin('inspection as i', 'i.id', 'sc.inspection_id')
    .select([
      'sc.id',
      'sc.number',
      'sc.regime_code',
      'sc.brigade_id',
      'sc.source',
      'sc.method',
      'c.id as complaintId',
      'c.number as complaintNumber',
      'e.code as entityCode',
      'e.name as entityName',
      'e.station_id as entityStationId',
      'sc.what',
      'sc.place',
      sql<string>`to_char(sc.occurred_at, 'YYYY-MM-DD"T"HH24:MI')`.as('occurredAt'),
      'sc.opened_on',
      'i.id as inspectionId',
      'i.status as inspectionStatus',
      'i.planned_on as inspectionPlannedOn',
      'i.trigger as inspectionTrigger',
      'sc.status',
      'sc.conclusion',
      'sc.closed_on',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof caseQuery>['execute']>>[number];

const toRow = (r: Raw): CaseRow => ({
  id: Number(r.id),
  number: r.number,
  regime: r.regime_code,
  brigadeId: r.brigade_id,
  source: r.source as CaseRow['source'],
  method: r.method,
  complaint:
    r.complaintId !== null && r.complaintNumber !== null ? { id: Number(r.complaintId), number: r.complaintNumber } : null,
  entity: { code: r.entityCode, name: r.entityName, stationId: r.entityStationId },
  what: r.what,
  place: r.place,
  occurredAt: r.occurredAt,
  openedOn: r.opened_on,
  inspection:
    r.inspectionId !== null
      ? {
          id: Number(r.inspectionId),
          status: r.inspectionStatus!,
          plannedOn: r.inspectionPlannedOn!,
          trigger: r.inspectionTrigger!,
        }
      : null,
  status: r.status as CaseRow['status'],
  conclusion: r.conclusion,
  closedOn: r.closed_on,
});

/** Cases of the given regimes (open first, newest first); at most `limit`. */
export async function listCases(db: Db, p: { regimes: readonly string[]; limit?: number }): Promise<CaseRow[]> {
  if (p.regimes.length === 0) return [];
  const rows = await caseQuery(db)
    .where('sc.regime_code', 'in', p.regimes)
    .orderBy(sql`sc.status = 'open'`, 'desc')
    .orderBy('sc.id', 'desc')
    .limit(p.limit ?? 200)
    .execute();
  return rows.map(toRow);
}

export async function findCase(db: Db, id: number): Promise<CaseRow | undefined> {
  const r = await caseQuery(db).where('sc.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export interface CaseFileLine {
  kind: 'rectification' | 'penalty';
  id: number;
  label: string;
  status: string;
  on: string | null;
}

/** The notices and penalties of the case's inspection: its case file, as lines. */
export async function caseFileLines(db: Db, inspectionId: number): Promise<CaseFileLine[]> {
  const notices = await db
    .selectFrom('rectification as r')
    .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
    .select(['r.id', 'r.notice_no', 'r.status', 'r.deadline_on', 'r.extended_deadline_on'])
    .where('h.inspection_id', '=', inspectionId)
    .orderBy('r.id')
    .execute();
  const penalties = await db
    .selectFrom('penalty as p')
    .select(['p.id', 'p.violation_code', 'p.decided_on'])
    .where('p.inspection_id', '=', inspectionId)
    .orderBy('p.id')
    .execute();
  return [
    ...notices.map((n) => ({
      kind: 'rectification' as const,
      id: Number(n.id),
      label: n.notice_no,
      status: n.status,
      on: n.extended_deadline_on ?? n.deadline_on,
    })),
    ...penalties.map((p) => ({
      kind: 'penalty' as const,
      id: Number(p.id),
      label: p.violation_code,
      status: 'decided',
      on: p.decided_on,
    })),
  ];
}
