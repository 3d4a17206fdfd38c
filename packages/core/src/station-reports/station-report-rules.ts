import { isIsoDate, compareIsoDates, type IsoDate } from '../shared/iso-date.js';

/**
 * R04 机动车检验机构 (seed 四（四）, 交通警察大队): what the inspection agencies (检验机构, the stations) send
 * in is reviewed by an officer.
 *
 * - 三、监督检查方式及程序 「检验审核程序：对机动车检验过程中上报的安全技术检验报告单进行监督审核」: an
 *   `inspection_report` (安全技术检验报告单) with the materials of 四、监督检查措施 3 (photos, 车架号, 发动机号
 *   拓印膜, 行驶证扫描件, 录像, 检验报告单).
 * - 「检验网络监管程序：实时监管各检验机构视频，分析异常数据」: a `video_check` (视频巡查) — the video watched
 *   and the abnormal data found.
 * - 四 4 「对检测合格车辆审核通过，并核发年检合格标志」 → `passed`; 四 5 「对检验机构没有按照检验标准进行检测或需
 *   对送检车辆要进一步核查的 … 不予核发年检合格标志，并将有关情况通报市质监局」 → `withheld`, with the
 *   referral to 市质监局 recorded. A finding with a hazard opens the rectification flow (the agency is
 *   told to put it right, reviewed by 复查 as elsewhere).
 */
export const STATION_REPORT_REGIME = 'R04';

export const STATION_REPORT_KINDS = ['inspection_report', 'video_check'] as const;
export type StationReportKind = (typeof STATION_REPORT_KINDS)[number];

/** What an officer checks on each kind (四、监督检查措施 3 and 5; 三 检验网络监管). */
export const STATION_REPORT_CHECKS: Readonly<Record<StationReportKind, readonly string[]>> = {
  // 四 3: 送检车辆照片、车架号、发动机号拓印膜、行车证的扫描件、录像及检验报告单; 四 5: key vehicles' items.
  inspection_report: ['photos', 'vin', 'engine_rubbing', 'licence_scan', 'video', 'report_form', 'key_vehicle_items'],
  // 三 检验网络监管: 实时监管各检验机构视频，分析异常数据.
  video_check: ['video_live', 'process_followed', 'abnormal_data'],
};
export const STATION_REPORT_CLAUSE = 'R04 三、监督检查方式及程序；四、监督检查措施 3–5';

export const STATION_CHECK_RESULTS = ['ok', 'problem'] as const;
export const STATION_REVIEW_OUTCOMES = ['passed', 'withheld'] as const;
export type StationReviewOutcome = (typeof STATION_REVIEW_OUTCOMES)[number];

export interface StationReportInput {
  entityCode: string;
  kind: string;
  receivedOn: string;
  /** The vehicle's plate (号牌号码), for an inspection report. */
  plate: string | null;
  /** The agency's report number (检验报告单号), for an inspection report. */
  reportNo: string | null;
  summary: string;
}

export interface StationReportFieldError {
  field: keyof StationReportInput;
  code: string;
}

/** Every reason a report cannot be recorded on `today`, each naming its field. */
export function checkStationReport(input: StationReportInput, today: IsoDate): StationReportFieldError[] {
  const errors: StationReportFieldError[] = [];
  if (input.entityCode.trim() === '') errors.push({ field: 'entityCode', code: 'required' });
  if (!(STATION_REPORT_KINDS as readonly string[]).includes(input.kind)) errors.push({ field: 'kind', code: 'bad_kind' });
  if (!isIsoDate(input.receivedOn)) errors.push({ field: 'receivedOn', code: 'bad_date' });
  else if (compareIsoDates(input.receivedOn, today) > 0) errors.push({ field: 'receivedOn', code: 'in_future' });
  if (input.kind === 'inspection_report') {
    if (!input.plate?.trim()) errors.push({ field: 'plate', code: 'required' });
    if (!input.reportNo?.trim()) errors.push({ field: 'reportNo', code: 'required' });
  }
  if (input.summary.trim() === '') errors.push({ field: 'summary', code: 'required' });
  return errors;
}

export interface StationReviewFacts {
  kind: StationReportKind;
  checks: Readonly<Record<string, string>>;
  outcome: string;
  findings: string;
  /** A hazard found (the agency must put it right): opens the rectification flow. */
  hazard: { severity: string; description: string } | null;
  /** 四 5: withheld → the facts referred to 市质监局. */
  qualityBureauNotified: boolean;
}

/**
 * Why a review cannot be recorded (null: it can). Every check of the kind is answered; a report with a
 * problem cannot pass (四 4 passes only 检测合格车辆); a withheld report needs the referral to 市质监局
 * (四 5); a hazard has a severity and a description. A video check is `passed` (normal) or `withheld`
 * (abnormal data: fed back to the patrol post, 三 检验网络监管 协调巡回监管岗).
 */
export function checkStationReview(r: StationReviewFacts): { field: string; code: string } | null {
  for (const item of STATION_REPORT_CHECKS[r.kind])
    if (!(STATION_CHECK_RESULTS as readonly string[]).includes(r.checks[item] ?? ''))
      return { field: `check_${item}`, code: 'required' };
  if (!(STATION_REVIEW_OUTCOMES as readonly string[]).includes(r.outcome)) return { field: 'outcome', code: 'bad_outcome' };
  if (r.findings.trim() === '') return { field: 'findings', code: 'required' };
  const problem = Object.values(r.checks).includes('problem');
  if (r.kind === 'inspection_report' && r.outcome === 'passed' && problem)
    return { field: 'outcome', code: 'problem_cannot_pass' };
  if (r.kind === 'inspection_report' && r.outcome === 'withheld' && !r.qualityBureauNotified)
    return { field: 'qualityBureauNotified', code: 'referral_required' };
  if (r.hazard) {
    if (r.hazard.severity !== 'general' && r.hazard.severity !== 'major')
      return { field: 'hazardSeverity', code: 'bad_severity' };
    if (r.hazard.description.trim() === '') return { field: 'hazardDescription', code: 'required' };
  }
  return null;
}
