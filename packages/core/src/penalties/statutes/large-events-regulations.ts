/** 《大型群众性活动安全管理条例》: cited by R05. */
import { fineRange, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const LARGE_EVENTS_REGULATIONS: StatuteLaw = {
  id: 'LPE',
  zh: '《大型群众性活动安全管理条例》',
  en: 'Regulations on the Safety of Large Public Events',
  versions: [
    {
      id: 'LPE-2007',
      lawId: 'LPE',
      zh: '2007年文本',
      en: '2007 text',
      inForceFrom: '2007-10-01',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
};

export const LARGE_EVENTS_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'LPE-2007-20',
    lawId: 'LPE',
    versionId: 'LPE-2007',
    provision: 'LPE/unauthorised-change-or-event',
    article: '第二十条',
    zh: '承办者擅自变更活动时间、地点、内容或擅自扩大规模；未经安全许可举办大型群众性活动',
    en: 'organiser changed the event’s time, place, content or scale without approval; held an event without a permit',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '擅自变更或扩大规模：处1万元以上5万元以下罚款',
        en: 'unapproved change or larger scale: 10,000–50,000 yuan',
        unit: sanctions({ fine: fineRange(10_000, 50_000), fineRequired: true }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '未经安全许可举办：予以取缔，对承办者处10万元以上30万元以下罚款',
        en: 'held without a permit: banned, organiser 100,000–300,000 yuan',
        unit: sanctions({ fine: fineRange(100_000, 300_000), fineRequired: true }),
      }),
    ],
    verification: {
      kind: 'unverified',
      note: 'From memory; the rulebook (R05) names the regulations but quotes no article or amount.',
    },
  },
];
