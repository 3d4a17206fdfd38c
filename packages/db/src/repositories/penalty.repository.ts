import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, Json, OfficialDocument, Penalty } from '../generated/db.js';

/**
 * Penalties entered against a case (issue 10 §4): the case they rest on, the decision number's
 * counter, the penalty row and its frozen decision document. Written only through
 * `use-cases/penalty.use-case.ts`; every function takes the db (or a transaction) first.
 */

/** The inspection a penalty is entered against, with what the decision and the scope check need. */
export interface PenaltyCase {
  inspectionId: number;
  status: string;
  closedAt: Date | null;
  inspectedOn: string | null;
  regimeCode: string;
  entity: { id: number; code: string; name: string; address: string; brigadeId: string; stationId: string | null };
  officers: { id: number; code: string; name: string }[];
  rectifications: {
    id: number;
    noticeNo: string;
    deadlineOn: string;
    extendedDeadlineOn: string | null;
    completedOn: string | null;
    reviewOpinion: string | null;
    status: string;
    hazardSeverity: string;
    hazardDescription: string;
  }[];
}

export async function loadPenaltyCase(db: Kysely<DB>, inspectionId: number): Promise<PenaltyCase | null> {
  if (!Number.isSafeInteger(inspectionId) || inspectionId <= 0) return null;
  const row = await db
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .select([
      'i.id',
      'i.status',
      'i.closed_at',
      'i.inspected_on',
      'i.regime_code',
      'e.id as entity_id',
      'e.code as entity_code',
      'e.name as entity_name',
      'e.address',
      'e.brigade_id',
      'e.station_id',
    ])
    .where('i.id', '=', inspectionId)
    .executeTakeFirst();
  if (!row) return null;
  const [officers, rectifications] = await Promise.all([
    db
      .selectFrom('inspection_officer as io')
      .innerJoin('officer as o', 'o.id', 'io.officer_id')
      .select(['o.id', 'o.code', 'o.name'])
      .where('io.inspection_id', '=', inspectionId)
      .orderBy('o.code')
      .execute(),
    db
      .selectFrom('rectification as r')
      .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
      .select([
        'r.id',
        'r.notice_no',
        'r.deadline_on',
        'r.extended_deadline_on',
        'r.completed_on',
        'r.review_opinion',
        'r.status',
        'h.severity',
        'h.description',
      ])
      .where('h.inspection_id', '=', inspectionId)
      .orderBy('r.id')
      .execute(),
  ]);
  return {
    inspectionId: Number(row.id),
    status: row.status,
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    inspectedOn: row.inspected_on,
    regimeCode: row.regime_code,
    entity: {
      id: Number(row.entity_id),
      code: row.entity_code,
      name: row.entity_name,
      address: row.address,
      brigadeId: row.brigade_id,
      stationId: row.station_id,
    },
    officers: officers.map((o) => ({ id: Number(o.id), code: o.code, name: o.name })),
    rectifications: rectifications.map((r) => ({
      id: Number(r.id),
      noticeNo: r.notice_no,
      deadlineOn: r.deadline_on,
      extendedDeadlineOn: r.extended_deadline_on,
      completedOn: r.completed_on,
      reviewOpinion: r.review_opinion,
      status: r.status,
      hazardSeverity: r.severity,
      hazardDescription: r.description,
    })),
  };
}

/** The officer an account belongs to (null: none). */
export async function officerIdOfUser(db: Kysely<DB>, userId: number): Promise<number | null> {
  const row = await db.selectFrom('app_user').select('officer_id').where('id', '=', userId).executeTakeFirst();
  return row?.officer_id == null ? null : Number(row.officer_id);
}

/**
 * The next number of a document prefix in a year (1, 2, …), taken in the caller's transaction: the
 * counter row stays locked until it commits, so two decisions never share a number and a rolled-back
 * one gives its number back.
 */
export async function takeDocumentSequence(db: Kysely<DB>, prefix: string, year: number): Promise<number> {
  const row = await db
    .insertInto('document_counter')
    .values({ prefix, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'year']).doUpdateSet({ last_no: sql<number>`document_counter.last_no + 1` }))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return row.last_no;
}

export type NewPenaltyRow = Omit<Insertable<Penalty>, 'id' | 'created_at'>;

export async function insertPenaltyRow(db: Kysely<DB>, row: NewPenaltyRow): Promise<number> {
  const r = await db.insertInto('penalty').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertOfficialDocument(
  db: Kysely<DB>,
  row: Omit<Insertable<OfficialDocument>, 'id' | 'created_at'>,
): Promise<number> {
  const r = await db.insertInto('official_document').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export interface PenaltyListItem {
  id: number;
  number: string | null;
  violationCode: string;
  decidedOn: string;
  partyName: string | null;
  warning: boolean;
  fineFen: number;
  detentionDays: number;
  licenceRevoked: boolean;
  suspendBusiness: boolean;
}

/** The penalties of one inspection (its case), oldest first, with their decision numbers. */
export async function listPenaltiesOfCase(db: Kysely<DB>, inspectionId: number): Promise<PenaltyListItem[]> {
  const rows = await db
    .selectFrom('penalty as p')
    .leftJoin('official_document as d', 'd.penalty_id', 'p.id')
    .select([
      'p.id',
      'd.number',
      'p.violation_code',
      'p.decided_on',
      'p.party_name',
      'p.warning',
      'p.fine_fen',
      'p.detention_days',
      'p.licence_revoked',
      'p.suspend_business',
    ])
    .where('p.inspection_id', '=', inspectionId)
    .orderBy('p.decided_on')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    violationCode: r.violation_code,
    decidedOn: r.decided_on,
    partyName: r.party_name,
    warning: r.warning,
    fineFen: Number(r.fine_fen),
    detentionDays: r.detention_days,
    licenceRevoked: r.licence_revoked,
    suspendBusiness: r.suspend_business,
  }));
}

