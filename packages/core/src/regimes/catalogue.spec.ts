import { describe, expect, it } from 'vitest';
import { R03_DISHONESTY_GRADES, REGIME_CATALOGUE, getRegime } from './catalogue.js';
import { ENTITY_KINDS, REGIME_CODES } from './entity-kinds.js';
import { SCHEDULE_RULE_VERSIONS, ruleVersionInForce } from './schedule-rules.js';

describe('regime catalogue (domain.md: the 14 regimes)', () => {
  it('has R01–R14 in order, each with names, brigade, kinds and a checklist', () => {
    expect(REGIME_CATALOGUE.map((r) => r.code)).toEqual([...REGIME_CODES]);
    for (const r of REGIME_CATALOGUE) {
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.en).toMatch(/[a-z]/);
      expect(r.targetKinds.length).toBeGreaterThan(0);
      expect(r.checklist.length).toBeGreaterThan(0);
      expect(r.methods.length).toBeGreaterThan(0);
      for (const k of r.targetKinds) expect(ENTITY_KINDS[k].regime).toBe(r.code);
    }
  });
  it('brigades as in domain.md (R14 under the cybersecurity brigade, as the seed says)', () => {
    const b = Object.fromEntries(REGIME_CATALOGUE.map((r) => [r.code, r.brigade.zh]));
    expect(b).toEqual({
      R01: '出入境管理大队',
      R02: '交通警察大队',
      R03: '交通警察大队',
      R04: '交通警察大队',
      R05: '治安管理大队',
      R06: '治安管理大队',
      R07: '治安管理大队',
      R08: '治安管理大队',
      R09: '治安管理大队',
      R10: '治安管理大队',
      R11: '网络安全管理大队',
      R12: '网络安全管理大队',
      R13: '网络安全管理大队',
      R14: '网络安全管理大队',
    });
  });
  it('checklists follow the seed’s 监督检查内容 (R03 six items, R09 five, R10 six)', () => {
    expect(getRegime('R03').checklist).toHaveLength(6);
    expect(getRegime('R09').checklist).toHaveLength(5);
    expect(getRegime('R10').checklist).toHaveLength(6);
    expect(getRegime('R09').checklist[0]).toEqual({
      id: 'R09-C1',
      zh: '是否取得特种行业许可证',
      en: 'holds a special-trade licence',
    });
  });
  it('only R03, R08, R09, R10 and R14 have schedules; the others are event-, complaint- and patrol-driven', () => {
    expect(REGIME_CATALOGUE.filter((r) => r.scheduleVersions.length > 0).map((r) => r.code)).toEqual([
      'R03',
      'R08',
      'R09',
      'R10',
      'R14',
    ]);
  });
  it('R01 is driven by complaints and the window satisfaction rater; R09 includes post-case review', () => {
    expect(getRegime('R01').triggers).toEqual(['complaint', 'satisfaction_rater']);
    expect(getRegime('R09').triggers).toContain('post_case_review');
    expect(getRegime('R05').triggers).toContain('event');
  });
  it('R03 dishonesty has three grades (一般、较重、严重失信)', () => {
    expect(R03_DISHONESTY_GRADES.map((g) => g.zh)).toEqual(['一般失信', '较重失信', '严重失信']);
  });
  it('penalties attach to their regime', () => {
    expect(getRegime('R09').penalties.map((p) => p.violation)).toContain('R09-PAWN-PROHIBITED-GOODS');
    expect(getRegime('R01').penalties).toHaveLength(0);
  });
});

describe('rule versions', () => {
  it('versions are named regime@effectiveFrom and only R09, R10 let superior quotas prevail', () => {
    for (const v of SCHEDULE_RULE_VERSIONS) expect(v.ruleVersion).toBe(`${v.regime}@${v.effectiveFrom}`);
    expect(SCHEDULE_RULE_VERSIONS.filter((v) => v.superiorQuotasPrevail).map((v) => v.regime)).toEqual(['R09', 'R10']);
  });
  it('the version in force is the latest effective on the date', () => {
    const later = {
      ...SCHEDULE_RULE_VERSIONS.find((v) => v.regime === 'R09')!,
      ruleVersion: 'R09@2027-07-01',
      effectiveFrom: '2027-07-01',
    };
    const versions = [...SCHEDULE_RULE_VERSIONS, later];
    expect(ruleVersionInForce(versions, 'R09', '2027-06-30')?.ruleVersion).toBe('R09@2026-01-01');
    expect(ruleVersionInForce(versions, 'R09', '2027-07-01')?.ruleVersion).toBe('R09@2027-07-01');
    expect(ruleVersionInForce(versions, 'R09', '2025-12-31')).toBeUndefined();
    expect(ruleVersionInForce(versions, 'R02', '2026-06-01')).toBeUndefined();
  });
});
