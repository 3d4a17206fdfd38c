/**
 * Which draw a regime's rules call for: a campaign at a minimum share (R09 ≥ 30%, R10 ≥ 20%) or a
 * spot check at a maximum share (R14 ≤ 5% a year). Superior quotas (R09, R10) override the share
 * when one is in force on the draw date.
 */
import { DEFAULT_PLANNING_RULES, type PlanningRules } from '../obligations/plan-period.js';
import { REGIME_CATALOGUE } from '../regimes/catalogue.js';
import type { EntityKind, RegimeCode } from '../regimes/entity-kinds.js';
import { ruleVersionInForce } from '../regimes/schedule-rules.js';
import type { Bilingual } from '../shared/reason.js';
import type { IsoDate } from '../shared/iso-date.js';
import type { DrawShare } from './draw.js';

export interface DrawRule {
  ruleId: string;
  regime: RegimeCode;
  kinds: readonly EntityKind[];
  share: DrawShare;
  /** The inspection trigger of the tasks the draw creates. */
  trigger: 'campaign' | 'spot_check';
  clause: string;
  /** The brigade that runs the regime (its officers are the roster). */
  brigade: Bilingual;
}

/** The campaign or spot-check rule of a regime in force on `on`, or undefined when it has none. */
export function drawRuleOf(regime: RegimeCode, on: IsoDate, rules: PlanningRules = DEFAULT_PLANNING_RULES): DrawRule | undefined {
  const version = ruleVersionInForce(rules.versions, regime, on);
  const def = REGIME_CATALOGUE.find((r) => r.code === regime);
  if (!version || !def) return undefined;
  for (const rule of version.rules) {
    if (rule.type !== 'campaign' && rule.type !== 'spot_check') continue;
    const o = (rules.overrides ?? [])
      .filter((x) => x.ruleId === rule.id && x.effectiveFrom <= on && (x.effectiveUntil == null || x.effectiveUntil >= on))
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
      .at(-1);
    const share: DrawShare =
      rule.type === 'campaign'
        ? { kind: 'min', value: o?.minShare ?? rule.minShare }
        : { kind: 'max', value: o?.maxShare ?? rule.maxShare };
    return {
      ruleId: rule.id,
      regime,
      kinds: rule.kinds,
      share,
      trigger: rule.type,
      clause: rule.clause,
      brigade: def.brigade,
    };
  }
  return undefined;
}
