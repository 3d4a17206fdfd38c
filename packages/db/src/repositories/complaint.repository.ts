import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * Complaints and reports (issue 13 §4). Every read here leaves the informant out, except
 * `readInformant`, which only the complaints use-case calls (for the complaints officer, audited).
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface ComplaintRow {
  id: number;
  number: string;
  channel: string;
  regime: string;
  brigadeId: string;
  entity: { code: string; name: string; stationId: string | null } | null;
  place: string | null;
  content: string;
  receivedOn: string;
  replyDays: number;
  replyDueOn: string;
  assignedOfficer: { code: string; name: string } | null;
  inspectionId: number | null;
  /** The case (案件) the complaint became when its inspection was opened (issue 13 §5). */
  case: { id: number; number: string } | null;
  status: string;
  reply: string | null;
  repliedOn: string | null;
  /** Whether an identity was left (never what it is). */
  hasInformant: boolean;
}

function complaintQuery(db: Db) {
  return db
    .selectFrom('complaint as c')
    .leftJoin('entity as e', 'e.id', 'c.entity_id')
    .leftJoin('officer as o', 'o.id', 'c.assigned_officer_id')
    .leftJoin('supervision_case as sc', 'sc.complaint_id', 'c.id')
    .select((eb) => [
      'c.id',
      'c.number',
      'c.channel',
      'c.regime_code',
      'c.brigade_id',
      'e.code as entityCode',
      'e.name as entityName',
      'e.station_id as entityStationId',
      'c.place',
      'c.content',
      'c.received_on',
      'c.reply_days',
      'c.reply_due_on',
      'o.code as officerCode',
      'o.name as officerName',
      'c.inspection_id',
      'sc.id as caseId',
      'sc.number as caseNumber',
      'c.status',
      'c.reply',
      'c.replied_on',
      eb
        .exists(eb.selectFrom('complaint_informant as ci').select('ci.complaint_id').whereRef('ci.complaint_id', '=', 'c.id'))
        .as('hasInformant'),
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof complaintQuery>['execute']>>[number];

const toRow = (r: Raw): ComplaintRow => ({
  id: Number(r.id),
  number: r.number,
  channel: r.channel,
  regime: r.regime_code,
  brigadeId: r.brigade_id,
  entity: r.entityCode && r.entityName ? { code: r.entityCode, name: r.entityName, stationId: r.entityStationId } : null,
  place: r.place,
  content: r.content,
  receivedOn: r.received_on,
  replyDays: r.reply_days,
  replyDueOn: r.reply_due_on,
  assignedOfficer: r.officerCode && r.officerName ? { code: r.officerCode, name: r.officerName } : null,
  inspectionId: r.inspection_id === null ? null : Number(r.inspection_id),
  case: r.caseId !== null && r.caseNumber !== null ? { id: Number(r.caseId), number: r.caseNumber } : null,
  status: r.status,
  reply: r.reply,
  repliedOn: r.replied_on,
  hasInformant: Boolean(r.hasInformant),
});

/** Complaints of the given regimes, open ones first by due date, then the newest; at most `limit`. */
export async function listComplaints(db: Db, p: { regimes: readonly string[]; limit?: number }): Promise<ComplaintRow[]> {
  if (p.regimes.length === 0) return [];
  const rows = await complaintQuery(db)
    .where('c.regime_code', 'in', p.regimes)
    .orderBy(sql`c.status = 'open'`, 'desc')
    .orderBy('c.reply_due_on')
    .orderBy('c.id', 'desc')
    .limit(p.limit ?? 200)
    .execute();
  return rows.map(toRow);
}

export async function findComplaint(db: Db, id: number): Promise<ComplaintRow | undefined> {
  const r = await complaintQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function complaintReplyDays(db: Db): Promise<number | null> {
  const row = await db.selectFrom('service_setting').select('complaint_reply_days').executeTakeFirst();
  return row ? row.complaint_reply_days : null;
}

/** Writes the configured reply period (the use-case checks who may, and audits). */
export async function writeComplaintReplyDays(trx: Transaction<DB>, days: number, byUserId: number | null): Promise<void> {
  await trx
    .updateTable('service_setting')
    .set({ complaint_reply_days: days, updated_by: byUserId, updated_at: new Date() })
    .execute();
}

export async function nextComplaintSequence(trx: Transaction<DB>): Promise<number> {
  const r = await sql<{ n: string }>`select nextval('complaint_number_seq') as n`.execute(trx);
  return Number(r.rows[0]!.n);
}

export async function insertComplaint(
  trx: Transaction<DB>,
  v: {
    number: string;
    channel: string;
    regime: string;
    brigadeId: string;
    place: string | null;
    content: string;
    receivedAt: Date;
    receivedOn: string;
    replyDays: number;
    replyDueOn: string;
    createdBy: number | null;
    informant: { name: string | null; phone: string | null } | null;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('complaint')
    .values({
      number: v.number,
      channel: v.channel,
      regime_code: v.regime,
      brigade_id: v.brigadeId,
      place: v.place,
      content: v.content,
      received_at: v.receivedAt,
      received_on: v.receivedOn,
      reply_days: v.replyDays,
      reply_due_on: v.replyDueOn,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (v.informant)
    await trx
      .insertInto('complaint_informant')
      .values({ complaint_id: id, ...v.informant })
      .execute();
  return Number(id);
}

/** The informant's identity: ONLY for the complaints use-case's audited view. */
export async function readInformant(db: Db, complaintId: number): Promise<{ name: string | null; phone: string | null } | null> {
  const r = await db
    .selectFrom('complaint_informant')
    .select(['name', 'phone'])
    .where('complaint_id', '=', complaintId)
    .executeTakeFirst();
  return r ?? null;
}

/** Open complaints (for the alert scan), by id, keyset paged: no informant, no content. */
export async function openComplaintsForAlerts(
  db: Db,
  p: { afterId: number; limit: number },
): Promise<{ id: number; regime: string; brigadeId: string; replyDueOn: string; inspectionId: number | null; status: string }[]> {
  const rows = await db
    .selectFrom('complaint')
    .select(['id', 'regime_code', 'brigade_id', 'reply_due_on', 'inspection_id', 'status'])
    .where('status', '=', 'open')
    .where('id', '>', p.afterId)
    .orderBy('id')
    .limit(p.limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    regime: r.regime_code,
    brigadeId: r.brigade_id,
    replyDueOn: r.reply_due_on,
    inspectionId: r.inspection_id === null ? null : Number(r.inspection_id),
    status: r.status,
  }));
}
