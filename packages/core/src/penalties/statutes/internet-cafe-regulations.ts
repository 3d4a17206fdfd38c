/** 《互联网上网服务营业场所管理条例》: cited by R11. */
import { fineRange, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const INTERNET_CAFE_REGULATIONS: StatuteLaw = {
  id: 'ISBP',
  zh: '《互联网上网服务营业场所管理条例》',
  en: 'Regulations on Internet Service Business Premises',
  versions: [
    {
      id: 'ISBP-2002',
      lawId: 'ISBP',
      zh: '2002年文本（历次修订）',
      en: '2002 text (as revised)',
      inForceFrom: '2002-11-15',
      inForceUntil: null,
      datesSource: 'from memory, unverified; later revisions (2011–2022) are not distinguished here',
    },
  ],
};

export const INTERNET_CAFE_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'ISBP-2002-32',
    lawId: 'ISBP',
    versionId: 'ISBP-2002',
    provision: 'ISBP/security-duties',
    article: '第三十二条',
    zh: '未通过局域网接入、未建立巡查制度、未核对登记身份证件或记录上网信息、未按规定保存登记内容、变更事项未办理手续或备案',
    en: 'no LAN access, no patrols, IDs not checked or logs not kept, records not retained, changes not filed',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '给予警告，可以并处15000元以下的罚款',
        en: 'a warning, optionally up to 15,000 yuan',
        unit: sanctions({ warning: 'required', fine: fineRange(0, 15_000) }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '情节严重：责令停业整顿（吊销许可证由文化行政部门决定）',
        en: 'serious: suspension for rectification (licence revocation is the culture authority’s)',
        unit: sanctions({ warning: 'allowed', fine: fineRange(0, 15_000), suspension: 'required' }),
      }),
    ],
    verification: {
      kind: 'unverified',
      note: 'From memory; the rulebook (R11) names the regulations but quotes no article or sanction.',
    },
  },
];
