import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * Rectification notices, their frozen documents, extensions and review rounds (issue 10 §3). Reads
 * for the case page and the review page, the document number counter, and the row lookups the
 * rectification use-cases lock and check. Writes happen through `use-cases/rectification.use-case.ts`.
 */
type Db = Kysely<DB> | Transaction<DB>;

/**
 * The next number of a document prefix and year, taken atomically in the caller's transaction: the
 * counter row is created or incremented by one statement (concurrent issuers queue on the row). The
 * first number of a year continues after any number already stored for that prefix and year (demo or
 * imported notices), so a number is never taken twice.
 */
export async function takeDocumentNumber(trx: Transaction<DB>, prefix: string, year: number): Promise<number> {
  const head = `${prefix}〔${year}〕`;
  const pattern = `${head.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const tail = '〔[0-9]{4}〕([0-9]+)号$';
  const row = await sql<{ last_no: number }>`
    insert into document_counter (prefix, year, last_no)
    values (${prefix}, ${year}, 1 + coalesce((
      select max(substring(n from ${tail})::int) from (
        select notice_no as n from rectification where notice_no like ${pattern}
        union all select number from official_document where number like ${pattern}
      ) existing), 0))
    on conflict (prefix, year) do update set last_no = greatest(document_counter.last_no, excluded.last_no - 1) + 1
    returning last_no`.execute(trx);
  return row.rows[0]!.last_no;
}

/** The inspection with its entity, for scope checks and the notice's content. */
export async function findInspectionForCase(db: Db, inspectionId: number, opts: { lock?: boolean } = {}) {
  let q = db
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .innerJoin('brigade as b', 'b.id', 'e.brigade_id')
    .select([
      'i.id',
      'i.entity_id',
      'i.regime_code',
      'i.trigger',
      'i.status',
      'i.planned_on',
      'i.inspected_on',
      'i.ended_at',
      'i.closed_at',
      'i.summary',
      'e.code as entity_code',
      'e.name as entity_name',
      'e.address as entity_address',
      'e.contact_name as entity_head',
      'e.brigade_id',
      'e.station_id',
      'b.name_zh as brigade_zh',
    ])
    .where('i.id', '=', inspectionId);
  if (opts.lock) q = q.forUpdate('i');
  return q.executeTakeFirst();
}
export type CaseInspectionRow = NonNullable<Awaited<ReturnType<typeof findInspectionForCase>>>;

/** The officers on an inspection (name, code, credential, linked account). */
export async function inspectionOfficers(db: Db, inspectionId: number) {
  return db
    .selectFrom('inspection_officer as io')
    .innerJoin('officer as o', 'o.id', 'io.officer_id')
    .leftJoin('app_user as u', 'u.officer_id', 'o.id')
    .select(['o.id', 'o.code', 'o.name', 'o.credential_no', 'u.id as user_id'])
    .where('io.inspection_id', '=', inspectionId)
    .orderBy('o.code')
    .execute();
}

/** A rectification with its hazard, inspection and entity; locked for update when asked. */
export async function findRectification(db: Db, rectificationId: number, opts: { lock?: boolean } = {}) {
  let q = db
    .selectFrom('rectification as r')
    .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
    .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .leftJoin('official_document as d', 'd.rectification_id', 'r.id')
    .select([
      'r.id',
      'r.hazard_id',
      'r.notice_no',
      'r.status',
      'r.issued_on',
      'r.issued_by',
      'r.served_at',
      'r.served_on',
      'r.deadline_on',
      'r.extended_deadline_on',
      'r.deadline_rule',
      'r.period_started_on',
      'r.completed_on',
      'r.reviewed_on',
      'r.review_inspection_id',
      'h.description as hazard_description',
      'h.severity as hazard_severity',
      'i.id as inspection_id',
      'i.regime_code',
      'i.inspected_on',
      'i.ended_at',
      'e.id as entity_id',
      'e.brigade_id',
      'e.station_id',
      'd.id as document_id',
      'd.first_served_at',
      'd.content',
    ])
    .where('r.id', '=', rectificationId);
  if (opts.lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type RectificationRow = NonNullable<Awaited<ReturnType<typeof findRectification>>>;

/** Everything the case page shows about one inspection: its hazards and each notice's life. */
export async function caseFile(db: Db, inspectionId: number) {
  const inspection = await findInspectionForCase(db, inspectionId);
  if (!inspection) return null;
  const [officers, hazards] = await Promise.all([
    inspectionOfficers(db, inspectionId),
    db
      .selectFrom('hazard as h')
      .leftJoin('rectification as r', 'r.hazard_id', 'h.id')
      .leftJoin('official_document as d', 'd.rectification_id', 'r.id')
      .leftJoin('app_user as iu', 'iu.id', 'r.issued_by')
      .select([
        'h.id',
        'h.severity',
        'h.description',
        'h.fixed_on_spot',
        'r.id as rectification_id',
        'r.notice_no',
        'r.status',
        'r.issued_on',
        'r.issued_at',
        'iu.display_name as issued_by_name',
        'r.served_at',
        'r.served_on',
        'r.service_due_on',
        'r.served_late',
        'r.late_service_reason',
        'r.deadline_on',
        'r.extended_deadline_on',
        'r.deadline_rule',
        'r.period_started_on',
        'r.completed_on',
        'r.reviewed_on',
        'r.review_requested_on',
        'r.review_due_on',
        'r.review_inspection_id',
        'r.review_opinion',
        'r.review_note',
        'd.id as document_id',
        'd.first_served_at',
        'd.content_sha256',
      ])
      .where('h.inspection_id', '=', inspectionId)
      .orderBy('h.id')
      .execute(),
  ]);
  const rectIds = hazards.flatMap((h) => (h.rectification_id === null ? [] : [h.rectification_id]));
  const [extensions, reviews] = rectIds.length
    ? await Promise.all([
        db
          .selectFrom('rectification_extension as x')
          .leftJoin('app_user as ru', 'ru.id', 'x.requested_by')
          .leftJoin('app_user as du', 'du.id', 'x.decided_by')
          .select([
            'x.id',
            'x.rectification_id',
            'x.requested_on',
            'x.requested_deadline_on',
            'x.reason',
            'x.requested_by',
            'ru.display_name as requested_by_name',
            'x.status',
            'x.decided_on',
            'du.display_name as decided_by_name',
            'x.decision_note',
          ])
          .where('x.rectification_id', 'in', rectIds)
          .orderBy('x.id')
          .execute(),
        db
          .selectFrom('rectification_review as v')
          .leftJoin('app_user as ru', 'ru.id', 'v.requested_by')
          .leftJoin('app_user as bu', 'bu.id', 'v.reviewed_by')
          .select([
            'v.id',
            'v.rectification_id',
            'v.requested_on',
            'ru.display_name as requested_by_name',
            'v.request_note',
            'v.due_on',
            'v.due_rule',
            'v.inspection_id',
            'v.opinion',
            'v.note',
            'v.reviewed_on',
            'bu.display_name as reviewed_by_name',
            'v.new_deadline_on',
            'v.new_deadline_rule',
          ])
          .where('v.rectification_id', 'in', rectIds)
          .orderBy('v.id')
          .execute(),
      ])
    : [[], []];
  return { inspection, officers, hazards, extensions, reviews };
}
export type CaseFile = NonNullable<Awaited<ReturnType<typeof caseFile>>>;

/** A review round by its review inspection, with the notice it reviews. */
export async function findReviewByInspection(db: Db, inspectionId: number, opts: { lock?: boolean } = {}) {
  let q = db
    .selectFrom('rectification_review as v')
    .innerJoin('rectification as r', 'r.id', 'v.rectification_id')
    .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
    .select([
      'v.id',
      'v.rectification_id',
      'v.requested_on',
      'v.request_note',
      'v.due_on',
      'v.due_rule',
      'v.inspection_id',
      'v.opinion',
      'v.note',
      'v.reviewed_on',
      'v.new_deadline_on',
      'v.new_deadline_rule',
      'r.notice_no',
      'r.status as rectification_status',
      'r.deadline_on',
      'r.extended_deadline_on',
      'h.description as hazard_description',
      'h.severity as hazard_severity',
      'h.inspection_id as case_inspection_id',
    ])
    .where('v.inspection_id', '=', inspectionId);
  if (opts.lock) q = q.forUpdate('v');
  return q.executeTakeFirst();
}
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReviewByInspection>>>;

/** An official document with what its scope check needs (regime, brigade, station of the case). */
export async function findOfficialDocument(db: Db, documentId: number) {
  return db
    .selectFrom('official_document as d')
    .leftJoin('rectification as r', 'r.id', 'd.rectification_id')
    .leftJoin('hazard as h', 'h.id', 'r.hazard_id')
    .leftJoin('penalty as p', 'p.id', 'd.penalty_id')
    .leftJoin('inspection as i', (j) =>
      j.on((eb) => eb.or([eb('i.id', '=', eb.ref('h.inspection_id')), eb('i.id', '=', eb.ref('p.inspection_id'))])),
    )
    .innerJoin('entity as e', (j) => j.on((eb) => eb('e.id', '=', eb.fn.coalesce('i.entity_id', 'p.entity_id'))))
    .select((eb) => [
      'd.id',
      'd.kind',
      'd.number',
      'd.content',
      'd.content_sha256',
      'd.created_at',
      'd.first_served_at',
      'd.rectification_id',
      'd.penalty_id',
      'i.id as inspection_id',
      eb.fn.coalesce('i.regime_code', 'p.regime_code').as('regime_code'),
      'e.brigade_id',
      'e.station_id',
    ])
    .where('d.id', '=', documentId)
    .executeTakeFirst();
}
