/** 《典当管理办法》: R09 pawnshops. The rulebook quotes the three sanctions (not the article numbers). */
import { fineRange, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const PAWNING_MEASURES: StatuteLaw = {
  id: 'PAWN',
  zh: '《典当管理办法》',
  en: 'Measures for the Administration of Pawning',
  versions: [
    {
      id: 'PAWN-2005',
      lawId: 'PAWN',
      zh: '2005年文本',
      en: '2005 text',
      inForceFrom: '2005-04-01',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
};

const CLAUSE = 'R09 监督检查处理 1';
const NO_NUMBER = 'The rulebook quotes the sanction but not the article number.';

export const PAWNING_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'PAWN-2005-PROHIBITED-GOODS',
    lawId: 'PAWN',
    versionId: 'PAWN-2005',
    provision: 'PAWN/prohibited-goods',
    article: null,
    zh: '典当行收当公安机关明令禁止的财物',
    en: 'pawnshop took goods the police prohibit',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令改正，并处5000元以上3万元以下罚款',
        en: 'corrected, and 5,000–30,000 yuan',
        unit: sanctions({ fine: fineRange(5000, 30_000), fineRequired: true }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote:
        '典当行违反《典当管理办法》收当公安机关明令禁止财物的，由县级以上人民政府公安机关责令改正，并处5000元以上3万元以下罚款',
      note: NO_NUMBER,
    },
  },
  {
    id: 'PAWN-2005-RECORDS',
    lawId: 'PAWN',
    versionId: 'PAWN-2005',
    provision: 'PAWN/records-not-kept',
    article: null,
    zh: '典当行未如实记录、统计并报送质押当物和当户信息',
    en: 'pawnshop did not record or report pledges and customers',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令改正，并处200元以上1000元以下罚款',
        en: 'corrected, and 200–1,000 yuan',
        unit: sanctions({ fine: fineRange(200, 1000), fineRequired: true }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote:
        '典当行未如实记录、统计质押当物和当户信息并进行查验，并按要求报送备查的，由县级以上人民政府公安机关责令改正，并处200元以上1000元以下罚款',
      note: NO_NUMBER,
    },
  },
  {
    id: 'PAWN-2005-WANTED-NOT-REPORTED',
    lawId: 'PAWN',
    versionId: 'PAWN-2005',
    provision: 'PAWN/wanted-not-reported',
    article: null,
    zh: '典当行发现通报协查的人员或赃物未立即报告',
    en: 'pawnshop did not report wanted persons or stolen goods',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令改正，并处2000元以上1万元以下罚款',
        en: 'corrected, and 2,000–10,000 yuan',
        unit: sanctions({ fine: fineRange(2000, 10_000), fineRequired: true }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '造成严重后果或者屡教不改：处5000元以上3万元以下罚款',
        en: 'serious consequences or repeated: 5,000–30,000 yuan',
        unit: sanctions({ fine: fineRange(5000, 30_000), fineRequired: true }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote: '并处2000元以上 1万元以下罚款；造成严重后果或者屡教不改的，处5000元以上3万元以下罚款',
      note: NO_NUMBER,
    },
  },
];
