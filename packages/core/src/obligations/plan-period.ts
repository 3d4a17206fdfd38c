/**
 * planPeriod: (registry snapshot, rules, period) → the obligations whose due window overlaps the
 * period. Pure and deterministic: same inputs, same obligations in the same order, same keys.
 */
import type { CampaignObligation, CensusObligation, Obligation, QuotaSource, SpotCheckObligation } from './obligation.js';
import {
  type DateWindow,
  type PlanPeriod,
  campaignWindows,
  cadenceWindows,
  checkWindow,
  windowsOverlap,
  yearPeriod,
} from './period.js';
import { type Cadence, isKeyVehicleUnit } from '../regimes/classification.js';
import { type EntityKind, REGIME_CODES, type RegimeCode, type VehicleCounts } from '../regimes/entity-kinds.js';
import {
  type CampaignRule,
  type CensusRule,
  type RuleSetVersion,
  type ScheduleRule,
  type SpotCheckRule,
  SCHEDULE_RULE_VERSIONS,
  ruleVersionInForce,
} from '../regimes/schedule-rules.js';
import { ceilShareOf, floorShareOf, parseShare } from '../shared/exact-share.js';
import { type IsoDate, compareIsoDates, yearOf } from '../shared/iso-date.js';

export interface RegistryEntity {
  id: string;
  kind: EntityKind;
  /** R03 vehicle_unit: needed to decide whether it is a key-vehicle unit. */
  vehicleCounts?: VehicleCounts | null;
  /** Licensed / registered from (inclusive); absent = always. */
  activeFrom?: IsoDate | null;
  /** Closed / deregistered on (inclusive); absent = still active. */
  activeUntil?: IsoDate | null;
}

export interface RegistrySnapshot {
  entities: readonly RegistryEntity[];
}

/**
 * A quota issued by a superior authority. R09 and R10: 上述指标与上级下达监督检查指标不一致的，
 * 以上级下达监督检查指标为准 — the superior's figure prevails, higher or lower.
 */
export interface SuperiorQuotaOverride {
  ruleId: string;
  reference: string;
  issuedBy: string;
  effectiveFrom: IsoDate;
  effectiveUntil?: IsoDate | null;
  cadence?: Cadence;
  perYear?: number;
  minShare?: string;
  maxShare?: string;
}

export interface PlanningRules {
  versions: readonly RuleSetVersion[];
  overrides?: readonly SuperiorQuotaOverride[];
}

export const DEFAULT_PLANNING_RULES: PlanningRules = { versions: SCHEDULE_RULE_VERSIONS, overrides: [] };

export class InvalidQuotaOverrideError extends Error {
  override readonly name = 'InvalidQuotaOverrideError';
  constructor(
    readonly override: SuperiorQuotaOverride,
    why: string,
  ) {
    super(`上级指标无效（${override.reference}）：${why} / Invalid superior quota (${override.reference}): ${why}`);
  }
}

function findRule(
  versions: readonly RuleSetVersion[],
  ruleId: string,
): { version: RuleSetVersion; rule: ScheduleRule } | undefined {
  for (const version of versions) for (const rule of version.rules) if (rule.id === ruleId) return { version, rule };
  return undefined;
}

function validateOverrides(rules: PlanningRules): void {
  for (const o of rules.overrides ?? []) {
    const found = findRule(rules.versions, o.ruleId);
    if (!found) throw new InvalidQuotaOverrideError(o, `unknown rule ${o.ruleId}`);
    if (!found.version.superiorQuotasPrevail)
      throw new InvalidQuotaOverrideError(o, `${found.version.regime} does not provide for superior quotas`);
    if (o.effectiveUntil != null && compareIsoDates(o.effectiveUntil, o.effectiveFrom) < 0)
      throw new InvalidQuotaOverrideError(o, 'ends before it starts');
    const t = found.rule.type;
    if (o.cadence !== undefined && t !== 'census') throw new InvalidQuotaOverrideError(o, 'cadence applies to census rules only');
    if ((o.perYear !== undefined || o.minShare !== undefined) && t !== 'campaign')
      throw new InvalidQuotaOverrideError(o, 'perYear/minShare apply to campaign rules only');
    if (o.maxShare !== undefined && t !== 'spot_check')
      throw new InvalidQuotaOverrideError(o, 'maxShare applies to spot-check rules only');
    if (o.perYear !== undefined && (!Number.isSafeInteger(o.perYear) || o.perYear < 0))
      throw new InvalidQuotaOverrideError(o, 'perYear must be a non-negative integer');
    if (o.minShare !== undefined) parseShare(o.minShare);
    if (o.maxShare !== undefined) parseShare(o.maxShare);
  }
}

