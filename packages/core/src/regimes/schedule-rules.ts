/**
 * The scheduling rules of each regime, versioned. Three obligation kinds are kept apart:
 *  - census: every entity of a kind once per period;
 *  - campaign: N a year, each covering at least a share of the kind's entities;
 *  - spot check: sampling that may cover at most a share of the kind's entities a year.
 * Regimes without a fixed frequency in the seed (R01, R02, R04, R05, R06, R07, R11, R12, R13) have
 * no schedule: their inspections come from events, complaints and patrols.
 *
 * Shares are decimal strings and are computed exactly (shared/exact-share.ts).
 */
import type { Cadence } from './classification.js';
import type { EntityKind, RegimeCode } from './entity-kinds.js';
import type { IsoDate } from '../shared/iso-date.js';

export interface CensusRule {
  type: 'census';
  id: string;
  kinds: readonly EntityKind[];
  cadence: Cadence;
  purpose: 'routine_patrol' | 'comprehensive' | 'annual_inspection' | 'scheduled_check';
  /** R03: only vehicle units that pass the key-vehicle test (5+ operating or 5+ key vehicles). */
  keyVehicleUnitsOnly?: boolean;
  clause: string;
}

export interface CampaignRule {
  type: 'campaign';
  id: string;
  kinds: readonly EntityKind[];
  perYear: number;
  /** Minimum share of the kind's entities each campaign covers, e.g. "0.30". */
  minShare: string;
  clause: string;
}

export interface SpotCheckRule {
  type: 'spot_check';
  id: string;
  kinds: readonly EntityKind[];
  /** Maximum share of the kind's entities spot-checked in a year, e.g. "0.05". */
  maxShare: string;
  clause: string;
}

export type ScheduleRule = CensusRule | CampaignRule | SpotCheckRule;

export interface RuleSetVersion {
  regime: RegimeCode;
  /** `${regime}@${effectiveFrom}`, recorded on every obligation it produces. */
  ruleVersion: string;
  effectiveFrom: IsoDate;
  /** R09, R10: 上述指标与上级下达监督检查指标不一致的，以上级下达监督检查指标为准。 */
  superiorQuotasPrevail: boolean;
  rules: readonly ScheduleRule[];
}

/**
 * The seed bears no date. Its rules are taken as in force from the platform's first planning year,
 * 2026; a later rulebook is added as a new version with its own effective date, never by editing
 * this one (obligations already generated keep pointing at the version that made them).
 */
export const BASELINE_EFFECTIVE_FROM: IsoDate = '2026-01-01';

const v = (regime: RegimeCode, superiorQuotasPrevail: boolean, rules: ScheduleRule[]): RuleSetVersion => ({
  regime,
  ruleVersion: `${regime}@${BASELINE_EFFECTIVE_FROM}`,
  effectiveFrom: BASELINE_EFFECTIVE_FROM,
  superiorQuotasPrevail,
  rules,
});

export const R09_KINDS = ['hotel', 'seal_engraver', 'pawnshop'] as const satisfies readonly EntityKind[];

