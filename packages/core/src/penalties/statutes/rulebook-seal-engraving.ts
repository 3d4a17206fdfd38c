/**
 * The rulebook's own seal-engraving clauses (R09 监督检查处理 1). The rulebook quotes these sanctions but
 * names no law for the fines (only for the revocation: 依照《治安管理处罚法》有关规定), so their source
 * is the rulebook itself, verified by its text, with no version dates of a statute.
 */
import { fineRange, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const RULEBOOK_SEAL_ENGRAVING: StatuteLaw = {
  id: 'RULEBOOK-SEAL',
  zh: '《鹿泉区公安局事中事后监管制度》印章刻制业条款',
  en: 'The rulebook’s seal-engraving clauses',
  versions: [
    {
      id: 'RULEBOOK-SEAL-CURRENT',
      lawId: 'RULEBOOK-SEAL',
      zh: '现行规章',
      en: 'the rulebook in force',
      inForceFrom: null,
      inForceUntil: null,
      datesSource: 'the rulebook states no dates; applied to every act',
    },
  ],
  note: 'The statute behind these fines is not named in the rulebook.',
};

const CLAUSE = 'R09 监督检查处理 1';

export const RULEBOOK_SEAL_ENGRAVING_ARTICLES: readonly StatuteArticle[] = [
  {
    id: 'RULEBOOK-SEAL-FACILITY-OR-RULES',
    lawId: 'RULEBOOK-SEAL',
    versionId: 'RULEBOOK-SEAL-CURRENT',
    provision: 'RULEBOOK-SEAL/facility-or-rules',
    article: null,
    zh: '印章刻制单位擅自改变设施设备或拒不落实安全、治安管理制度',
    en: 'seal engraver changed facilities without approval or refused security rules',
    preconditions: ['rectification_deadline_passed_unmet'],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '逾期不改正：处1000元以上5000元以下罚款',
        en: 'not corrected in time: 1,000–5,000 yuan',
        unit: sanctions({ fine: fineRange(1000, 5000), fineRequired: true }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '情节严重：依照《治安管理处罚法》有关规定，吊销《特种行业许可证》',
        en: 'serious: special-trade licence revoked',
        unit: sanctions({ fine: fineRange(1000, 5000), revocation: 'required' }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote:
        '责令限期改正；逾期不改正的，处一千元以上五千元以下的罚款；情节严重的，依照《中华人民共和国治安管理处罚法》有关规定，吊销《特种行业许可证》',
    },
  },
  {
    id: 'RULEBOOK-SEAL-RECORDS-OR-CHANGE',
    lawId: 'RULEBOOK-SEAL',
    versionId: 'RULEBOOK-SEAL-CURRENT',
    provision: 'RULEBOOK-SEAL/records-or-change',
    article: null,
    zh: '未将刻制信息存入印章治安管理信息系统、擅自改变字号名称经营地址负责人或未按时备案',
    en: 'seal details not recorded, unapproved change of name/address/head, or filing late',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '责令改正，并处5000元以上3万元以下罚款',
        en: 'corrected, and 5,000–30,000 yuan',
        unit: sanctions({ fine: fineRange(5000, 30_000), fineRequired: true }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '情节严重：并吊销《特种行业许可证》',
        en: 'serious: licence also revoked',
        unit: sanctions({ fine: fineRange(5000, 30_000), fineRequired: true, revocation: 'required' }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote:
        '应责令改正，并处五千元以上三万元以下的罚款；情节严重的，依照《中华人民共和国治安管理处罚法》有关规定，吊销《特种行业许可证》',
    },
  },
  {
    id: 'RULEBOOK-SEAL-FILING',
    lawId: 'RULEBOOK-SEAL',
    versionId: 'RULEBOOK-SEAL-CURRENT',
    provision: 'RULEBOOK-SEAL/filing',
    article: null,
    zh: '印章刻制单位不办理变更、注销或者备案手续',
    en: 'seal engraver did not apply for change, cancellation or filing',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '处警告或者200元以上1000元以下罚款，并责令补办',
        en: 'a warning, or 200–1,000 yuan',
        unit: sanctions({ warning: 'alternative', fine: fineRange(200, 1000) }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: CLAUSE,
      quote: '不向公安部门办理变更、注销或者备案手续的，处警告或者二百元以上一千元以下的罚款，并责令补办相关手续',
    },
  },
];
