/** 《企业事业单位内部治安保卫条例》: R14 banks. The rulebook quotes both sanctions (not the article number). */
import { fenRange, fineRange, persons, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const INTERNAL_SECURITY_REGULATIONS: StatuteLaw = {
  id: 'ISPR',
  zh: '《企业事业单位内部治安保卫条例》',
  en: 'Regulations on Internal Security of Enterprises and Institutions',
  versions: [
    {
      id: 'ISPR-2004',
      lawId: 'ISPR',
      zh: '2004年文本',
      en: '2004 text',
      inForceFrom: '2004-12-01',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
};

const CLAUSE = 'R14 监督检查措施 2';
const NO_NUMBER = 'The rulebook quotes the sanction but not the article number (第十九条 from memory).';

export const INTERNAL_SECURITY_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'ISPR-2004-HAZARD-WARNING',
    lawId: 'ISPR',
    versionId: 'ISPR-2004',
    provision: 'ISPR/security-hazard',
    article: null,
    zh: '单位存在治安隐患',
    en: 'a unit has a security hazard',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令限期整改，并处警告',
        en: 'ordered to rectify, and a warning',
        unit: sanctions({ warning: 'required' }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote: '对辖区金融单位存在治安隐患的，公安机关应当责令限期整改，并处警告',
      note: NO_NUMBER,
    },
  },
  {
    id: 'ISPR-2004-OVERDUE-HAZARD',
    lawId: 'ISPR',
    versionId: 'ISPR-2004',
    provision: 'ISPR/overdue-hazard-with-harm',
    article: null,
    zh: '单位逾期不整改治安隐患，造成损害或严重威胁安全',
    en: 'a unit did not rectify in time, with harm or a serious threat',
    preconditions: ['overdue_rectification_with_harm_or_serious_threat'],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '对单位处1万元以上10万元以下罚款，对主要负责人和其他直接责任人员处500元以上5000元以下罚款',
        en: 'unit 10,000–100,000 yuan; head and directly responsible persons 500–5,000 yuan each',
        unit: sanctions({ fine: fineRange(10_000, 100_000), fineRequired: true }),
        // "对单位主要负责人和其他直接责任人员处…罚款": mandatory, at least on the head.
        persons: persons({ fine: fenRange(500, 5000), fineRequired: true, requiredOn: 'head' }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote: '对单位处1万元以上10万元以下的罚款，对单位主要负责人和其他直接责任人员处500元以上5000元以下的罚款',
      note: NO_NUMBER,
    },
  },
];
