import { describe, expect, it } from 'vitest';
import { STATION_REPORT_CHECKS, checkStationReport, checkStationReview } from './station-report-rules.js';

const allOk = (kind: 'inspection_report' | 'video_check') =>
  Object.fromEntries(STATION_REPORT_CHECKS[kind].map((k) => [k, 'ok']));

describe('R04 inspection agencies’ reports and video checks (seed 四（四）)', () => {
  it('needs the plate and report number of an inspection report, and no date in the future', () => {
    const input = {
      entityCode: 'R04-001',
      kind: 'inspection_report',
      receivedOn: '2026-11-25',
      plate: '冀A12345',
      reportNo: 'JC-1',
      summary: '大客车年检',
    };
    expect(checkStationReport(input, '2026-11-25')).toEqual([]);
    expect(checkStationReport({ ...input, plate: ' ', reportNo: null, receivedOn: '2026-11-26' }, '2026-11-25')).toEqual([
      { field: 'receivedOn', code: 'in_future' },
      { field: 'plate', code: 'required' },
      { field: 'reportNo', code: 'required' },
    ]);
    expect(checkStationReport({ ...input, kind: 'video_check', plate: null, reportNo: null }, '2026-11-25')).toEqual([]);
  });

  it('answers every check; a report with a problem cannot pass (四 4); withheld is referred to 市质监局 (四 5)', () => {
    const review = {
      kind: 'inspection_report' as const,
      checks: allOk('inspection_report'),
      outcome: 'passed',
      findings: '资料齐全',
      hazard: null,
      qualityBureauNotified: false,
    };
    expect(checkStationReview(review)).toBeNull();
    expect(checkStationReview({ ...review, checks: { ...review.checks, vin: '' } })).toEqual({
      field: 'check_vin',
      code: 'required',
    });
    const problem = { ...review, checks: { ...review.checks, key_vehicle_items: 'problem' } };
    expect(checkStationReview(problem)).toEqual({ field: 'outcome', code: 'problem_cannot_pass' });
    expect(checkStationReview({ ...problem, outcome: 'withheld' })).toEqual({
      field: 'qualityBureauNotified',
      code: 'referral_required',
    });
    expect(checkStationReview({ ...problem, outcome: 'withheld', qualityBureauNotified: true })).toBeNull();
    expect(
      checkStationReview({
        ...problem,
        outcome: 'withheld',
        qualityBureauNotified: true,
        hazard: { severity: 'grave', description: 'x' },
      }),
    ).toEqual({ field: 'hazardSeverity', code: 'bad_severity' });
  });
});
