/**
 * The whole rulebook of a regime as `rules list --json` and `/api/v1/rules` publish it (issue 11 §4):
 * the catalogue entry (checklist, schedule rule versions, penalties, record-closing requirements) and
 * beside it every named deadline (amount, unit, what starts it), the rectification deadline and review
 * time, the thresholds and the procedural gates of a penalty — each with the clause or statute it
 * comes from. Nothing here is a new rule: it gathers the rules where they live.
 */
import { NAMED_DEADLINES, R03_REVIEW_WORKING_DAYS, type NamedDeadline } from '../deadlines/deadline.js';
import { DEFAULT_HEARING_REQUEST_DAYS } from '../penalties/penalty-procedure.js';
import { DEFAULT_LARGE_FINE_THRESHOLD, PROCEDURE_GATE_BASIS } from '../penalties/penalty-validator.js';
import { rectificationDeadlinePolicy, type RectificationDeadlinePolicy } from '../rectification/deadline-policy.js';
import { extensionRuleOf, type ExtensionRule } from '../rectification/extension.js';
import { BUREAU_REVIEW_SOURCE } from '../rectification/review.js';
import type { Bilingual } from '../shared/reason.js';
import { REGIME_CATALOGUE, type RegimeDefinition } from './catalogue.js';
import { R03_KEY_VEHICLE_THRESHOLD } from './classification.js';
import type { RegimeCode } from './entity-kinds.js';

export interface RuleThreshold extends Bilingual {
  id: string;
  amount: number;
  unit: 'vehicles' | 'yuan' | 'days';
  source: string;
}

export interface RuleGate extends Bilingual {
  id: 'HEARING-RIGHT' | 'COLLECTIVE-DISCUSSION' | 'LEGAL-REVIEW' | 'HEARING-REQUEST-PERIOD';
  /** When the gate applies. */
  when: Bilingual;
  source: string;
}

export interface RegimeRulebook extends RegimeDefinition {
  deadlines: readonly NamedDeadline[];
  rectification: RectificationDeadlinePolicy;
  /** Extending a rectification deadline: when, by whom, up to what. */
  extension: ExtensionRule;
  review: {
    amount: number;
    unit: 'working_days';
    rule: 'R03-REVIEW' | 'BUREAU-REVIEW-5WD';
    source: Bilingual;
    clause: string | null;
  };
  thresholds: readonly RuleThreshold[];
  gates: readonly RuleGate[];
}

const yuanOf = (fen: number): number => fen / 100;

const LARGE_FINE: readonly RuleThreshold[] = [
  {
    id: 'LARGE-FINE-UNIT',
    zh: '较大数额罚款（单位）',
    en: 'large fine (a unit)',
    amount: yuanOf(DEFAULT_LARGE_FINE_THRESHOLD.unitFen),
    unit: 'yuan',
    source: PROCEDURE_GATE_BASIS.hearingRight,
  },
  {
    id: 'LARGE-FINE-INDIVIDUAL',
    zh: '较大数额罚款（个人）',
    en: 'large fine (an individual)',
    amount: yuanOf(DEFAULT_LARGE_FINE_THRESHOLD.individualFen),
    unit: 'yuan',
    source: PROCEDURE_GATE_BASIS.hearingRight,
  },
];

// R03 监管对象: 有5辆（含）以上营运车辆 / 重点车辆 的企业 are key-vehicle units.
const R03_KEY_VEHICLES: RuleThreshold = {
  id: 'R03-KEY-VEHICLE-UNIT',
  zh: '重点车辆单位：营运车辆或重点车辆5辆（含）以上',
  en: 'key-vehicle unit: 5 or more operating or key vehicles',
  amount: R03_KEY_VEHICLE_THRESHOLD,
  unit: 'vehicles',
  source: 'R03 监管对象',
};

const WHEN_GATED: Bilingual = {
  zh: '拟作出较大数额罚款、吊销许可证或者责令停产停业决定前',
  en: 'before a large fine, a revocation or a suspension is decided',
};

function gatesOf(code: RegimeCode): RuleGate[] {
  const r03 = code === 'R03' ? 'R03 规范执法；' : '';
  return [
    {
      id: 'HEARING-RIGHT',
      zh: '告知当事人有要求听证的权利',
      en: 'the party is told of its right to a hearing',
      when: WHEN_GATED,
      source: r03 + PROCEDURE_GATE_BASIS.hearingRight,
    },
    {
      id: 'COLLECTIVE-DISCUSSION',
      zh: '负责人集体讨论决定',
      en: "the heads' collective discussion decides",
      when: WHEN_GATED,
      source: r03 + PROCEDURE_GATE_BASIS.collectiveDiscussion,
    },
    {
      id: 'LEGAL-REVIEW',
      zh: '法制审核（审核人员、日期、所适用条款、核定的处罚幅度、审核意见）',
      en: 'a recorded legal review (reviewer, date, article, approved range, opinion)',
      when: {
        zh: '经过听证程序、重大或疑难复杂案件，以及所适用条款未收录于法条表或未经核实、新旧法轻重无法比较时，作出决定之前',
        en: 'before deciding a case that went through a hearing, a major or complex case, or one whose article the statute table lacks, has unverified, or cannot compare across versions',
      },
      source: PROCEDURE_GATE_BASIS.legalReview,
    },
    {
      id: 'HEARING-REQUEST-PERIOD',
      zh: `当事人要求听证的，应当在告知后${DEFAULT_HEARING_REQUEST_DAYS}日内提出`,
      en: `a hearing is asked for within ${DEFAULT_HEARING_REQUEST_DAYS} days of the notice`,
      when: { zh: '告知听证权利之后、作出决定之前', en: 'between the notice of the hearing right and the decision' },
      source: '《中华人民共和国行政处罚法》第六十四条',
    },
  ];
}

export function regimeRulebook(r: RegimeDefinition): RegimeRulebook {
  const r03 = r.code === 'R03';
  return {
    ...r,
    deadlines: NAMED_DEADLINES.filter((d) => d.regime === r.code),
    rectification: rectificationDeadlinePolicy(r.code),
    extension: extensionRuleOf(r.code),
    review: r03
      ? {
          amount: R03_REVIEW_WORKING_DAYS,
          unit: 'working_days',
          rule: 'R03-REVIEW',
          source: { zh: 'R03 监管措施（一）', en: 'R03 measures (1)' },
          clause: 'R03 监管措施（一）',
        }
      : {
          amount: R03_REVIEW_WORKING_DAYS,
          unit: 'working_days',
          rule: 'BUREAU-REVIEW-5WD',
          source: BUREAU_REVIEW_SOURCE,
          clause: null,
        },
    thresholds: r03 ? [R03_KEY_VEHICLES, ...LARGE_FINE] : LARGE_FINE,
    gates: gatesOf(r.code),
  };
}

/** Every regime's rulebook, R01–R14. */
export const RULEBOOK: readonly RegimeRulebook[] = REGIME_CATALOGUE.map(regimeRulebook);
