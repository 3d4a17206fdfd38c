import { DEFAULT_PLANNING_RULES, SCHEDULE_RULE_VERSIONS, planPeriod, type RegistryEntity } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { quotaRulesOnly } from './reconcile-batch.processor.js';

const YEAR = { start: '2026-01-01', end: '2026-12-31' };
const KINDS = [...new Set(SCHEDULE_RULE_VERSIONS.flatMap((v) => v.rules.flatMap((r) => [...r.kinds])))];

function population(n: number): RegistryEntity[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    kind: KINDS[i % KINDS.length]!,
    vehicleCounts: null,
    // Some open mid-year, some close mid-year: populations differ per campaign window.
    activeFrom: i % 7 === 0 ? '2026-06-15' : null,
    activeUntil: i % 11 === 0 ? '2026-03-10' : null,
  }));
}

describe('the quotas part plans with campaign and spot-check rules only (issue 14 §3)', () => {
  it('gives exactly the quota obligations of the full rules, and builds no census obligation', () => {
    const snapshot = { entities: population(6_000) };
    const full = planPeriod(snapshot, DEFAULT_PLANNING_RULES, YEAR);
    const quotas = planPeriod(snapshot, quotaRulesOnly(DEFAULT_PLANNING_RULES), YEAR);
    // The full rules build a census obligation per entity and window: the work the year's batch threw away.
    expect(full.filter((o) => o.type === 'census').length).toBeGreaterThan(snapshot.entities.length);
    expect(quotas.some((o) => o.type === 'census')).toBe(false);
    expect(quotas).toEqual(full.filter((o) => o.type !== 'census'));
    expect(quotas.length).toBeGreaterThan(0);
  });

  it('keeps the overrides of quota rules and drops those of census rules', () => {
    const campaign = SCHEDULE_RULE_VERSIONS.flatMap((v) => v.rules).find((r) => r.type === 'campaign')!;
    const census = SCHEDULE_RULE_VERSIONS.flatMap((v) => v.rules).find((r) => r.type === 'census')!;
    const rules = {
      versions: SCHEDULE_RULE_VERSIONS,
      overrides: [
        { ruleId: campaign.id, effectiveFrom: '2026-01-01', perYear: 2, reference: 'test', issuedBy: 'test' },
        { ruleId: census.id, effectiveFrom: '2026-01-01', cadence: 'quarter' as const, reference: 'test', issuedBy: 'test' },
      ],
    };
    expect(quotaRulesOnly(rules).overrides!.map((o) => o.ruleId)).toEqual([campaign.id]);
  });
});
