import { getRegime } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { regimeLines, selectRegimes } from './rules.command.js';

describe('rules list', () => {
  it('shows R09 with its rule version, schedule rules and penalties, Chinese first', () => {
    const text = regimeLines(getRegime('R09')).join('\n');
    expect(text).toMatch(/^R09 {2}印章、旅馆、典当等特种行业 \/ special trades/);
    expect(text).toContain('R09@2026-01-01');
    expect(text).toContain('上级下达指标优先 / superior quotas prevail');
    expect(text).toContain('R09-SPECIAL  专项 campaign 每年不少于 4 次，每次不少于 30% / at least 4 a year, each ≥ 30%');
    expect(text).toContain('R09-PAWN-PROHIBITED-GOODS');
  });

  it('says when a regime has no fixed schedule', () => {
    expect(regimeLines(getRegime('R01')).join('\n')).toContain('无固定频次');
  });

  it('selects one regime or all fourteen', () => {
    expect(selectRegimes('R14').map((r) => r.code)).toEqual(['R14']);
    expect(selectRegimes()).toHaveLength(14);
  });
});
