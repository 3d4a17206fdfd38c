/** 《信息安全等级保护管理办法》: cited by R12. */
import { sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const GRADED_PROTECTION_MEASURES: StatuteLaw = {
  id: 'MLPS',
  zh: '《信息安全等级保护管理办法》',
  en: 'Measures for Graded Protection of Information Security',
  versions: [
    {
      id: 'MLPS-2007',
      lawId: 'MLPS',
      zh: '2007年文本（公通字〔2007〕43号）',
      en: '2007 text',
      inForceFrom: '2007-06-22',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
};

export const GRADED_PROTECTION_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'MLPS-2007-40',
    lawId: 'MLPS',
    versionId: 'MLPS-2007',
    provision: 'MLPS/duties-not-met',
    article: '第四十条',
    zh: '第三级以上信息系统运营、使用单位违反等级保护管理规定，逾期不改正',
    en: 'operator of a level-3+ system in breach of graded protection, not corrected in time',
    preconditions: ['overdue_rectification_inadequate'],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令限期改正；逾期不改正的，给予警告',
        en: 'ordered to correct; if not corrected in time, a warning',
        unit: sanctions({ warning: 'required' }),
      }),
    ],
    verification: {
      kind: 'unverified',
      note: 'From memory; the rulebook (R12) names the measures but quotes no article or sanction.',
    },
  },
];