export interface PenaltyRecordView {
  id: number;
  inspectionId: number | null;
  rectificationId: number | null;
  entity: { code: string; name: string; brigadeId: string; stationId: string | null };
  regimeCode: string;
  violationCode: string;
  severity: string | null;
  party: { type: string | null; name: string | null };
  facts: string | null;
  warning: boolean;
  fineFen: number;
  individualFines: Json | null;
  detentionDays: number;
  licenceRevoked: boolean;
  suspendBusiness: boolean;
  inspectionFeesFen: number | null;
  harmOrSeriousThreat: boolean;
  hearingNotifiedOn: string | null;
  hearingRequested: boolean | null;
  hearingHeldOn: string | null;
  collectiveDiscussionOn: string | null;
  collectiveDiscussionNote: string | null;
  decidedOn: string;
  /** Issue 11: the day of the act, the article and version applied, the licence seizure, the legal review. */
  actOn: string | null;
  statuteArticle: string | null;
  statuteVersion: string | null;
  confiscateLicence: boolean;
  majorCase: boolean;
  legalReview: { reviewer: string; reviewedOn: string; article: string; approved: Json; opinion: string } | null;
  createdAt: Date;
  createdBy: string | null;
  document: { id: number; number: string; content: Json; contentSha256: string; firstServedAt: Date | null } | null;
}

/** One penalty with its decision document, or null. */
export async function findPenaltyRecord(db: Kysely<DB>, penaltyId: number): Promise<PenaltyRecordView | null> {
  if (!Number.isSafeInteger(penaltyId) || penaltyId <= 0) return null;
  const r = await db
    .selectFrom('penalty as p')
    .innerJoin('entity as e', 'e.id', 'p.entity_id')
    .leftJoin('official_document as d', 'd.penalty_id', 'p.id')
    .leftJoin('app_user as u', 'u.id', 'p.created_by')
    .select([
      'p.id',
      'p.inspection_id',
      'p.rectification_id',
      'e.code as entity_code',
      'e.name as entity_name',
      'e.brigade_id',
      'e.station_id',
      'p.regime_code',
      'p.violation_code',
      'p.severity',
      'p.party_type',
      'p.party_name',
      'p.facts',
      'p.warning',
      'p.fine_fen',
      'p.individual_fines',
      'p.detention_days',
      'p.licence_revoked',
      'p.suspend_business',
      'p.inspection_fees_fen',
      'p.harm_or_serious_threat',
      'p.hearing_notified_on',
      'p.hearing_requested',
      'p.hearing_held_on',
      'p.collective_discussion_on',
      'p.collective_discussion_note',
      'p.decided_on',
      'p.act_on',
      'p.statute_article',
      'p.statute_version',
      'p.confiscate_licence',
      'p.major_case',
      'p.legal_reviewer',
      'p.legal_reviewed_on',
      'p.legal_review_article',
      'p.legal_review_approved',
      'p.legal_review_opinion',
      'p.created_at',
      'u.username',
      'd.id as document_id',
      'd.number',
      'd.content',
      'd.content_sha256',
      'd.first_served_at',
    ])
    .where('p.id', '=', penaltyId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: Number(r.id),
    inspectionId: r.inspection_id === null ? null : Number(r.inspection_id),
    rectificationId: r.rectification_id === null ? null : Number(r.rectification_id),
    entity: { code: r.entity_code, name: r.entity_name, brigadeId: r.brigade_id, stationId: r.station_id },
    regimeCode: r.regime_code,
    violationCode: r.violation_code,
    severity: r.severity,
    party: { type: r.party_type, name: r.party_name },
    facts: r.facts,
    warning: r.warning,
    fineFen: Number(r.fine_fen),
    individualFines: r.individual_fines,
    detentionDays: r.detention_days,
    licenceRevoked: r.licence_revoked,
    suspendBusiness: r.suspend_business,
    inspectionFeesFen: r.inspection_fees_fen === null ? null : Number(r.inspection_fees_fen),
    harmOrSeriousThreat: r.harm_or_serious_threat,
    hearingNotifiedOn: r.hearing_notified_on,
    hearingRequested: r.hearing_requested,
    hearingHeldOn: r.hearing_held_on,
    collectiveDiscussionOn: r.collective_discussion_on,
    collectiveDiscussionNote: r.collective_discussion_note,
    decidedOn: r.decided_on,
    actOn: r.act_on,
    statuteArticle: r.statute_article,
    statuteVersion: r.statute_version,
    confiscateLicence: r.confiscate_licence,
    majorCase: r.major_case,
    // The 0018 check keeps the five review columns all present or all absent.
    legalReview:
      r.legal_reviewer === null ||
      r.legal_reviewed_on === null ||
      r.legal_review_article === null ||
      r.legal_review_approved === null ||
      r.legal_review_opinion === null
        ? null
        : {
            reviewer: r.legal_reviewer,
            reviewedOn: r.legal_reviewed_on,
            article: r.legal_review_article,
            approved: r.legal_review_approved,
            opinion: r.legal_review_opinion,
          },
    createdAt: new Date(r.created_at),
    createdBy: r.username,
    document:
      r.document_id === null || r.number === null || r.content_sha256 === null
        ? null
        : {
            id: Number(r.document_id),
            number: r.number,
            content: r.content as Json,
            contentSha256: r.content_sha256,
            firstServedAt: r.first_served_at === null ? null : new Date(r.first_served_at),
          },
  };
}