/** The override in force for a rule over a span: the latest-effective one overlapping it. */
function overrideFor(rules: PlanningRules, ruleId: string, span: DateWindow): SuperiorQuotaOverride | undefined {
  let best: SuperiorQuotaOverride | undefined;
  for (const o of rules.overrides ?? []) {
    if (o.ruleId !== ruleId) continue;
    const w = { start: o.effectiveFrom, end: o.effectiveUntil ?? '9999-12-31' };
    if (!windowsOverlap(w, span)) continue;
    if (!best || compareIsoDates(o.effectiveFrom, best.effectiveFrom) > 0) best = o;
  }
  return best;
}

const quotaSource = (o: SuperiorQuotaOverride | undefined): QuotaSource =>
  o ? { kind: 'superior', reference: o.reference, issuedBy: o.issuedBy } : { kind: 'rulebook' };

function activeDuring(e: RegistryEntity, w: DateWindow): boolean {
  if (e.activeFrom != null && compareIsoDates(e.activeFrom, w.end) > 0) return false;
  if (e.activeUntil != null && compareIsoDates(e.activeUntil, w.start) < 0) return false;
  return true;
}

function censusApplies(rule: CensusRule, e: RegistryEntity): boolean {
  if (!rule.kinds.includes(e.kind)) return false;
  // R03: vehicle units under the key-vehicle threshold get no schedule.
  if (rule.keyVehicleUnitsOnly) return e.vehicleCounts != null && isKeyVehicleUnit(e.vehicleCounts);
  return true;
}

/** One census window a rule plans over a period: the rule, its version and cadence, and the override. */
interface CensusRuleWindow {
  version: RuleSetVersion;
  rule: CensusRule;
  cadence: Cadence;
  override: SuperiorQuotaOverride | undefined;
  window: DateWindow;
}

/**
 * The census windows `year` holds that overlap `period`, for one rule version: what planCensus walks
 * for each entity, and what `censusKindsOfWindow` reads without any.
 */
function* censusRuleWindows(
  rules: PlanningRules,
  version: RuleSetVersion,
  rule: CensusRule,
  year: number,
  period: PlanPeriod,
): Generator<CensusRuleWindow> {
  // A superior's cadence replaces the rulebook's for every year it overlaps (windows stay aligned
  // to the calendar year, so a mid-year change would otherwise leave a broken window).
  const yearOverride = overrideFor(rules, rule.id, yearPeriod(year));
  const override = yearOverride?.cadence !== undefined ? yearOverride : undefined;
  const cadence = override?.cadence ?? rule.cadence;
  for (const window of cadenceWindows(cadence, year)) {
    if (!windowsOverlap(window, period)) continue;
    if (ruleVersionInForce(rules.versions, version.regime, window.start) !== version) continue;
    yield { version, rule, cadence, override, window };
  }
}

function planCensus(out: Obligation[], snapshot: RegistrySnapshot, w: CensusRuleWindow): void {
  const { version, rule, cadence, override, window } = w;
  for (const e of snapshot.entities) {
    if (!censusApplies(rule, e) || !activeDuring(e, window)) continue;
    const ob: CensusObligation = {
      type: 'census',
      key: `census:${rule.id}:${e.id}:${window.start}`,
      regime: version.regime,
      ruleId: rule.id,
      ruleVersion: version.ruleVersion,
      quotaSource: quotaSource(override),
      window,
      clause: rule.clause,
      entityId: e.id,
      entityKind: e.kind,
      cadence,
      purpose: rule.purpose,
    };
    out.push(ob);
  }
}

