/** 《计算机信息网络国际联网安全保护管理办法》: cited by R13. */
import { fenRange, fineRange, persons, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const INTERNATIONAL_NETWORKING_MEASURES: StatuteLaw = {
  id: 'CINS',
  zh: '《计算机信息网络国际联网安全保护管理办法》',
  en: 'Measures for Security Protection of International Networking of Computer Information Networks',
  versions: [
    {
      id: 'CINS-1997',
      lawId: 'CINS',
      zh: '1997年文本（2011年修订）',
      en: '1997 text (revised 2011)',
      inForceFrom: '1997-12-30',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
};

export const INTERNATIONAL_NETWORKING_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'CINS-1997-21',
    lawId: 'CINS',
    versionId: 'CINS-1997',
    provision: 'CINS/security-duties',
    article: '第二十一条',
    zh: '未建立安全保护管理制度、未采取安全技术保护措施等',
    en: 'no security management rules, no technical protection measures, and similar',
    preconditions: ['overdue_rectification_inadequate'],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令限期改正，给予警告；逾期未改正的，对单位可以并处15000元以下罚款，对主管负责人员和其他直接责任人员可以并处5000元以下罚款',
        en: 'a warning; not corrected in time: unit up to 15,000 yuan, responsible persons up to 5,000 yuan (optional)',
        unit: sanctions({ warning: 'required', fine: fineRange(0, 15_000) }),
        persons: persons({ fine: fenRange(0, 5000) }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '情节严重：并可以给予六个月以内的停止联网、停机整顿',
        en: 'serious: also up to six months’ disconnection for rectification (optional)',
        unit: sanctions({ warning: 'required', fine: fineRange(0, 15_000), suspension: 'allowed' }),
        persons: persons({ fine: fenRange(0, 5000) }),
      }),
    ],
    verification: {
      kind: 'unverified',
      note: 'From memory; the rulebook (R13) names the measures but quotes no article or sanction.',
    },
  },
];
