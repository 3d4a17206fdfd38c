import { getRegime, regimeRulebook } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { regimeLines, selectRegimes } from './rules.command.js';

describe('rules list', () => {
  it('shows R09 with its rule version, schedule rules and penalties, Chinese first', () => {
    const text = regimeLines(regimeRulebook(getRegime('R09'))).join('\n');
    expect(text).toMatch(/^R09 {2}印章、旅馆、典当等特种行业 \/ special trades/);
    expect(text).toContain('R09@2026-01-01');
    expect(text).toContain('上级下达指标优先 / superior quotas prevail');
    expect(text).toContain('R09-SPECIAL  专项 campaign 每年不少于 4 次，每次不少于 30% / at least 4 a year, each ≥ 30%');
    expect(text).toContain('R09-PAWN-PROHIBITED-GOODS');
  });

  it('says when a regime has no fixed schedule', () => {
    expect(regimeLines(regimeRulebook(getRegime('R01'))).join('\n')).toContain('无固定频次');
  });

  it('names each deadline with its amount, unit and start, the thresholds and the gates with their law (issue 11 §4)', () => {
    const r03 = regimeLines(regimeRulebook(getRegime('R03'))).join('\n');
    expect(r03).toContain('R03-RECTIFICATION  15 日 days，自整改通知书下达之日起');
    expect(r03).toContain('R03-REVIEW  5 个工作日 working days');
    expect(r03).toContain('R03-KEY-VEHICLE-UNIT  5 辆 vehicles');
    expect(r03).toContain('上限 R03-RECTIFICATION-EXTENDED');
    expect(r03).toContain('before the deadline in force expires');
    expect(r03).toContain('COLLECTIVE-DISCUSSION');
    expect(r03).toContain('行政处罚法》第五十七条第二款');
    const r14 = regimeLines(regimeRulebook(getRegime('R14'))).join('\n');
    expect(r14).toContain('R14-NOTICE-SERVICE  3 个工作日 working days，自检查完毕之日起');
    expect(regimeLines(regimeRulebook(getRegime('R09'))).join('\n')).toContain('本制度对该监管领域未规定整改期限上限');
  });

  it('selects one regime or all fourteen', () => {
    expect(selectRegimes('R14').map((r) => r.code)).toEqual(['R14']);
    expect(selectRegimes()).toHaveLength(14);
  });
});