/**
 * The census windows of `regime`'s rule versions in `year` that overlap `period`, each under the
 * version in force at its start (a new rulebook mid-year), in planPeriod's order.
 */
function* censusWindowsIn(
  rules: PlanningRules,
  regime: RegimeCode,
  year: number,
  period: PlanPeriod,
): Generator<CensusRuleWindow> {
  for (const version of rules.versions)
    if (version.regime === regime && compareIsoDates(version.effectiveFrom, `${year}-12-31`) <= 0)
      for (const rule of version.rules) if (rule.type === 'census') yield* censusRuleWindows(rules, version, rule, year, period);
}

/**
 * The entity kinds some census rule plans a window for that is exactly `window` (a month, two months,
 * a quarter or a year), with its rule version and any superior's cadence: the only kinds whose
 * registry entries can have a census obligation of that period. The reconcile reads just these
 * (issue 14 §3: a month's reconcile read every hotel, bank and café of the province to keep the
 * monthly ones).
 */
export function censusKindsOfWindow(rules: PlanningRules, window: DateWindow): EntityKind[] {
  checkWindow(window);
  validateOverrides(rules);
  const kinds = new Set<EntityKind>();
  for (let year = yearOf(window.start); year <= yearOf(window.end); year += 1)
    for (const regime of REGIME_CODES as readonly RegimeCode[])
      for (const w of censusWindowsIn(rules, regime, year, window))
        if (w.window.start === window.start && w.window.end === window.end) for (const k of w.rule.kinds) kinds.add(k);
  return [...kinds].sort();
}

/**
 * The population a campaign or spot-check quota is a share of: the entities of a kind active during
 * a window. planPeriod counts it over its snapshot; a caller that reads the registry in parts sums
 * `countQuotaPopulations` over the parts (the same count, added up) and plans with `planQuotas`.
 */
export type QuotaPopulation = (kind: EntityKind, window: DateWindow) => number;

/** One population a period's quotas are computed from: entities of `kind` active during `window`. */
export interface QuotaPopulationNeed {
  kind: EntityKind;
  window: DateWindow;
}

function snapshotPopulation(snapshot: RegistrySnapshot): QuotaPopulation {
  return (kind, w) => {
    let n = 0;
    for (const e of snapshot.entities) if (e.kind === kind && activeDuring(e, w)) n += 1;
    return n;
  };
}

function planCampaign(
  out: Obligation[],
  population: QuotaPopulation,
  rules: PlanningRules,
  version: RuleSetVersion,
  rule: CampaignRule,
  year: number,
  period: PlanPeriod,
): void {
  const o = overrideFor(rules, rule.id, yearPeriod(year));
  const perYear = o?.perYear ?? rule.perYear;
  const minShare = o?.minShare ?? rule.minShare;
  const source = quotaSource(o && (o.perYear !== undefined || o.minShare !== undefined) ? o : undefined);
  campaignWindows(perYear, year).forEach((window, i) => {
    if (!windowsOverlap(window, period)) return;
    for (const kind of rule.kinds) {
      const pop = population(kind, window);
      if (pop === 0) continue;
      const ob: CampaignObligation = {
        type: 'campaign',
        key: `campaign:${rule.id}:${kind}:${year}:${i + 1}`,
        regime: version.regime,
        ruleId: rule.id,
        ruleVersion: version.ruleVersion,
        quotaSource: source,
        window,
        clause: rule.clause,
        entityKind: kind,
        sequence: i + 1,
        perYear,
        population: pop,
        minShare,
        // e.g. R09: each special inspection covers at least 30% of the trade's units, rounded up.
        minCount: ceilShareOf(minShare, pop),
      };
      out.push(ob);
    }
  });
}

