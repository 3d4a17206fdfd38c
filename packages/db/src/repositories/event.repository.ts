import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../generated/db.js';

/**
 * R05/R06 applications (issue 13 §2): the application row with its survey and duty inspections. The
 * use-case (`use-cases/event-application.use-case.ts`) checks, plans and audits; this file only reads
 * and writes rows.
 */
type Db = Kysely<DB> | Transaction<DB>;

export interface EventVisitRow {
  inspectionId: number;
  plannedOn: string;
  status: string;
  officers: { code: string; name: string }[];
}

export interface EventApplicationRow {
  id: number;
  regime: string;
  entity: { id: number; code: string; name: string; brigadeId: string; stationId: string | null };
  place: string;
  startsAt: string;
  endsAt: string;
  expectedSize: number;
  representative: string | null;
  route: string | null;
  onSiteOfficers: number;
  receivedOn: string;
  survey: EventVisitRow;
  duty: EventVisitRow;
  plan: { decision: string; opinion: string; reviewedOn: string } | null;
}

const local = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD"T"HH24:MI')`;

/** The applications, newest event first, of the given regimes (the caller's scope), at most `limit`. */
export async function listEventApplications(
  db: Db,
  p: { regimes: readonly string[]; limit?: number },
): Promise<EventApplicationRow[]> {
  if (p.regimes.length === 0) return [];
  const ids = await db
    .selectFrom('event_application')
    .select('id')
    .where('regime_code', 'in', p.regimes)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(p.limit ?? 200)
    .execute();
  return loadEventApplications(
    db,
    ids.map((r) => Number(r.id)),
  );
}

export async function findEventApplication(db: Db, id: number): Promise<EventApplicationRow | undefined> {
  return (await loadEventApplications(db, [id]))[0];
}

async function loadEventApplications(db: Db, ids: readonly number[]): Promise<EventApplicationRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('event_application as a')
    .innerJoin('entity as e', 'e.id', 'a.entity_id')
    .innerJoin('inspection as s', 's.id', 'a.survey_inspection_id')
    .innerJoin('inspection as d', 'd.id', 'a.duty_inspection_id')
    .select([
      'a.id',
      'a.regime_code',
      'e.id as entityId',
      'e.code as entityCode',
      'e.name as entityName',
      'e.brigade_id',
      'e.station_id',
      'a.place',
      local('a.starts_at').as('startsAt'),
      local('a.ends_at').as('endsAt'),
      'a.expected_size',
      'a.representative',
      'a.route',
      'a.on_site_officers',
      'a.received_on',
      's.id as surveyId',
      's.planned_on as surveyOn',
      's.status as surveyStatus',
      'd.id as dutyId',
      'd.planned_on as dutyOn',
      'd.status as dutyStatus',
      'a.plan_decision',
      'a.plan_opinion',
      'a.plan_reviewed_on',
    ])
    .where('a.id', 'in', ids)
    .execute();
  const inspectionIds = rows.flatMap((r) => [Number(r.surveyId), Number(r.dutyId)]);
  const officers = inspectionIds.length
    ? await db
        .selectFrom('inspection_officer as io')
        .innerJoin('officer as o', 'o.id', 'io.officer_id')
        .select(['io.inspection_id', 'o.code', 'o.name'])
        .where('io.inspection_id', 'in', inspectionIds)
        .orderBy('o.code')
        .execute()
    : [];
  const on = (id: number) => officers.filter((o) => Number(o.inspection_id) === id).map((o) => ({ code: o.code, name: o.name }));
  const byId = new Map(
    rows.map((r): [number, EventApplicationRow] => [
      Number(r.id),
      {
        id: Number(r.id),
        regime: r.regime_code,
        entity: {
          id: Number(r.entityId),
          code: r.entityCode,
          name: r.entityName,
          brigadeId: r.brigade_id,
          stationId: r.station_id,
        },
        place: r.place,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        expectedSize: r.expected_size,
        representative: r.representative,
        route: r.route,
        onSiteOfficers: r.on_site_officers,
        receivedOn: r.received_on,
        survey: {
          inspectionId: Number(r.surveyId),
          plannedOn: r.surveyOn,
          status: r.surveyStatus,
          officers: on(Number(r.surveyId)),
        },
        duty: { inspectionId: Number(r.dutyId), plannedOn: r.dutyOn, status: r.dutyStatus, officers: on(Number(r.dutyId)) },
        plan:
          r.plan_decision && r.plan_opinion && r.plan_reviewed_on
            ? { decision: r.plan_decision, opinion: r.plan_opinion, reviewedOn: r.plan_reviewed_on }
            : null,
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One planned inspection of an application with its officers (assigned by the roster rules). */
export async function insertEventInspection(
  trx: Transaction<DB>,
  v: {
    entityId: number;
    regime: string;
    trigger: 'event_survey' | 'event_duty';
    plannedOn: string;
    officerIds: readonly number[];
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('inspection')
    .values({ entity_id: v.entityId, regime_code: v.regime, trigger: v.trigger, planned_on: v.plannedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('inspection_officer')
    .values(v.officerIds.map((officer_id) => ({ inspection_id: id, officer_id, assigned_by: 'roster' })))
    .execute();
  return Number(id);
}

export async function insertEventApplication(
  trx: Transaction<DB>,
  v: {
    regime: string;
    entityId: number;
    place: string;
    startsAt: string;
    endsAt: string;
    expectedSize: number;
    representative: string | null;
    route: string | null;
    onSiteOfficers: number;
    receivedOn: string;
    surveyInspectionId: number;
    dutyInspectionId: number;
    createdBy: number | null;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('event_application')
    .values({
      regime_code: v.regime,
      entity_id: v.entityId,
      place: v.place,
      starts_at: v.startsAt.replace('T', ' '),
      ends_at: v.endsAt.replace('T', ' '),
      expected_size: v.expectedSize,
      representative: v.representative,
      route: v.route,
      on_site_officers: v.onSiteOfficers,
      received_on: v.receivedOn,
      survey_inspection_id: v.surveyInspectionId,
      duty_inspection_id: v.dutyInspectionId,
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function writeSecurityPlanReview(
  trx: Transaction<DB>,
  v: { applicationId: number; decision: string; opinion: string; reviewedOn: string; byUserId: number | null },
): Promise<void> {
  await trx
    .updateTable('event_application')
    .set({ plan_decision: v.decision, plan_opinion: v.opinion, plan_reviewed_on: v.reviewedOn, plan_reviewed_by: v.byUserId })
    .where('id', '=', v.applicationId)
    .execute();
}

/** Active organisers (R05/R06 entities) of the given regimes, by name, for the application form. */
export async function listEventOrganisers(
  db: Db,
  regimes: readonly string[],
): Promise<{ code: string; name: string; regime: string; brigadeId: string; stationId: string | null }[]> {
  if (regimes.length === 0) return [];
  const rows = await db
    .selectFrom('entity')
    .select(['code', 'name', 'regime_code', 'brigade_id', 'station_id'])
    .where('regime_code', 'in', regimes)
    .where('status', '=', 'active')
    .orderBy('regime_code')
    .orderBy('name')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    regime: r.regime_code,
    brigadeId: r.brigade_id,
    stationId: r.station_id,
  }));
}
