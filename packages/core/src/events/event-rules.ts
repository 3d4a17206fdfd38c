import type { RegimeCode } from '../regimes/entity-kinds.js';
import { compareIsoDates, isIsoDate, plusDays, type IsoDate } from '../shared/iso-date.js';

/**
 * R05 大型群众性活动 and R06 集会游行示威 (seed 四（五）/（六）): an application starts the work.
 *
 * - 三、监督检查方式 「事前踏勘现场」: a site survey BEFORE the event — planned on a day from the day the
 *   application is recorded to the day before the event starts. The seed names no lead time, and no
 *   statute's was verified here, so none is imposed: the survey goes on the earliest such day two
 *   officers are available (`EVENT_SURVEY_LEAD_SOURCE` says so in the data).
 * - 五、监督检查程序 「派出2名以上民警到活动现场进行监督检查」: the on-site duty takes at least two officers,
 *   for the whole event (`EVENT_MIN_ON_SITE_OFFICERS`).
 * - R06 一、监督检查对象 「本区申请集会游行示威的负责人和参加人员」: an assembly's application names its
 *   responsible person (负责人) and the expected participants; 二、监督检查内容 checks the permitted
 *   time, place and route, so R06 records the route as well.
 */
export const EVENT_REGIMES = ['R05', 'R06'] as const satisfies readonly RegimeCode[];
export type EventRegime = (typeof EVENT_REGIMES)[number];

export const isEventRegime = (r: string): r is EventRegime => (EVENT_REGIMES as readonly string[]).includes(r);

/** R05/R06 五、监督检查程序: 派出2名以上民警到活动现场进行监督检查. */
export const EVENT_MIN_ON_SITE_OFFICERS = 2;
/** The most officers one application puts on duty through this form (a larger operation is planned by hand). */
export const EVENT_MAX_ON_SITE_OFFICERS = 20;
/** Officers on the pre-event survey: two, as on every inspection of these regimes (出示执法证件, two officers). */
export const EVENT_SURVEY_OFFICERS = 2;

/** Where the survey's timing comes from, kept beside the rule (and shown on the event page). */
export const EVENT_SURVEY_LEAD_SOURCE = {
  clause: 'R05/R06 三、监督检查方式：事前踏勘现场',
  /** The seed says "before the event" only; no statutory lead time was verified. */
  statutoryLeadVerified: false,
} as const;

/** The inspection triggers an application creates (migration 0022 admits them). */
export const EVENT_SURVEY_TRIGGER = 'event_survey';
export const EVENT_DUTY_TRIGGER = 'event_duty';

export interface EventApplicationInput {
  regime: string;
  entityCode: string;
  place: string;
  /** Local (Asia/Shanghai) start and end, `YYYY-MM-DDTHH:MM`. */
  startsAt: string;
  endsAt: string;
  expectedSize: number;
  /** R06: the responsible person (负责人). */
  representative?: string | null;
  /** R06: the route of a procession. */
  route?: string | null;
  onSiteOfficers: number;
}

export type EventApplicationErrorCode =
  | 'regime_not_event'
  | 'required'
  | 'bad_datetime'
  | 'ends_before_start'
  | 'no_day_for_survey'
  | 'bad_size'
  | 'too_few_officers'
  | 'too_many_officers';

export interface EventApplicationError {
  field: keyof EventApplicationInput;
  code: EventApplicationErrorCode;
}

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;

/** The day of a local `YYYY-MM-DDTHH:MM`, or null when it is not one. */
export function eventDayOf(localDateTime: string): IsoDate | null {
  const m = LOCAL_DATETIME.exec(localDateTime);
  return m && isIsoDate(m[1]) ? m[1] : null;
}

/**
 * Every reason an application cannot be recorded on `today` (empty: it can), each naming its field.
 * The survey needs a day before the event (事前踏勘现场): an event starting today or earlier is refused.
 */
