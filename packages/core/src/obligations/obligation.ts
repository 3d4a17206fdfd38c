/**
 * Obligations: what the schedule requires the bureau to do, with a due window. Three kinds, a
 * discriminated union on `type`, never confused:
 *  - census: one entity, once in the window;
 *  - campaign: at least `minCount` of a kind's entities (a minimum share) in the window;
 *  - spot_check: at most `maxCount` of a kind's entities (a maximum share) in the year.
 * `key` is deterministic from domain identity (rule, entity or kind, window), never from the rule
 * version, so re-planning the same window gives the same key and a unique constraint dedups it.
 */
import type { Cadence } from '../regimes/classification.js';
import type { EntityKind, RegimeCode } from '../regimes/entity-kinds.js';
import type { CensusRule } from '../regimes/schedule-rules.js';
import type { DateWindow } from './period.js';

export type QuotaSource = { kind: 'rulebook' } | { kind: 'superior'; reference: string; issuedBy: string };

interface ObligationBase {
  key: string;
  regime: RegimeCode;
  ruleId: string;
  /** The rule version that produced this obligation, e.g. 'R09@2026-01-01'. */
  ruleVersion: string;
  quotaSource: QuotaSource;
  window: DateWindow;
  clause: string;
}

export interface CensusObligation extends ObligationBase {
  type: 'census';
  entityId: string;
  entityKind: EntityKind;
  cadence: Cadence;
  purpose: CensusRule['purpose'];
}

export interface CampaignObligation extends ObligationBase {
  type: 'campaign';
  entityKind: EntityKind;
  /** 1-based number of this campaign in its year. */
  sequence: number;
  perYear: number;
  population: number;
  minShare: string;
  /** ceil(minShare × population), exact. */
  minCount: number;
}

export interface SpotCheckObligation extends ObligationBase {
  type: 'spot_check';
  entityKind: EntityKind;
  population: number;
  maxShare: string;
  /** floor(maxShare × population), exact. */
  maxCount: number;
}

export type Obligation = CensusObligation | CampaignObligation | SpotCheckObligation;
export type ObligationType = Obligation['type'];
