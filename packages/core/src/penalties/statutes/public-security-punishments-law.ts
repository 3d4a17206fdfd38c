/**
 * 《中华人民共和国治安管理处罚法》: cited by R05, R06, R09 and R10. Two versions matter: the 2012
 * amendment, in force until 2025-12-31, and the 2025 revision, in force from 2026-01-01 (issue 11).
 * The 2025 text is not available here: the table holds no article of it, so every sanction under it
 * needs a recorded legal review (法制审核) naming the article.
 */
import { days, fineRange, persons, sanctionTier, sanctions } from '../sanctions.js';
import type { StatuteArticle, StatuteLaw } from './statute-types.js';

export const PSAPL_2012 = 'PSAPL-2012';
export const PSAPL_2025 = 'PSAPL-2025';

export const PUBLIC_SECURITY_PUNISHMENTS_LAW: StatuteLaw = {
  id: 'PSAPL',
  zh: '《中华人民共和国治安管理处罚法》',
  en: 'Public Security Administration Punishments Law',
  versions: [
    {
      id: PSAPL_2012,
      lawId: 'PSAPL',
      zh: '2012年修正本',
      en: '2012 amendment',
      inForceFrom: '2013-01-01',
      inForceUntil: '2025-12-31',
      datesSource: 'end date: issue 11 (the 2025 revision takes effect 2026-01-01); start date from memory, unverified',
    },
    {
      id: PSAPL_2025,
      lawId: 'PSAPL',
      zh: '2025年修订本',
      en: '2025 revision',
      inForceFrom: '2026-01-01',
      inForceUntil: null,
      datesSource: 'issue 11 (revised 2025, in force from 2026-01-01)',
    },
  ],
  note: 'The 2025 revision’s text is not available here: none of its articles is in the table.',
};

export const PUBLIC_SECURITY_PUNISHMENTS_ARTICLES: readonly StatuteArticle[] = [
  {
    // R10 监督检查处理 quotes the sanctions; the article number is not in the rulebook.
    id: 'PSAPL-2012-59',
    lawId: 'PSAPL',
    versionId: PSAPL_2012,
    provision: 'PSAPL/scrap-metal-purchase',
    article: '第五十九条',
    zh: '违反国家规定收购废旧专用器材、通报寻查的赃物或有赃物嫌疑的物品、国家禁止收购的其他物品',
    en: 'buying scrap special equipment, goods circulated as stolen or suspected stolen, or other prohibited items',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '处500–1000元罚款',
        en: '500–1,000 yuan',
        individual: sanctions({ fine: fineRange(500, 1000), fineRequired: true }),
        // R10: "收购废旧金属企业和个人…处…罚款": the enterprise is fined.
        unit: sanctions({ fine: fineRange(500, 1000), fineRequired: true }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '情节严重：处5–10日拘留，并处500–1000元罚款；企业：对企业罚款，对其直接负责的主管人员和其他直接责任人员拘留',
        en: 'serious: 5–10 days’ detention and 500–1,000 yuan; an enterprise is fined and its responsible persons detained',
        individual: sanctions({
          fine: fineRange(500, 1000),
          fineRequired: true,
          detention: days(5, 10),
          detentionRequired: true,
        }),
        unit: sanctions({ fine: fineRange(500, 1000), fineRequired: true }),
        // 治安管理处罚法 第十八条: a unit's offence is punished on its responsible persons; only a person is detained.
        persons: persons({ detention: days(5, 10), detentionRequired: true, requiredOn: 'any' }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: 'R10 监督检查处理',
      quote: '以上行为处五百元以上一千元以下罚款；情节严重的，处五日以上十日以下拘留，并处五百元以上一千元以下罚款',
      note: 'The sanctions are the rulebook’s; the article number (第五十九条) is from memory. The enterprise/persons split follows issue 11 and 第十八条.',
    },
  },
  {
    // R09 监督检查处理 2: 情节严重的，依照《治安管理处罚法》有关规定，予以收缴《特种行业许可证》.
    id: 'PSAPL-2012-SPECIAL-TRADE-LICENCE',
    lawId: 'PSAPL',
    versionId: PSAPL_2012,
    provision: 'PSAPL/special-trade-licence-seizure',
    article: null,
    zh: '特种行业从业单位违反相关法律规定，情节严重：收缴《特种行业许可证》',
    en: 'special trade in serious breach of the law: its special-trade licence seized',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'serious',
        zh: '情节严重：收缴《特种行业许可证》',
        en: 'serious: special-trade licence seized',
        unit: sanctions({ confiscation: 'required' }),
      }),
    ],
    verification: {
      kind: 'seed',
      clause: 'R09 监督检查处理 2',
      quote:
        '对违反相关法律规定，情节严重的，依照《中华人民共和国治安管理处罚法》有关规定，由县级以上人民政府公安部门予以收缴《特种行业许可证》',
      note: 'The rulebook names no article number.',
    },
  },
  {
    id: 'PSAPL-2012-56',
    lawId: 'PSAPL',
    versionId: PSAPL_2012,
    provision: 'PSAPL/hotel-registration',
    article: '第五十六条',
    zh: '旅馆业工作人员不按规定登记住宿旅客信息、明知旅客带入危险物质不制止、明知犯罪嫌疑人或被通缉人员不报告',
    en: 'hotel staff did not register guests, let dangerous substances in, or did not report wanted persons',
    preconditions: [],
    tiers: [
      sanctionTier({
        severity: 'standard',
        zh: '处200–500元罚款',
        en: '200–500 yuan',
        individual: sanctions({ fine: fineRange(200, 500), fineRequired: true }),
      }),
      sanctionTier({
        severity: 'serious',
        zh: '明知犯罪嫌疑人不报告，情节严重：处5日以下拘留，可以并处500元以下罚款',
        en: 'wanted person not reported, serious: up to 5 days’ detention, optionally up to 500 yuan',
        individual: sanctions({ detention: days(1, 5), detentionRequired: true, fine: fineRange(0, 500) }),
      }),
    ],
    verification: {
      kind: 'unverified',
      note: 'From memory; the rulebook (R09) only says 按照《治安管理处罚法》等法律法规进行处罚. Confirm against the official text.',
    },
  },
];
