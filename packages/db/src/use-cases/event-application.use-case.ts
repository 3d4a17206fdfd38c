/**
 * R05 大型群众性活动 / R06 集会游行示威 (issue 13 §2): a scheduler records an application, and the
 * pre-event site survey (事前踏勘现场) and the on-site duty of at least two officers (派出2名以上民警到
 * 活动现场) are planned at once from the roster rules (core `rankAvailableOfficers`: the availability
 * rule, least loaded first) over the organiser's responsible unit (station, else brigade). The
 * officers then find both in My tasks. The security plan's review is recorded by an officer on the
 * survey. Web page, JSON API and CLI call these functions; each is audited once (runAudited).
 */
import {
  EVENT_DUTY_TRIGGER,
  EVENT_SURVEY_TRIGGER,
  SECURITY_PLAN_DECISIONS,
  can,
  checkEventApplication,
  eventDayOf,
  officerServesEntity,
  planEventStaffing,
  rankAvailableOfficers,
  type EventApplicationInput,
  type IsoDate,
} from '@supervise/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../generated/db.js';
import { insertEventApplication, insertEventInspection, writeSecurityPlanReview } from '../repositories/event.repository.js';
import { loadRosterContext } from '../repositories/roster.repository.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';

export type EventErrorCode =
  'EVENT-BAD-INPUT' | 'EVENT-NOT-FOUND' | 'EVENT-DENIED' | 'EVENT-NO-SURVEY-OFFICERS' | 'EVENT-NO-DUTY-OFFICERS' | 'EVENT-STATE';

