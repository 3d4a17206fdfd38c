/** 《中华人民共和国集会游行示威法》: cited by R06. */
import { days, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const ASSEMBLY_LAW: StatuteLaw = {
  id: 'APDL',
  zh: '《中华人民共和国集会游行示威法》',
  en: 'Law on Assemblies, Processions and Demonstrations',
  versions: [
    {
      id: 'APDL-1989',
      lawId: 'APDL',
      zh: '1989年文本（2009年修正）',
      en: '1989 text (amended 2009)',
      inForceFrom: '1989-10-31',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
};

export const ASSEMBLY_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'APDL-1989-28',
    lawId: 'APDL',
    versionId: 'APDL-1989',
    provision: 'APDL/unpermitted-or-deviating',
    article: '第二十八条第二款',
    zh: '未依法申请或申请未获许可，或未按许可的目的、方式、时间、地点、路线进行且不听制止',
    en: 'held without a permit, or not as permitted and did not stop when told',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '对负责人和直接责任人员处警告或者十五日以下拘留',
        en: 'a warning or up to 15 days’ detention, on the leaders and directly responsible persons',
        individual: sanctions({ warning: 'allowed', detention: days(1, 15) }),
      }),
    ],
    verification: {
      kind: 'unverified',
      note: 'From memory; the rulebook (R06) names the law but quotes no article or sanction.',
    },
  },
];
