import { compareIsoDates, isIsoDate, plusDays, type IsoDate } from '../shared/iso-date.js';

/**
 * R02 占道施工 (seed 四（二）, 交通警察大队): an approved road-occupation permit (审批占道施工方案) starts the
 * supervision of the works.
 *
 * - 五、监督检查程序 1 「按照审批占道施工方案对占道施工现场进行日常巡查」: routine patrols of the site while the
 *   works last. The seed names NO frequency, and none was verified in a statute: the interval is
 *   configurable per permit (default `ROAD_PERMIT_PATROL_SOURCE.defaultEveryDays`) and every page that
 *   shows it says it is unverified. Patrols are planned only inside the works' dates: none after the end.
 * - 二、监督检查内容 3 「是否按照施工方案按期完工，有无存在逾期施工、超面积围挡现象」: the two flags, works past
 *   their end date (逾期施工) and beyond the approved area (超面积围挡).
 * - 六、监督检查处理 1 「下达整改通知书，责令其立即停工整改」 and 2 「对情节严重或逾期不按规定整改的违规施工单位，
 *   及时通报建设、城管等部门作出进一步处理」: the measures recorded on the permit.
 */
export const ROAD_PERMIT_REGIME = 'R02';

/** Where the patrol interval comes from, kept beside the rule (and shown on the permit pages). */
export const ROAD_PERMIT_PATROL_SOURCE = {
  clause: 'R02 五、监督检查程序 1：按照审批占道施工方案对占道施工现场进行日常巡查',
  /** The seed says 日常巡查 (routine patrol) only; no interval was verified. */
  statutoryVerified: false,
  /** The default interval between patrols, in calendar days — a bureau setting, not a rule of the seed. */
  defaultEveryDays: 7,
  minEveryDays: 1,
  maxEveryDays: 31,
} as const;

/**
 * Officers on a patrol: two, the bureau's practice for an inspection on site (出示执法证件, a record signed
 * by two). R02 is not among the regimes whose procedure clause names two (R03, R05 …), so this is practice,
 * not a clause of the seed.
 */
export const ROAD_PERMIT_PATROL_OFFICERS = 2;

/** The inspection trigger of a patrol (already admitted by the inspection table). */
export const ROAD_PERMIT_PATROL_TRIGGER = 'patrol';

export interface RoadPermitInput {
  /** The construction unit (占道施工单位) as registered under R02. */
  entityCode: string;
  /** The approval's number (审批文号). */
  approvalNo: string;
  /** The approved construction plan (施工方案): what is built, how the site is fenced and signed. */
  plan: string;
  /** The road section occupied (路段). */
  location: string;
  /** The approved area (占道范围), in square metres. */
  areaSqm: number;
  startsOn: string;
  endsOn: string;
  /** Days between patrols (configurable: the seed gives none). */
  patrolEveryDays: number;
}

export type RoadPermitFieldErrorCode =
  'required' | 'bad_date' | 'ends_before_start' | 'already_ended' | 'bad_area' | 'bad_interval';

export interface RoadPermitFieldError {
  field: keyof RoadPermitInput;
  code: RoadPermitFieldErrorCode;
}

/** Every reason a permit cannot be entered on `today` (empty: it can), each naming its field. */
export function checkRoadPermit(input: RoadPermitInput, today: IsoDate): RoadPermitFieldError[] {
  const errors: RoadPermitFieldError[] = [];
  for (const f of ['entityCode', 'approvalNo', 'plan', 'location'] as const)
    if (input[f].trim() === '') errors.push({ field: f, code: 'required' });
  if (!Number.isFinite(input.areaSqm) || input.areaSqm <= 0 || input.areaSqm > 1_000_000)
    errors.push({ field: 'areaSqm', code: 'bad_area' });
  const start = isIsoDate(input.startsOn) ? input.startsOn : null;
  const end = isIsoDate(input.endsOn) ? input.endsOn : null;
  if (!start) errors.push({ field: 'startsOn', code: 'bad_date' });
  if (!end) errors.push({ field: 'endsOn', code: 'bad_date' });
  if (start && end && compareIsoDates(end, start) < 0) errors.push({ field: 'endsOn', code: 'ends_before_start' });
  else if (end && compareIsoDates(end, today) < 0) errors.push({ field: 'endsOn', code: 'already_ended' });
  if (!checkPatrolInterval(input.patrolEveryDays)) errors.push({ field: 'patrolEveryDays', code: 'bad_interval' });
  return errors;
}