/** A refusal: a code, the field it concerns and a reason code (the web app words it). */
export class EventError extends Error {
  override readonly name = 'EventError';
  constructor(
    readonly code: EventErrorCode,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${code}${field ? ` ${field}` : ''}: ${reason}`);
  }
}

const refusal = (e: unknown) =>
  e instanceof EventError
    ? { denied: e.code === 'EVENT-DENIED', code: e.code, details: { field: e.field, reason: e.reason } }
    : null;

export interface RecordedEventApplication {
  id: number;
  surveyInspectionId: number;
  surveyOn: IsoDate;
  dutyInspectionId: number;
  dutyOn: IsoDate;
  surveyOfficerIds: number[];
  dutyOfficerIds: number[];
}

type Trx = Transaction<DB>;

/** Records the application and plans its survey and on-site duty; nothing is stored when any part is refused. */
export async function recordEventApplication(
  db: Kysely<DB>,
  actor: Actor,
  input: EventApplicationInput,
  today: IsoDate,
): Promise<RecordedEventApplication> {
  return runAudited(
    db,
    actor,
    'event.application.record',
    { type: 'event_application', id: null },
    { regime: input.regime, entity: input.entityCode },
    async (trx) => {
      const errors = checkEventApplication(input, today);
      if (errors.length > 0) throw new EventError('EVENT-BAD-INPUT', errors[0]!.field, errors[0]!.code);
      const entity = await trx
        .selectFrom('entity')
        .select(['id', 'regime_code', 'brigade_id', 'station_id', 'status'])
        .where('code', '=', input.entityCode.trim())
        .executeTakeFirst();
      if (!entity || entity.status !== 'active') throw new EventError('EVENT-NOT-FOUND', 'entityCode', 'entity_not_found');
      if (entity.regime_code !== input.regime) throw new EventError('EVENT-BAD-INPUT', 'entityCode', 'entity_not_of_regime');
      // Scope on what is written: the organiser's regime, brigade and station.
      if (
        actor.principal !== null &&
        !can(actor.principal, 'events.manage', {
          regime: entity.regime_code,
          brigadeId: entity.brigade_id,
          stationId: entity.station_id,
        })
      )
        throw new EventError('EVENT-DENIED', 'entityCode', 'out_of_scope');
      const startDay = eventDayOf(input.startsAt)!;
      const endDay = eventDayOf(input.endsAt)!;
      const entityId = Number(entity.id);
      const ctx = await loadRosterContext(trx, {
        windowStart: today,
        windowEnd: endDay,
        entities: [{ entityId, brigadeId: entity.brigade_id, stationId: entity.station_id }],
      });
      const unit = { brigadeId: entity.brigade_id, stationId: entity.station_id };
      // The responsible unit's officers: the station's when the entity has one, else (or when the
      // station has too few) the brigade's — as the census roster does.
      const pools = [
        ...(entity.station_id ? [ctx.officers.filter((o) => o.stationId === entity.station_id)] : []),
        ctx.officers.filter((o) => !o.stationId && officerServesEntity(o, { brigadeId: unit.brigadeId, stationId: null })),
      ];
      const load = (id: number) => ctx.officerLoad.get(id) ?? 0;
      const plan = planEventStaffing({
        today,
        startDay,
        endDay,
        onSiteOfficers: input.onSiteOfficers,
        rank: (q, need) => {
          for (const pool of pools) {
            const ok = rankAvailableOfficers(pool, { entityId, ...q }, load);
            if (ok.length >= need) return ok.slice(0, need).map((o) => o.id);
          }
          return null;
        },
      });
      if (!plan.survey) throw new EventError('EVENT-NO-SURVEY-OFFICERS', 'startsAt', 'no_survey_officers');
      if (!plan.duty) throw new EventError('EVENT-NO-DUTY-OFFICERS', 'onSiteOfficers', 'no_duty_officers');
      const surveyInspectionId = await insertEventInspection(trx, {
        entityId,
        regime: input.regime,
        trigger: EVENT_SURVEY_TRIGGER,
        plannedOn: plan.survey.on,
        officerIds: plan.survey.officerIds,
      });
      const dutyInspectionId = await insertEventInspection(trx, {
        entityId,
        regime: input.regime,
        trigger: EVENT_DUTY_TRIGGER,
        plannedOn: plan.duty.on,
        officerIds: plan.duty.officerIds,
      });
      const id = await insertEventApplication(trx, {
        regime: input.regime,
        entityId,
        place: input.place.trim(),
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        expectedSize: input.expectedSize,
        representative: input.representative?.trim() || null,
        route: input.route?.trim() || null,
        onSiteOfficers: input.onSiteOfficers,
        receivedOn: today,
        surveyInspectionId,
        dutyInspectionId,
        createdBy: actor.id,
      });
      const result: RecordedEventApplication = {
        id,
        surveyInspectionId,
        surveyOn: plan.survey.on,
        dutyInspectionId,
        dutyOn: plan.duty.on,
        surveyOfficerIds: plan.survey.officerIds,
        dutyOfficerIds: plan.duty.officerIds,
      };
      return {
        result,
        entityId: id,
        after: { surveyInspectionId, surveyOn: plan.survey.on, dutyInspectionId, dutyOn: plan.duty.on },
      };
    },
    refusal,
  );
}

/** The security plan's review (R05 二、监督检查内容 / 四、监督检查措施), by an officer on the survey. */
export async function reviewSecurityPlan(
  db: Kysely<DB>,
  actor: Actor,
  input: { applicationId: number; decision: string; opinion: string },
  today: IsoDate,
): Promise<void> {
  await runAudited(
    db,
    actor,
    'event.plan.review',
    { type: 'event_application', id: input.applicationId },
    { decision: input.decision },
    async (trx: Trx) => {
      const app = await trx
        .selectFrom('event_application as a')
        .innerJoin('entity as e', 'e.id', 'a.entity_id')
        .select(['a.id', 'a.regime_code', 'a.survey_inspection_id', 'a.plan_decision', 'e.brigade_id', 'e.station_id'])
        .where('a.id', '=', input.applicationId)
        .forUpdate('a')
        .executeTakeFirst();
      if (!app) throw new EventError('EVENT-NOT-FOUND', 'applicationId', 'application_not_found');
      if (
        actor.principal !== null &&
        !can(actor.principal, 'events.review', { regime: app.regime_code, brigadeId: app.brigade_id, stationId: app.station_id })
      )
        throw new EventError('EVENT-DENIED', null, 'out_of_scope');
      if (actor.id !== null) {
        const onSurvey = await trx
          .selectFrom('inspection_officer as io')
          .innerJoin('app_user as u', 'u.officer_id', 'io.officer_id')
          .select('io.officer_id')
          .where('io.inspection_id', '=', app.survey_inspection_id)
          .where('u.id', '=', actor.id)
          .executeTakeFirst();
        if (!onSurvey) throw new EventError('EVENT-DENIED', null, 'not_on_survey');
      }
      if (app.plan_decision !== null) throw new EventError('EVENT-STATE', 'decision', 'already_reviewed');
      if (!(SECURITY_PLAN_DECISIONS as readonly string[]).includes(input.decision))
        throw new EventError('EVENT-BAD-INPUT', 'decision', 'bad_decision');
      const opinion = input.opinion.trim();
      if (opinion === '') throw new EventError('EVENT-BAD-INPUT', 'opinion', 'required');
      await writeSecurityPlanReview(trx, {
        applicationId: Number(app.id),
        decision: input.decision,
        opinion,
        reviewedOn: today,
        byUserId: actor.id,
      });
      return { result: undefined, after: { decision: input.decision } };
    },
    refusal,
  );
}
