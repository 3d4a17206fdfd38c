import { describe, expect, it } from 'vitest';
import { RULEBOOK } from './rulebook.js';

const of = (code: string) => RULEBOOK.find((r) => r.code === code)!;

describe('the published rulebook (issue 11 §4)', () => {
  it('has all fourteen regimes, each with its catalogue entry', () => {
    expect(RULEBOOK.map((r) => r.code)).toEqual([
      'R01',
      'R02',
      'R03',
      'R04',
      'R05',
      'R06',
      'R07',
      'R08',
      'R09',
      'R10',
      'R11',
      'R12',
      'R13',
      'R14',
    ]);
    expect(of('R09').penalties.length).toBeGreaterThan(0);
  });
  it('R03 names its deadlines with amount, unit and start, its key-vehicle threshold and its own gates', () => {
    const r03 = of('R03');
    expect(r03.deadlines.map((d) => [d.id, d.amount, d.unit])).toEqual([
      ['R03-RECTIFICATION', 15, 'calendar_days'],
      ['R03-RECTIFICATION-EXTENDED', 30, 'calendar_days'],
      ['R03-REVIEW', 5, 'working_days'],
    ]);
    for (const d of r03.deadlines) expect(d.start.zh.length).toBeGreaterThan(0);
    expect(r03.thresholds.find((t) => t.id === 'R03-KEY-VEHICLE-UNIT')).toMatchObject({
      amount: 5,
      unit: 'vehicles',
      source: 'R03 监管对象',
    });
    expect(r03.rectification).toMatchObject({ kind: 'statutory', rule: 'R03-RECTIFICATION' });
    expect(r03.review.rule).toBe('R03-REVIEW');
    expect(r03.extension).toMatchObject({ maximum: 'R03-RECTIFICATION-EXTENDED', note: null, clause: 'R03 监管措施（一）' });
    expect(of('R14').extension.maximum).toBe('R14-RECTIFICATION');
    expect(of('R09').extension).toMatchObject({ maximum: null, note: { zh: expect.stringContaining('未规定整改期限上限') } });
    expect(r03.gates.map((g) => g.source.startsWith('R03 规范执法'))).toEqual([true, true, false, false]);
    // The legal review (法制审核) is the Administrative Penalty Law's, for every regime (issue 11 §3).
    expect(r03.gates.find((g) => g.id === 'LEGAL-REVIEW')?.source).toContain('第五十八条');
  });
  it('R14 names the 3-working-day service and the two-month deadline', () => {
    expect(of('R14').deadlines.map((d) => [d.id, d.amount, d.unit])).toEqual([
      ['R14-NOTICE-SERVICE', 3, 'working_days'],
      ['R14-RECTIFICATION', 2, 'months'],
    ]);
  });
  it('a regime without a statutory deadline says so, and cites the law for its gates', () => {
    const r09 = of('R09');
    expect(r09.deadlines).toEqual([]);
    expect(r09.rectification.kind).toBe('no_statutory_maximum');
    expect(r09.review.rule).toBe('BUREAU-REVIEW-5WD');
    expect(r09.thresholds.map((t) => [t.id, t.amount])).toEqual([
      ['LARGE-FINE-UNIT', 10000],
      ['LARGE-FINE-INDIVIDUAL', 2000],
    ]);
    expect(r09.gates.every((g) => g.source.includes('行政处罚法'))).toBe(true);
  });
});
