import { describe, expect, it } from 'vitest';
import { caseClosingRefusal, caseInspectionTrigger, caseNumber, checkIncident, INCIDENT_METHODS_OF } from './case-rules.js';

const ok = {
  regime: 'R13',
  method: 'technical',
  entityCode: 'E1',
  what: '未落实安全保护技术措施',
  place: '某单位',
  occurredAt: '2026-11-24T09:30',
};

describe('R11–R13 incidents (seed 三、监督检查方式)', () => {
  it('accepts the methods each regime lists, and R11 has no technical detection', () => {
    expect(checkIncident(ok, '2026-11-25')).toEqual([]);
    expect(INCIDENT_METHODS_OF.R11).not.toContain('technical');
    expect(checkIncident({ ...ok, regime: 'R11' }, '2026-11-25')).toEqual([{ field: 'method', code: 'bad_method' }]);
    expect(checkIncident({ ...ok, regime: 'R11', method: 'post_case' }, '2026-11-25')).toEqual([]);
  });

  it('names each bad field: another regime, blanks, a malformed or future time', () => {
    expect(checkIncident({ ...ok, regime: 'R09' }, '2026-11-25')).toEqual([{ field: 'regime', code: 'bad_regime' }]);
    expect(checkIncident({ ...ok, what: ' ', place: '', entityCode: '' }, '2026-11-25').map((e) => e.field)).toEqual([
      'entityCode',
      'what',
      'place',
    ]);
    expect(checkIncident({ ...ok, occurredAt: '2026-02-30T10:00' }, '2026-11-25')).toEqual([
      { field: 'occurredAt', code: 'bad_datetime' },
    ]);
    expect(checkIncident({ ...ok, occurredAt: '2026-11-26T00:00' }, '2026-11-25')).toEqual([
      { field: 'occurredAt', code: 'in_future' },
    ]);
  });

  it('opens a post-case review for 案事件倒查, a complaint inspection for a complaint, a patrol otherwise', () => {
    expect(caseInspectionTrigger('incident', 'post_case')).toBe('post_case');
    expect(caseInspectionTrigger('incident', 'technical')).toBe('patrol');
    expect(caseInspectionTrigger('complaint', null)).toBe('complaint');
    expect(caseNumber('2026-11-25', 42)).toBe('AJ2026-000042');
  });

  it('closes a case only after a done inspection with no open notice, with a conclusion', () => {
    const base = { status: 'open', inspectionStatus: 'done', openRectifications: 0, conclusion: '结案' };
    expect(caseClosingRefusal(base)).toBeNull();
    expect(caseClosingRefusal({ ...base, status: 'closed' })).toBe('already_closed');
    expect(caseClosingRefusal({ ...base, inspectionStatus: null })).toBe('no_inspection');
    expect(caseClosingRefusal({ ...base, inspectionStatus: 'planned' })).toBe('inspection_not_done');
    expect(caseClosingRefusal({ ...base, openRectifications: 1 })).toBe('rectification_open');
    expect(caseClosingRefusal({ ...base, conclusion: '  ' })).toBe('required');
  });
});