function planSpotCheck(
  out: Obligation[],
  population: QuotaPopulation,
  rules: PlanningRules,
  version: RuleSetVersion,
  rule: SpotCheckRule,
  year: number,
  period: PlanPeriod,
): void {
  const window = yearPeriod(year);
  if (!windowsOverlap(window, period)) return;
  const o = overrideFor(rules, rule.id, window);
  const maxShare = o?.maxShare ?? rule.maxShare;
  for (const kind of rule.kinds) {
    const pop = population(kind, window);
    if (pop === 0) continue;
    const ob: SpotCheckObligation = {
      type: 'spot_check',
      key: `spot_check:${rule.id}:${kind}:${year}`,
      regime: version.regime,
      ruleId: rule.id,
      ruleVersion: version.ruleVersion,
      quotaSource: quotaSource(o?.maxShare !== undefined ? o : undefined),
      window,
      clause: rule.clause,
      entityKind: kind,
      population: pop,
      maxShare,
      // R14: spot checks cover no more than 5% of outlets a year, rounded down.
      maxCount: floorShareOf(maxShare, pop),
    };
    out.push(ob);
  }
}

/**
 * Plans the obligations whose due windows overlap `period`. Census windows use the rule version in
 * force at the window's start; yearly quotas (campaigns, spot checks) use the version in force on
 * 1 January. A superior override applies to every year it overlaps (the latest-effective prevails).
 */
export function planPeriod(snapshot: RegistrySnapshot, rules: PlanningRules, period: PlanPeriod): Obligation[] {
  checkWindow(period);
  validateOverrides(rules);
  const ids = new Set<string>();
  for (const e of snapshot.entities) {
    if (ids.has(e.id)) throw new RangeError(`Duplicate entity id in snapshot: ${e.id}`);
    ids.add(e.id);
  }
  return plan(snapshot, snapshotPopulation(snapshot), rules, period, true);
}

function plan(
  snapshot: RegistrySnapshot,
  population: QuotaPopulation,
  rules: PlanningRules,
  period: PlanPeriod,
  census: boolean,
): Obligation[] {
  const out: Obligation[] = [];
  for (let year = yearOf(period.start); year <= yearOf(period.end); year += 1) {
    for (const regime of REGIME_CODES as readonly RegimeCode[]) {
      // Census: each window may fall under a different version (a new rulebook mid-year).
      if (census) for (const w of censusWindowsIn(rules, regime, year, period)) planCensus(out, snapshot, w);
      const yearly = ruleVersionInForce(rules.versions, regime, `${year}-01-01`);
      if (!yearly) continue;
      for (const rule of yearly.rules) {
        if (rule.type === 'campaign') planCampaign(out, population, rules, yearly, rule, year, period);
        else if (rule.type === 'spot_check') planSpotCheck(out, population, rules, yearly, rule, year, period);
      }
    }
  }
  return out.sort((a, b) => compareIsoDates(a.window.start, b.window.start) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The campaign and spot-check obligations planPeriod gives for `period`, from populations counted
 * elsewhere (`population(kind, window)`, e.g. summed over parts of the registry by
 * `countQuotaPopulations`): the same rows, keys and order as planPeriod's quotas over the whole
 * snapshot.
 */
export function planQuotas(population: QuotaPopulation, rules: PlanningRules, period: PlanPeriod): Obligation[] {
  checkWindow(period);
  validateOverrides(rules);
  return plan({ entities: [] }, population, rules, period, false);
}

/** The (kind, window) populations planQuotas asks for over `period`, each once, in a stable order. */
export function quotaPopulationNeeds(rules: PlanningRules, period: PlanPeriod): QuotaPopulationNeed[] {
  const needs = new Map<string, QuotaPopulationNeed>();
  planQuotas(
    (kind, window) => {
      needs.set(`${kind}|${window.start}|${window.end}`, { kind, window });
      return 0;
    },
    rules,
    period,
  );
  return [...needs.values()];
}

/** How many of `entities` each need counts (entities of its kind active during its window). */
export function countQuotaPopulations(entities: readonly RegistryEntity[], needs: readonly QuotaPopulationNeed[]): number[] {
  const count = snapshotPopulation({ entities });
  return needs.map((n) => count(n.kind, n.window));
}