export const checkPatrolInterval = (n: number): boolean =>
  Number.isInteger(n) && n >= ROAD_PERMIT_PATROL_SOURCE.minEveryDays && n <= ROAD_PERMIT_PATROL_SOURCE.maxEveryDays;

/** A window one patrol is planned in: the first day in it two officers are available. */
export interface PatrolSlot {
  from: IsoDate;
  to: IsoDate;
}

/**
 * The patrol windows of the works from `from` (the later of the start and today) to the end, one every
 * `everyDays` days; the last one is cut at the end day, so no patrol ever falls after the works end.
 */
export function patrolSlots(from: IsoDate, endsOn: IsoDate, everyDays: number): PatrolSlot[] {
  if (!checkPatrolInterval(everyDays)) throw new RangeError(`patrol interval ${everyDays} out of range`);
  const slots: PatrolSlot[] = [];
  for (let d = from; compareIsoDates(d, endsOn) <= 0; d = plusDays(d, everyDays)) {
    const last = plusDays(d, everyDays - 1);
    slots.push({ from: d, to: compareIsoDates(last, endsOn) <= 0 ? last : endsOn });
  }
  return slots;
}

export interface PlannedPatrol {
  on: IsoDate;
  officerIds: number[];
}

/**
 * Plans one patrol per slot on the slot's earliest day with `ROAD_PERMIT_PATROL_OFFICERS` officers the
 * roster rules rank (`rank`: core's availability rule and load order). Returns the first slot without
 * officers when one has none (the caller refuses: nothing is stored).
 */
export function planPatrols(
  slots: readonly PatrolSlot[],
  rank: (day: IsoDate, need: number) => number[] | null,
): { ok: true; patrols: PlannedPatrol[] } | { ok: false; unstaffed: PatrolSlot } {
  const patrols: PlannedPatrol[] = [];
  for (const slot of slots) {
    let planned: PlannedPatrol | null = null;
    for (let d = slot.from; compareIsoDates(d, slot.to) <= 0; d = plusDays(d, 1)) {
      const ids = rank(d, ROAD_PERMIT_PATROL_OFFICERS);
      if (ids) {
        planned = { on: d, officerIds: ids };
        break;
      }
    }
    if (!planned) return { ok: false, unstaffed: slot };
    patrols.push(planned);
  }
  return { ok: true, patrols };
}

/** A patrol as stored, for deciding what a change of the permit cancels. */
export interface PatrolState {
  inspectionId: number;
  plannedOn: IsoDate;
  status: string;
  /** An officer has started its record on site: it is finished, never cancelled under them. */
  started: boolean;
}

/**
 * What a change of the works cancels: closing the permit (the works are over or revoked) cancels every
 * patrol not yet carried out; shortening cancels those planned after the new end day. A patrol whose
 * record was started stays (the officers are on site).
 */
export function patrolsToCancel(patrols: readonly PatrolState[], change: { close: true } | { newEndsOn: IsoDate }): number[] {
  return patrols
    .filter(
      (p) => p.status === 'planned' && !p.started && ('close' in change || compareIsoDates(p.plannedOn, change.newEndsOn) > 0),
    )
    .map((p) => p.inspectionId);
}

