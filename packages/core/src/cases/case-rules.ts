import { compareIsoDates, isIsoDate, type IsoDate } from '../shared/iso-date.js';

/**
 * Cases (案件, issue 13 §5) of the network-security brigade's regimes R11–R13, opened from an incident
 * an officer recorded or from a complaint, then carried through an inspection, rectification and
 * penalty like any other inspection's case file.
 *
 * How a problem is found, as the rulebook lists it (三、监督检查方式):
 * - R11 通过日常工作发现、举报投诉发现、现场实地检查、案事件倒查相结合的方式进行;
 * - R12 通过现场实地检查、日常工作发现、技术手段检测、案事件倒查等方式相结合进行;
 * - R13 通过日常工作发现、现场实地检查、技术手段检测、案事件倒查等方式相结合进行.
 * 举报投诉发现 is the complaint path (a case opened from a complaint), not an incident method.
 * Then (五、监督检查程序, R12/R13): 发现问题，及时通报；督促、指导责任单位落实整改；逾期整改不到位的，予以行政处罚;
 * R11 六: 依据《互联网上网服务营业场所管理条例》相关规定给予行政处罚.
 */
export const INCIDENT_REGIMES = ['R11', 'R12', 'R13'] as const;
export type IncidentRegime = (typeof INCIDENT_REGIMES)[number];

export const INCIDENT_METHODS = ['daily_work', 'site_check', 'technical', 'post_case'] as const;
export type IncidentMethod = (typeof INCIDENT_METHODS)[number];

/** Which methods each regime's 监督检查方式 names (R11 has no 技术手段检测). */
export const INCIDENT_METHODS_OF: Readonly<Record<IncidentRegime, readonly IncidentMethod[]>> = {
  R11: ['daily_work', 'site_check', 'post_case'],
  R12: ['daily_work', 'site_check', 'technical', 'post_case'],
  R13: ['daily_work', 'site_check', 'technical', 'post_case'],
};

export const isIncidentRegime = (regime: string): regime is IncidentRegime =>
  (INCIDENT_REGIMES as readonly string[]).includes(regime);

/**
 * The trigger of the inspection a case opens: 案事件倒查 is the post-case review the inspection table
 * already knows; a complaint is 'complaint'; a problem found in daily work, on site or by technical
 * detection is followed up on site, which the platform records as a patrol-type visit.
 */
export function caseInspectionTrigger(
  source: 'incident' | 'complaint',
  method: IncidentMethod | null,
): 'post_case' | 'complaint' | 'patrol' {
  if (source === 'complaint') return 'complaint';
  return method === 'post_case' ? 'post_case' : 'patrol';
}

/** The case's number: `AJ` + year + a six-digit sequence (案件编号). */
export function caseNumber(openedOn: IsoDate, sequence: number): string {
  return `AJ${openedOn.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}

export const INCIDENT_TEXT_MAX = 2000;
export const CASE_CONCLUSION_MAX = 2000;

export interface IncidentInput {
  regime: string;
  method: string;
  entityCode: string;
  what: string;
  place: string;
  /** Local date-time (Asia/Shanghai) as entered, `YYYY-MM-DDTHH:MM`. */
  occurredAt: string;
}

export type IncidentErrorCode = 'bad_regime' | 'bad_method' | 'required' | 'too_long' | 'bad_datetime' | 'in_future';
export interface IncidentError {
  field: keyof IncidentInput;
  code: IncidentErrorCode;
}

const LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;

/** Every reason the incident cannot be recorded (empty: it can), each naming its field. */
export function checkIncident(input: IncidentInput, today: IsoDate): IncidentError[] {
  const errors: IncidentError[] = [];
  if (!isIncidentRegime(input.regime)) errors.push({ field: 'regime', code: 'bad_regime' });
  else if (!(INCIDENT_METHODS_OF[input.regime] as readonly string[]).includes(input.method))
    errors.push({ field: 'method', code: 'bad_method' });
  if (input.entityCode.trim() === '') errors.push({ field: 'entityCode', code: 'required' });
  for (const field of ['what', 'place'] as const) {
    const v = input[field].trim();
    if (v === '') errors.push({ field, code: 'required' });
    else if (v.length > INCIDENT_TEXT_MAX) errors.push({ field, code: 'too_long' });
  }
  const m = LOCAL_DATETIME.exec(input.occurredAt.trim());
  if (!m || !isIsoDate(m[1]!)) errors.push({ field: 'occurredAt', code: 'bad_datetime' });
  else if (compareIsoDates(m[1]!, today) > 0) errors.push({ field: 'occurredAt', code: 'in_future' });
  return errors;
}

/**
 * A case is closed with a conclusion once its inspection is done and no rectification notice of it is
 * still open (整改 carried through: 认真核查各地整改情况, R11 五（3）). The reasons it cannot, in order.
 */
export function caseClosingRefusal(c: {
  status: string;
  inspectionStatus: string | null;
  openRectifications: number;
  conclusion: string;
}): 'already_closed' | 'no_inspection' | 'inspection_not_done' | 'rectification_open' | 'required' | 'too_long' | null {
  if (c.status !== 'open') return 'already_closed';
  if (c.inspectionStatus === null) return 'no_inspection';
  if (c.inspectionStatus !== 'done') return 'inspection_not_done';
  if (c.openRectifications > 0) return 'rectification_open';
  const text = c.conclusion.trim();
  if (text === '') return 'required';
  if (text.length > CASE_CONCLUSION_MAX) return 'too_long';
  return null;
}