export function checkEventApplication(input: EventApplicationInput, today: IsoDate): EventApplicationError[] {
  const errors: EventApplicationError[] = [];
  if (!isEventRegime(input.regime)) errors.push({ field: 'regime', code: 'regime_not_event' });
  if (input.entityCode.trim() === '') errors.push({ field: 'entityCode', code: 'required' });
  if (input.place.trim() === '') errors.push({ field: 'place', code: 'required' });
  const start = eventDayOf(input.startsAt);
  const end = eventDayOf(input.endsAt);
  if (start === null) errors.push({ field: 'startsAt', code: 'bad_datetime' });
  if (end === null) errors.push({ field: 'endsAt', code: 'bad_datetime' });
  if (start !== null && end !== null && input.endsAt <= input.startsAt)
    errors.push({ field: 'endsAt', code: 'ends_before_start' });
  if (start !== null && compareIsoDates(start, today) <= 0) errors.push({ field: 'startsAt', code: 'no_day_for_survey' });
  if (!Number.isInteger(input.expectedSize) || input.expectedSize < 1) errors.push({ field: 'expectedSize', code: 'bad_size' });
  if (input.regime === 'R06' && (input.representative ?? '').trim() === '')
    errors.push({ field: 'representative', code: 'required' });
  if (!Number.isInteger(input.onSiteOfficers) || input.onSiteOfficers < EVENT_MIN_ON_SITE_OFFICERS)
    errors.push({ field: 'onSiteOfficers', code: 'too_few_officers' });
  else if (input.onSiteOfficers > EVENT_MAX_ON_SITE_OFFICERS) errors.push({ field: 'onSiteOfficers', code: 'too_many_officers' });
  return errors;
}

/** The days the survey may be planned on, earliest first: `today` … the day before the event (事前). */
export function eventSurveyDays(today: IsoDate, eventStartDay: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = today; compareIsoDates(d, eventStartDay) < 0; d = plusDays(d, 1)) days.push(d);
  return days;
}

/** A planned inspection of the application: its day(s) and officers. */
export interface EventVisit {
  on: IsoDate;
  through: IsoDate;
  officerIds: number[];
}

export interface EventStaffingPlan {
  survey: EventVisit | null;
  duty: EventVisit | null;
}

/**
 * Plans the survey and the on-site duty from the officers the roster rules rank for a question
 * (`rank`: core's availability rule and load order, over the entity's responsible unit). The survey
 * takes the earliest survey day with two officers; the duty the first `onSiteOfficers` (at least 2)
 * officers available through every day of the event. A part with too few officers is null (the
 * caller refuses the application: nothing is stored).
 */
export function planEventStaffing(input: {
  today: IsoDate;
  startDay: IsoDate;
  endDay: IsoDate;
  onSiteOfficers: number;
  /** The `need` officers the roster rules put first for the day(s), or null when fewer are available. */
  rank: (q: { on: IsoDate; through: IsoDate }, need: number) => number[] | null;
}): EventStaffingPlan {
  let survey: EventVisit | null = null;
  for (const day of eventSurveyDays(input.today, input.startDay)) {
    const ids = input.rank({ on: day, through: day }, EVENT_SURVEY_OFFICERS);
    if (ids) {
      survey = { on: day, through: day, officerIds: ids };
      break;
    }
  }
  const need = Math.max(EVENT_MIN_ON_SITE_OFFICERS, input.onSiteOfficers);
  const dutyIds = input.rank({ on: input.startDay, through: input.endDay }, need);
  return { survey, duty: dutyIds ? { on: input.startDay, through: input.endDay, officerIds: dutyIds } : null };
}

/** The security plan's review (R05 二、监督检查内容: 安全许可申请材料; 四、监督检查措施: 整改). */
export const SECURITY_PLAN_DECISIONS = ['approved', 'changes_required'] as const;
export type SecurityPlanDecision = (typeof SECURITY_PLAN_DECISIONS)[number];