/** 二、监督检查内容 3: 逾期施工 (works past the end day) and 超面积围挡 (fenced beyond the approved area). */
export const ROAD_PERMIT_FLAG_KINDS = ['overdue', 'beyond_area'] as const;
export type RoadPermitFlagKind = (typeof ROAD_PERMIT_FLAG_KINDS)[number];
export const ROAD_PERMIT_FLAG_CLAUSE = 'R02 二、监督检查内容 3：有无存在逾期施工、超面积围挡现象';

export const isRoadPermitFlagKind = (v: string): v is RoadPermitFlagKind =>
  (ROAD_PERMIT_FLAG_KINDS as readonly string[]).includes(v);

/**
 * The permit's flags on `today`: those inspectors recorded on a patrol, and 逾期施工 by itself when the
 * permit is still open after its end day (the works were not reported finished).
 */
export function roadPermitFlags(p: {
  status: 'open' | 'closed' | string;
  endsOn: IsoDate;
  recorded: readonly RoadPermitFlagKind[];
  today: IsoDate;
}): RoadPermitFlagKind[] {
  const out = new Set<RoadPermitFlagKind>(p.recorded);
  if (p.status === 'open' && compareIsoDates(p.today, p.endsOn) > 0) out.add('overdue');
  return ROAD_PERMIT_FLAG_KINDS.filter((k) => out.has(k));
}

/** A flag is recorded on a patrol on or after its planned day (an officer saw it on site), never before. */
export function checkPatrolFlag(p: { kind: string; note: string; patrolPlannedOn: IsoDate; today: IsoDate }): string | null {
  if (!isRoadPermitFlagKind(p.kind)) return 'bad_kind';
  if (p.note.trim() === '') return 'note_required';
  if (compareIsoDates(p.today, p.patrolPlannedOn) < 0) return 'patrol_not_yet';
  return null;
}

/**
 * 六、监督检查处理: the measures recorded on the permit — the rectification notice (整改通知书), the order to
 * stop work at once (责令立即停工整改), and the referral to the construction or urban-management
 * department (通报建设、城管等部门).
 */
export const ROAD_PERMIT_MEASURES = ['notice', 'stop_work', 'referral'] as const;
export type RoadPermitMeasure = (typeof ROAD_PERMIT_MEASURES)[number];
export const ROAD_PERMIT_REFERRAL_TARGETS = ['construction', 'urban_management'] as const;
export type RoadPermitReferralTarget = (typeof ROAD_PERMIT_REFERRAL_TARGETS)[number];
export const ROAD_PERMIT_MEASURE_CLAUSE = 'R02 六、监督检查处理 1–2';

export interface RoadPermitMeasureInput {
  kind: string;
  referredTo?: string | null;
  /** 情节严重: the only ground for a referral before any notice or stop-work order. */
  serious?: boolean;
  note: string;
}

/**
 * Why a measure cannot be recorded (null: it can). 六 2: a referral is for a unit 情节严重 or one that did
 * not rectify after being told (逾期不按规定整改) — so it needs a notice or stop-work order on the permit
 * first, or the officer's statement that the case is serious.
 */
export function checkRoadPermitMeasure(
  input: RoadPermitMeasureInput,
  earlier: readonly RoadPermitMeasure[],
): { field: 'kind' | 'referredTo' | 'note' | 'serious'; code: string } | null {
  if (!(ROAD_PERMIT_MEASURES as readonly string[]).includes(input.kind)) return { field: 'kind', code: 'bad_kind' };
  if (input.note.trim() === '') return { field: 'note', code: 'required' };
  if (input.kind === 'referral') {
    if (!(ROAD_PERMIT_REFERRAL_TARGETS as readonly string[]).includes(input.referredTo ?? ''))
      return { field: 'referredTo', code: 'required' };
    if (!input.serious && !earlier.some((m) => m === 'notice' || m === 'stop_work'))
      return { field: 'serious', code: 'referral_needs_notice_or_serious' };
  } else if (input.referredTo) return { field: 'referredTo', code: 'only_for_referral' };
  return null;
}
