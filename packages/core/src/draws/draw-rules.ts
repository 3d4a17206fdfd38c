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
import { compareIsoDates, lastDayOfMonth, type IsoDate } from '../shared/iso-date.js';
import { floorShareOf, parseShare } from '../shared/exact-share.js';
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

/**
 * Why a campaign or spot-check draw is refused. `rule` names the rule broken (clause and id), so a
 * scheduler reads which one; `field` names the input at fault.
 */
export type DrawRequestRefusalCode =
  | 'NO_RULE'
  | 'SHARE_BELOW_RULE'
  | 'SHARE_ABOVE_RULE'
  | 'REQUESTED_MISSING'
  | 'REQUESTED_NOT_ALLOWED'
  | 'WINDOW_ORDER'
  | 'WINDOW_OUTSIDE_PERIOD'
  | 'YEARLY_SHARE_EXCEEDED';

export class DrawRequestError extends RangeError {
  override readonly name = 'DrawRequestError';
  constructor(
    readonly code: DrawRequestRefusalCode,
    readonly field: 'regime' | 'share' | 'requested' | 'window',
    readonly zh: string,
    readonly en: string,
    /** The rule broken, e.g. "R09-SPECIAL (R09 监督检查方式 2)"; null when the regime has none. */
    readonly rule: string | null,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** The rule named in a refusal: its id and the seed clause. */
export function ruleLabel(rule: Pick<DrawRule, 'ruleId' | 'clause'>): string {
  return `${rule.ruleId}（${rule.clause}）`;
}

/**
 * The period one campaign of a regime belongs to. R09 专项督察 "每年不少于4次": one campaign a quarter;
 * R10 专项督察 "每年不少于2次": one a half-year; R14 抽查 "抽查面不超过5%/年": the calendar year (the cap
 * is yearly). Other regimes (no draw rule) use the calendar year.
 */
export function drawPeriodOf(regime: RegimeCode, date: IsoDate): { from: IsoDate; to: IsoDate } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const span = regime === 'R09' ? 3 : regime === 'R10' ? 6 : 12;
  const endMonth = Math.ceil(month / span) * span;
  const startMonth = endMonth - span + 1;
  return { from: `${year}-${String(startMonth).padStart(2, '0')}-01`, to: lastDayOfMonth(year, endMonth) };
}

/** The default end of a campaign window starting on `from`: the end of its period (above). */
export function defaultDrawWindowEnd(regime: RegimeCode, from: IsoDate): IsoDate {
  return drawPeriodOf(regime, from).to;
}

export interface DrawShareRequest {
  regime: RegimeCode;
  /** An exact decimal; defaults to the regime's rule. */
  share?: string;
  /** R14 spot checks: the number asked for. */
  requested?: number | null;
}

/**
 * The share of a draw: the regime's rule by default; a scheduler may raise a minimum or lower a
 * maximum, never break the rule (R09 ≥ 0.30, R10 ≥ 0.20: 专项督察 "抽查面每次不少于"; R14 ≤ 0.05:
 * "抽查面不超过5%/年"). A regime without a draw rule needs an explicit share (CLI only).
 */
export function resolveDrawShare(req: DrawShareRequest, on: IsoDate, rules: PlanningRules = DEFAULT_PLANNING_RULES): DrawShare {
  const rule = drawRuleOf(req.regime, on, rules);
  const requested = req.requested ?? undefined;
  const kind: DrawShare['kind'] = rule?.share.kind ?? (requested !== undefined ? 'max' : 'min');
  const value = req.share ?? rule?.share.value;
  if (value === undefined)
    throw new DrawRequestError(
      'NO_RULE',
      'regime',
      `${req.regime} 没有专项督察或抽查规则：须给出比例`,
      `${req.regime} has no campaign or spot-check rule: give a share`,
      null,
    );
  parseShare(value);
  if (rule && req.share !== undefined) {
    const a = parseShare(req.share);
    const b = parseShare(rule.share.value);
    const cmp = a.numerator * b.denominator - b.numerator * a.denominator;
    if (kind === 'min' && cmp < 0n)
      throw new DrawRequestError(
        'SHARE_BELOW_RULE',
        'share',
        `${req.regime} 每次抽查面不少于 ${rule.share.value}（${rule.clause}）`,
        `${req.regime} requires a share of at least ${rule.share.value} (${rule.clause})`,
        ruleLabel(rule),
      );
    if (kind === 'max' && cmp > 0n)
      throw new DrawRequestError(
        'SHARE_ABOVE_RULE',
        'share',
        `${req.regime} 抽查面不超过 ${rule.share.value}（${rule.clause}）`,
        `${req.regime} allows a share of at most ${rule.share.value} (${rule.clause})`,
        ruleLabel(rule),
      );
  }
  const label = rule ? ruleLabel(rule) : null;
  if (kind === 'max' && requested === undefined)
    throw new DrawRequestError(
      'REQUESTED_MISSING',
      'requested',
      `${req.regime} 为最高比例抽查（≤ ${value}）：须给出抽查数 --requested`,
      `${req.regime} draws at most a share (≤ ${value}): give the requested number (--requested)`,
      label,
    );
  if (kind === 'max' && (!Number.isSafeInteger(requested) || requested! < 0))
    throw new DrawRequestError(
      'REQUESTED_MISSING',
      'requested',
      '抽查数应为非负整数',
      'the requested number must be a whole number ≥ 0',
      label,
    );
  if (kind === 'min' && requested !== undefined)
    throw new DrawRequestError(
      'REQUESTED_NOT_ALLOWED',
      'requested',
      `${req.regime} 为最低比例抽查（≥ ${value}），不接受抽查数 --requested`,
      `${req.regime} draws at least a share (≥ ${value}); the requested number (--requested) does not apply`,
      label,
    );
  return { kind, value };
}

/**
 * A campaign window lies inside one period of its regime (R09 a quarter, R10 a half-year, R14 a
 * year; see drawPeriodOf) and starts no later than it ends.
 */
export function checkDrawWindow(
  regime: RegimeCode,
  from: IsoDate,
  to: IsoDate,
  rules: PlanningRules = DEFAULT_PLANNING_RULES,
): void {
  if (compareIsoDates(from, to) > 0)
    throw new DrawRequestError(
      'WINDOW_ORDER',
      'window',
      `窗口起始晚于结束：${from} > ${to}`,
      `the window starts after it ends: ${from} > ${to}`,
      null,
    );
  const rule = drawRuleOf(regime, from, rules);
  if (!rule) return;
  const period = drawPeriodOf(regime, from);
  if (compareIsoDates(to, period.to) > 0) {
    const zhPeriod = regime === 'R09' ? '一个季度' : regime === 'R10' ? '半年' : '一年';
    const enPeriod = regime === 'R09' ? 'one quarter' : regime === 'R10' ? 'one half-year' : 'one calendar year';
    const perYear = rule.trigger === 'campaign' ? ` ${rule.ruleId}` : '';
    throw new DrawRequestError(
      'WINDOW_OUTSIDE_PERIOD',
      'window',
      `${regime} 的一次抽查应在${zhPeriod}之内（${period.from}..${period.to}）：${from}..${to}（${rule.clause}）`,
      `a ${regime}${perYear} draw stays within ${enPeriod} (${period.from}..${period.to}): ${from}..${to} (${rule.clause})`,
      ruleLabel(rule),
    );
  }
}

/**
 * R14 "抽查面不超过5%/年": the spot checks of one year together cover at most floor(share × N) of the
 * N outlets. `alreadyRequested` is what the year's live (not replaced) spot-check draws already asked for.
 */
export function checkYearlySpotCheckCap(
  regime: RegimeCode,
  share: DrawShare,
  requested: number,
  population: number,
  alreadyRequested: number,
  on: IsoDate,
  rules: PlanningRules = DEFAULT_PLANNING_RULES,
): void {
  const rule = drawRuleOf(regime, on, rules);
  if (!rule || rule.trigger !== 'spot_check' || share.kind !== 'max') return;
  const cap = floorShareOf(rule.share.value, population);
  if (alreadyRequested + requested > cap)
    throw new DrawRequestError(
      'YEARLY_SHARE_EXCEEDED',
      'requested',
      `${regime} 全年抽查不超过 ${rule.share.value} × ${population} = ${cap} 个：本年已抽 ${alreadyRequested}，再抽 ${requested} 超出（${rule.clause}）`,
      `${regime} spot checks cover at most ${rule.share.value} × ${population} = ${cap} a year: ${alreadyRequested} already drawn this year, ${requested} more exceeds it (${rule.clause})`,
      ruleLabel(rule),
    );
}