export const SCHEDULE_RULE_VERSIONS: readonly RuleSetVersion[] = [
  v('R03', false, [
    // R03 监管方式: “两客一危”、公交企业、校车服务机构每月至少检查一次。
    {
      type: 'census',
      id: 'R03-MONTHLY',
      kinds: ['two_passenger_one_hazard', 'public_transport', 'school_bus_operator'],
      cadence: 'month',
      purpose: 'scheduled_check',
      clause: 'R03 监管方式',
    },
    // R03 监管方式: 使用校车的学校或幼儿园每两个月检查一次。
    {
      type: 'census',
      id: 'R03-BIMONTHLY',
      kinds: ['school_bus_school'],
      cadence: 'two_months',
      purpose: 'scheduled_check',
      clause: 'R03 监管方式',
    },
    // R03 监管方式: 其他重点车辆单位和公路客运场站每季度至少检查一次。
    {
      type: 'census',
      id: 'R03-QUARTERLY-STATION',
      kinds: ['passenger_station'],
      cadence: 'quarter',
      purpose: 'scheduled_check',
      clause: 'R03 监管方式',
    },
    {
      type: 'census',
      id: 'R03-QUARTERLY-KEY-VEHICLE',
      kinds: ['vehicle_unit'],
      cadence: 'quarter',
      purpose: 'scheduled_check',
      keyVehicleUnitsOnly: true,
      clause: 'R03 监管方式',
    },
  ]),
  v('R08', false, [
    // R08 监督检查方式: 证书的年检。
    {
      type: 'census',
      id: 'R08-ANNUAL-INSPECTION',
      kinds: ['security_product_maker'],
      cadence: 'year',
      purpose: 'annual_inspection',
      clause: 'R08 监督检查方式、措施 2',
    },
  ]),
  v('R09', true, [
    // R09 日常巡查: 旅馆每月1次；印章、典当每季度不少于1次。
    {
      type: 'census',
      id: 'R09-PATROL-HOTEL',
      kinds: ['hotel'],
      cadence: 'month',
      purpose: 'routine_patrol',
      clause: 'R09 监督检查方式 1',
    },
    {
      type: 'census',
      id: 'R09-PATROL-SEAL-PAWN',
      kinds: ['seal_engraver', 'pawnshop'],
      cadence: 'quarter',
      purpose: 'routine_patrol',
      clause: 'R09 监督检查方式 1',
    },
    // R09 专项督察: 每年不少于4次，抽查面每次不少于30%。
    { type: 'campaign', id: 'R09-SPECIAL', kinds: R09_KINDS, perYear: 4, minShare: '0.30', clause: 'R09 监督检查方式 2' },
    // R09 全面检查: 每年不少于1次。
    {
      type: 'census',
      id: 'R09-COMPREHENSIVE',
      kinds: R09_KINDS,
      cadence: 'year',
      purpose: 'comprehensive',
      clause: 'R09 监督检查方式 3',
    },
  ]),
  v('R10', true, [
    // R10 日常巡查: 每季不少于1次全面检查。
    {
      type: 'census',
      id: 'R10-QUARTERLY',
      kinds: ['scrap_metal_buyer'],
      cadence: 'quarter',
      purpose: 'routine_patrol',
      clause: 'R10 监督检查方式 1',
    },
    // R10 专项督察: 每年不少于2次，检查面每次不少于20%。
    {
      type: 'campaign',
      id: 'R10-SPECIAL',
      kinds: ['scrap_metal_buyer'],
      perYear: 2,
      minShare: '0.20',
      clause: 'R10 监督检查方式 2',
    },
    // R10 全面检查: 每年不少于1次。
    {
      type: 'census',
      id: 'R10-COMPREHENSIVE',
      kinds: ['scrap_metal_buyer'],
      cadence: 'year',
      purpose: 'comprehensive',
      clause: 'R10 监督检查方式 3',
    },
  ]),
  v('R14', false, [
    // R14 监督检查程序 1: 巡查频次每年不少于1次。
    {
      type: 'census',
      id: 'R14-PATROL',
      kinds: ['bank_outlet'],
      cadence: 'year',
      purpose: 'routine_patrol',
      clause: 'R14 监督检查程序 1',
    },
    // R14 监督检查方式: 采用抽查方式的，抽查面不超过5%/年。
    { type: 'spot_check', id: 'R14-SPOT', kinds: ['bank_outlet'], maxShare: '0.05', clause: 'R14 监督检查方式' },
  ]),
];

/** The version of a regime's rules in force on a date (latest effectiveFrom ≤ date), if any. */
export function ruleVersionInForce(
  versions: readonly RuleSetVersion[],
  regime: RegimeCode,
  on: IsoDate,
): RuleSetVersion | undefined {
  let best: RuleSetVersion | undefined;
  for (const rv of versions) {
    if (rv.regime !== regime || rv.effectiveFrom > on) continue;
    if (!best || rv.effectiveFrom > best.effectiveFrom) best = rv;
  }
  return best;
}
