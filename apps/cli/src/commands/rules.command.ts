import type { Command } from 'commander';
import {
  ENTITY_KINDS,
  RULEBOOK,
  articlesOfLaws,
  statutesOfRegimes,
  type Cadence,
  type EntityKind,
  type PenaltyRule,
  type RegimeCode,
  type RegimeRulebook,
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

/** A violation, its handling and the statute articles it may rest on (issue 11), unverified ones marked. */
function penaltyLines(p: PenaltyRule): string[] {
  const articles = articlesOfLaws(p.laws).filter((a) => p.provisions.length === 0 || p.provisions.includes(a.provision));
  return [
    `    ${p.violation}  ${both(p)}  [${p.clause}; ${p.legalBasis.zh}]`,
    `      ${both(p.handling)}`,
    ...articles.map(
      (a) =>
        `      - ${a.id}${a.article ? ` ${a.article}` : ''}（${a.verification.kind === 'seed' ? `已核实 verified: ${a.verification.clause}` : '未核实，须法制审核 unverified: legal review required'}）: ${a.tiers.map((t) => t.zh).join('；')}`,
    ),
  ];
}

const UNIT: Record<string, string> = {
  calendar_days: '日 days',
  working_days: '个工作日 working days',
  months: '个月 months',
  vehicles: '辆 vehicles',
  yuan: '元 yuan',
  days: '日 days',
};

/** Deadlines, thresholds and gates of a regime (issue 11 §4), each with its source. */
function lawLines(r: RegimeRulebook): string[] {
  const lines: string[] = [];
  if (r.deadlines.length) {
    lines.push('  期限 deadlines:');
    for (const d of r.deadlines)
      lines.push(`    ${d.id}  ${d.amount} ${UNIT[d.unit]}，自${d.start.zh}起 / from ${d.start.en}: ${both(d)}  [${d.clause}]`);
  }
  const rect = r.rectification;
  lines.push(
    rect.kind === 'statutory'
      ? `  整改期限 rectification: ${rect.zh} / ${rect.en}  [${rect.clause}]`
      : `  整改期限 rectification: ${both(rect.note)}`,
  );
  const x = r.extension;
  lines.push(
    `  延期 extension: ${x.before.zh}；${x.approver.zh}${x.maximum ? `；上限 ${x.maximum}` : ''} / ${x.before.en}; ${x.approver.en}${x.maximum ? `; bounded by ${x.maximum}` : ''}  [${x.clause}]`,
  );
  lines.push(
    `  复查 review: ${r.review.amount} ${UNIT[r.review.unit]} (${r.review.rule})  [${r.review.clause ?? r.review.source.zh}]`,
  );
  lines.push(
    '  阈值 thresholds:',
    ...r.thresholds.map((t) => `    ${t.id}  ${t.amount} ${UNIT[t.unit]}: ${both(t)}  [${t.source}]`),
  );
  lines.push('  程序 gates:', ...r.gates.map((g) => `    ${g.id}  ${both(g)}（${g.when.zh} / ${g.when.en}）  [${g.source}]`));
  return lines;
}

/** A regime, readable in a terminal: Chinese first, English after. */
export function regimeLines(r: RegimeRulebook): string[] {
  const lines = [`${r.code}  ${both(r)}`, `  主管 brigade: ${both(r.brigade)}`, `  对象 targets: ${kinds(r.targetKinds)}`];
  if (r.scheduleVersions.length === 0)
    lines.push(
      '  排期规则 schedule: 无固定频次（依事件、投诉、巡查） / none (inspections come from events, complaints, patrols)',
    );
  for (const v of r.scheduleVersions) lines.push(...versionLines(v));
  if (r.penalties.length) lines.push('  处罚 penalties:', ...r.penalties.flatMap(penaltyLines));
  lines.push(...lawLines(r));
  return lines;
}

export function selectRegimes(regime?: RegimeCode): readonly RegimeRulebook[] {
  return regime ? RULEBOOK.filter((r) => r.code === regime) : RULEBOOK;
}

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('the rulebook: regimes, schedule rule versions, penalties / 监管制度规则');
  rules
    .command('list')
    .description('the regime catalogue and its schedule rule versions / 列出监管制度及排期规则版本')
    .option('--regime <code>', 'one regime, e.g. R09', parseRegimeCode)
    .option('--json', 'print JSON (the full entries: catalogue, deadlines, thresholds, gates)')
    .action((opts: { regime?: RegimeCode; json?: boolean }) => {
      const regimes = selectRegimes(opts.regime);
      if (opts.json) printJson({ regimes, statutes: statutesOfRegimes(regimes) });
      else printLines(regimes.flatMap((r, i) => (i === 0 ? regimeLines(r) : ['', ...regimeLines(r)])));
    });
}
