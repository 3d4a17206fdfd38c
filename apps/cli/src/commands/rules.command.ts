import type { Command } from 'commander';
import {
  ENTITY_KINDS,
  REGIME_CATALOGUE,
  type Cadence,
  type EntityKind,
  type PenaltyRule,
  type RegimeCode,
  type RegimeDefinition,
  type RuleSetVersion,
  type ScheduleRule,
} from '@supervise/core';
import { parseRegimeCode } from '../args.js';
import { both, printJson, printLines } from '../cli-output.js';

const CADENCE: Record<Cadence, { zh: string; en: string }> = {
  month: { zh: '每月', en: 'monthly' },
  two_months: { zh: '每两个月', en: 'every two months' },
  quarter: { zh: '每季度', en: 'quarterly' },
  year: { zh: '每年', en: 'yearly' },
};

const percent = (share: string): string => `${(Number(share) * 100).toFixed(0)}%`;

const kinds = (ks: readonly EntityKind[]): string => ks.map((k) => `${ENTITY_KINDS[k].zh} ${ENTITY_KINDS[k].en}`).join('; ');

export function scheduleRuleLine(r: ScheduleRule): string {
  switch (r.type) {
    case 'census': {
      const c = CADENCE[r.cadence];
      const key = r.keyVehicleUnitsOnly ? '（仅重点车辆单位 key-vehicle units only）' : '';
      return `${r.id}  普查 census ${c.zh} ${c.en}${key}: ${kinds(r.kinds)}  [${r.clause}]`;
    }
    case 'campaign':
      return `${r.id}  专项 campaign 每年不少于 ${r.perYear} 次，每次不少于 ${percent(r.minShare)} / at least ${r.perYear} a year, each ≥ ${percent(r.minShare)}: ${kinds(r.kinds)}  [${r.clause}]`;
    case 'spot_check':
      return `${r.id}  抽查 spot check 每年不超过 ${percent(r.maxShare)} / at most ${percent(r.maxShare)} a year: ${kinds(r.kinds)}  [${r.clause}]`;
  }
}

function versionLines(v: RuleSetVersion): string[] {
  const superior = v.superiorQuotasPrevail ? '；上级下达指标优先 / superior quotas prevail' : '';
  return [
    `  排期规则 schedule ${v.ruleVersion}（自 ${v.effectiveFrom} 起 / in force from ${v.effectiveFrom}${superior}）`,
    ...v.rules.map((r) => `    ${scheduleRuleLine(r)}`),
  ];
}

function penaltyLines(p: PenaltyRule): string[] {
  return [`    ${p.violation}  ${both(p)}  [${p.clause}; ${p.legalBasis.zh}]`, ...p.tiers.map((t) => `      - ${both(t)}`)];
}

/** A regime, readable in a terminal: Chinese first, English after. */
export function regimeLines(r: RegimeDefinition): string[] {
  const lines = [`${r.code}  ${both(r)}`, `  主管 brigade: ${both(r.brigade)}`, `  对象 targets: ${kinds(r.targetKinds)}`];
  if (r.scheduleVersions.length === 0)
    lines.push(
      '  排期规则 schedule: 无固定频次（依事件、投诉、巡查） / none (inspections come from events, complaints, patrols)',
    );
  for (const v of r.scheduleVersions) lines.push(...versionLines(v));
  if (r.penalties.length) lines.push('  处罚 penalties:', ...r.penalties.flatMap(penaltyLines));
  return lines;
}

export function selectRegimes(regime?: RegimeCode): readonly RegimeDefinition[] {
  return regime ? REGIME_CATALOGUE.filter((r) => r.code === regime) : REGIME_CATALOGUE;
}

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('the rulebook: regimes, schedule rule versions, penalties / 监管制度规则');
  rules
    .command('list')
    .description('the regime catalogue and its schedule rule versions / 列出监管制度及排期规则版本')
    .option('--regime <code>', 'one regime, e.g. R09', parseRegimeCode)
    .option('--json', 'print JSON (the full catalogue entries)')
    .action((opts: { regime?: RegimeCode; json?: boolean }) => {
      const regimes = selectRegimes(opts.regime);
      if (opts.json) printJson({ regimes });
      else printLines(regimes.flatMap((r, i) => (i === 0 ? regimeLines(r) : ['', ...regimeLines(r)])));
    });
}
