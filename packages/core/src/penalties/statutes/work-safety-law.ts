/** 《中华人民共和国安全生产法》: R03 (重大交通事故隐患拒不整改或整改不到位). */
import { fineRange, persons, sanctionTier, sanctions, fenRange } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const WORK_SAFETY_LAW: StatuteLaw = {
  id: 'WSL',
  zh: '《中华人民共和国安全生产法》',
  en: 'Work Safety Law',
  versions: [
    {
      id: 'WSL-2021',
      lawId: 'WSL',
      zh: '2021年修正本',
      en: '2021 amendment',
      inForceFrom: '2021-09-01',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
};

export const WORK_SAFETY_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'WSL-2021-102',
    lawId: 'WSL',
    versionId: 'WSL-2021',
    provision: 'WSL/hazard-not-eliminated',
    article: '第一百零二条',
    zh: '生产经营单位未采取措施消除事故隐患',
    en: 'a business did not take measures to eliminate an accident hazard',
    preconditions: ['major_hazard_refused_or_inadequately_rectified'],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令立即消除或者限期消除，处五万元以下的罚款',
        en: 'ordered to eliminate it, and up to 50,000 yuan',
        unit: sanctions({ fine: fineRange(0, 50_000), fineRequired: true }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '拒不执行：责令停产停业整顿，对直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款',
        en: 'refused: suspension for rectification; responsible persons 50,000–100,000 yuan',
        unit: sanctions({ suspension: 'required' }),
        persons: persons({ fine: fenRange(50_000, 100_000), fineRequired: true }),
      }),
    ],
    verification: {
      kind: 'unverified',
      note: 'From memory; the rulebook (R03 监管措施（三）) names the law but quotes no article or amount.',
    },
  },
];
