/** 《中华人民共和国道路交通安全法》: R04 (第九十四条, quoted by the rulebook) and R02 (依法查处). */
import { sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const ROAD_TRAFFIC_SAFETY_LAW: StatuteLaw = {
  id: 'RTSL',
  zh: '《中华人民共和国道路交通安全法》',
  en: 'Road Traffic Safety Law',
  versions: [
    {
      id: 'RTSL-2021',
      lawId: 'RTSL',
      zh: '2021年修正本',
      en: '2021 amendment',
      inForceFrom: '2021-04-29',
      inForceUntil: null,
      datesSource: 'from memory (amended 2021-04-29), unverified',
    },
  ],
  note: 'Only 第九十四条 is in the table: R02 says 依法查处 without an article, so its sanctions need a legal review.',
};

const MULTIPLE = { kind: 'multiple', minTimes: 5, maxTimes: 10, base: 'inspection_fees' } as const;

export const ROAD_TRAFFIC_SAFETY_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'RTSL-2021-94',
    lawId: 'RTSL',
    versionId: 'RTSL-2021',
    provision: 'RTSL/false-inspection-result',
    article: '第九十四条',
    zh: '机动车安全技术检验机构出具虚假检验结果',
    en: 'a vehicle inspection agency issued false inspection results',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '处所收检验费用五倍以上十倍以下罚款，并依法撤销检验资格',
        en: '5 to 10 times the inspection fees collected, and the qualification revoked',
        unit: sanctions({ fine: MULTIPLE, fineRequired: true, revocation: 'required' }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '与非法中介勾结出具虚假检验合格报告：从重处罚，并依法撤销检验资格',
        en: 'false pass reports in collusion with illegal agents: aggravated penalty, and the qualification revoked',
        unit: sanctions({ fine: MULTIPLE, fineRequired: true, revocation: 'required' }),
        aggravated: true,
      }),
    ],
    verification: {
      kind: 'seed',
      clause: 'R04 监督检查处理',
      quote:
        '根据《道路交通安全法》第94条的规定处所收检验费用五倍以上十倍以下罚款，并依法撤销检验资格；与非法中介勾结，出具虚假检验合格报告的，要从重处罚，并依法撤销检验资格',
    },
  },
];
