/**
 * The penalty table: every handling clause of the rulebook (shared/seed, each regime's 监督检查处理
 * part) as a violation, with the party structure the rulebook gives and the statute it rests on. The
 * sanctions themselves live once, in the statute table (./statutes): a violation names either the
 * provision whose sanctions the rulebook quotes (`provisions`), or only the laws it cites (`laws`), in
 * which case the officer picks the article. Violation codes are stable strings: they are stored, typed
 * into the CLI and used as i18n keys.
 */
import type { RegimeCode } from '../regimes/entity-kinds.js';
import type { Bilingual } from '../shared/reason.js';
import type { PartyType, PenaltyPrecondition, Severity } from './sanctions.js';
import { STATUTE_ARTICLES } from './statutes/statute-table.js';

export * from './sanctions.js';

export interface LegalBasis extends Bilingual {
  /** True when the rulebook itself names this law for the sanction. */
  citedInSource: boolean;
}

export interface PenaltyRule {
  violation: string;
  regime: RegimeCode;
  zh: string;
  en: string;
  /** The rulebook clause this violation comes from. */
  clause: string;
  legalBasis: LegalBasis;
  /** Who the penalty is imposed on (a unit's responsible persons come with a unit). */
  parties: readonly PartyType[];
  /** Facts the rulebook requires before any sanction (beyond the article's own). */
  preconditions: readonly PenaltyPrecondition[];
  /** Severities the rulebook distinguishes. */
  severities: readonly Severity[];
  /** Provisions (statute table) whose sanctions the rulebook quotes for this violation. */
  provisions: readonly string[];
  /** Laws (statute table ids) whose articles may be applied. */
  laws: readonly string[];
  /** The rulebook's handling words, shortly. */
  handling: Bilingual;
  /** "可按照…进行处罚": a penalty is allowed, not required (R10's general handling). */
  optional?: boolean;
}

const PSAPL: LegalBasis = {
  zh: '《中华人民共和国治安管理处罚法》',
  en: 'Public Security Administration Punishments Law',
  citedInSource: true,
};
const SEAL_BASIS: LegalBasis = {
  zh: '规章 R09 监督检查处理 1（罚款未注明所依法律；吊销依《中华人民共和国治安管理处罚法》）',
  en: 'Rulebook R09 handling 1 (no law named for the fines; revocation under the Public Security Administration Punishments Law)',
  citedInSource: true,
};
const PAWN_BASIS: LegalBasis = { zh: '《典当管理办法》', en: 'Measures for the Administration of Pawning', citedInSource: true };
const ISPR_BASIS: LegalBasis = {
  zh: '《企业事业单位内部治安保卫条例》',
  en: 'Regulations on Internal Security of Enterprises and Institutions',
  citedInSource: true,
};

const rule = (r: Omit<PenaltyRule, 'severities' | 'provisions' | 'preconditions'> & Partial<PenaltyRule>): PenaltyRule => ({
  severities: ['standard'],
  provisions: [],
  preconditions: [],
  ...r,
});

/** A violation whose words and sanctions are those of one provision the rulebook quotes. */
function quoted(provision: string): Bilingual & { handling: Bilingual } {
  const a = STATUTE_ARTICLES.find((x) => x.provision === provision)!;
  return {
    zh: a.zh,
    en: a.en,
    handling: { zh: a.tiers.map((t) => t.zh).join('；'), en: a.tiers.map((t) => t.en).join('; ') },
  };
}

const BY_ARTICLE = (lawZh: string, lawEn: string): Bilingual => ({
  zh: `依据${lawZh}相关规定处罚（选择所适用的条款）`,
  en: `penalty under the ${lawEn} (pick the article applied)`,
});

export const PENALTY_TABLE: readonly PenaltyRule[] = [
  // R02 监督检查程序 4 / 监督检查处理: 对达不到整改要求的施工单位依法查处（《道路交通安全法》相关规定）.
  rule({
    violation: 'R02-CONSTRUCTION-UNRECTIFIED',
    regime: 'R02',
    zh: '占道施工单位达不到整改要求',
    en: 'road-works contractor did not meet the rectification order',
    clause: 'R02 监督检查程序 4；监督检查处理',
    legalBasis: { zh: '《中华人民共和国道路交通安全法》', en: 'Road Traffic Safety Law', citedInSource: true },
    parties: ['unit'],
    preconditions: ['overdue_rectification_inadequate'],
    severities: ['standard', 'serious'],
    laws: ['RTSL'],
    handling: BY_ARTICLE('《中华人民共和国道路交通安全法》', 'Road Traffic Safety Law'),
  }),
  // R03 监管措施（三）: 对生产经营单位及其直接负责的主管人员和其他直接责任人员予以行政处罚.
  rule({
    violation: 'R03-MAJOR-HAZARD-UNRECTIFIED',
    regime: 'R03',
    zh: '重大交通事故隐患拒不整改或整改不到位',
    en: 'major traffic-accident hazard not rectified, or inadequately',
    clause: 'R03 监管措施（三）',
    legalBasis: {
      zh: '《中华人民共和国安全生产法》《河北省安全生产条例》',
      en: 'Work Safety Law; Hebei Work Safety Regulations',
      citedInSource: true,
    },
    parties: ['unit'],
    preconditions: ['major_hazard_refused_or_inadequately_rectified'],
    severities: ['standard', 'serious'],
    laws: ['WSL', 'HEBEI-WS'],
    handling: {
      zh: '对生产经营单位及其直接负责的主管人员和其他直接责任人员予以行政处罚',
      en: 'the business and its responsible persons are penalised',
    },
  }),
  // R04 监督检查处理: 第94条 5–10倍 + 撤销检验资格; 与非法中介勾结的，从重处罚，并依法撤销检验资格.
  rule({
    violation: 'R04-FALSE-INSPECTION-RESULT',
    regime: 'R04',
    zh: '机动车检验机构出具虚假检验结果（情节严重：与非法中介勾结，从重处罚）',
    en: 'inspection agency issued false results (serious: in collusion with illegal agents, aggravated)',
    clause: 'R04 监督检查处理',
    legalBasis: { zh: '《中华人民共和国道路交通安全法》第九十四条', en: 'Road Traffic Safety Law, art. 94', citedInSource: true },
    parties: ['unit'],
    severities: ['standard', 'serious'],
    provisions: ['RTSL/false-inspection-result'],
    laws: ['RTSL'],
    handling: {
      zh: '所收检验费用五倍以上十倍以下罚款，并撤销检验资格；勾结非法中介的从重',
      en: '5–10 times the fees and the qualification revoked; aggravated for collusion',
    },
  }),
  // R05 监督检查处理: 根据《治安管理处罚法》《大型群众性活动安全管理条例》《河北省…办法》等依法查处.
  rule({
    violation: 'R05-EVENT-VIOLATION',
    regime: 'R05',
    zh: '大型群众性活动违法违规行为',
    en: 'violation at a large public event',
    clause: 'R05 监督检查处理',
    legalBasis: {
      zh: '《中华人民共和国治安管理处罚法》《大型群众性活动安全管理条例》《河北省大型群众性活动安全管理办法》',
      en: 'Public Security Administration Punishments Law; Regulations on Large Public Events; Hebei measures',
      citedInSource: true,
    },
    parties: ['unit', 'individual'],
    severities: ['standard', 'serious'],
    laws: ['PSAPL', 'LPE', 'HEBEI-LARGE-EVENTS'],
    handling: BY_ARTICLE('所引法律法规', 'cited laws'),
  }),
  // R06 监督检查处理: 依据《治安管理处罚法》《集会游行示威法》及其实施条例、河北省实施办法依法查处.
  rule({
    violation: 'R06-ASSEMBLY-VIOLATION',
    regime: 'R06',
    zh: '集会游行示威中的违法违规行为',
    en: 'violation in an assembly, procession or demonstration',
    clause: 'R06 监督检查处理',
    legalBasis: {
      zh: '《中华人民共和国治安管理处罚法》《中华人民共和国集会游行示威法》及其实施条例、河北省实施办法',
      en: 'Public Security Administration Punishments Law; Law on Assemblies, Processions and Demonstrations, its regulations and Hebei measures',
      citedInSource: true,
    },
    parties: ['individual'],
    severities: ['standard', 'serious'],
    laws: ['PSAPL', 'APDL', 'ASSEMBLY-IMPL', 'HEBEI-ASSEMBLY'],
    handling: BY_ARTICLE('所引法律法规', 'cited laws'),
  }),
  // R07 监督检查处理: 对违反《保安服务管理条例》的，依法给予行政处罚.
  rule({
    violation: 'R07-SECURITY-SERVICE-VIOLATION',
    regime: 'R07',
    zh: '违反《保安服务管理条例》',
    en: 'breach of the Security Services Regulations',
    clause: 'R07 监督检查处理',
    legalBasis: { zh: '《保安服务管理条例》', en: 'Regulations on the Administration of Security Services', citedInSource: true },
    parties: ['unit', 'individual'],
    severities: ['standard', 'serious'],
    laws: ['SSR'],
    handling: BY_ARTICLE('《保安服务管理条例》', 'Security Services Regulations'),
  }),
  // R08 监督检查处理: 依据《安全技术防范产品管理办法》追究相关单位和人员责任.
  rule({
    violation: 'R08-PRODUCT-REGISTRATION-VIOLATION',
    regime: 'R08',
    zh: '违反安全技术防范产品管理规定',
    en: 'breach of the security-product rules',
    clause: 'R08 监督检查处理',
    legalBasis: {
      zh: '《安全技术防范产品管理办法》',
      en: 'Measures for the Administration of Security-Technology Products',
      citedInSource: true,
    },
    parties: ['unit', 'individual'],
    severities: ['standard', 'serious'],
    laws: ['STPM'],
    handling: BY_ARTICLE('《安全技术防范产品管理办法》', 'Security-Technology Products Measures'),
  }),
  // R09 监督检查程序 5: 违反印章、旅馆、典当等管理办法的，责令改正，并按照《治安管理处罚法》等进行处罚 (hotels).
  rule({
    violation: 'R09-HOTEL-VIOLATION',
    regime: 'R09',
    zh: '旅馆违反特种行业治安管理规定',
    en: 'hotel in breach of the special-trade security rules',
    clause: 'R09 监督检查程序 5',
    legalBasis: PSAPL,
    parties: ['unit', 'individual'],
    severities: ['standard', 'serious'],
    laws: ['PSAPL'],
    handling: {
      zh: '责令改正，并按照《治安管理处罚法》等法律法规进行处罚',
      en: 'ordered to correct, and penalised under the punishments law',
    },
  }),
  // R09 监督检查处理 2: 情节严重的，依照《治安管理处罚法》有关规定，收缴《特种行业许可证》.
  rule({
    violation: 'R09-SPECIAL-TRADE-LICENCE-SEIZURE',
    regime: 'R09',
    zh: '特种行业从业单位违反相关法律规定，情节严重',
    en: 'special trade in serious breach of the law',
    clause: 'R09 监督检查处理 2',
    legalBasis: PSAPL,
    parties: ['unit'],
    severities: ['serious'],
    provisions: ['PSAPL/special-trade-licence-seizure'],
    laws: ['PSAPL'],
    handling: { zh: '收缴《特种行业许可证》', en: 'special-trade licence seized' },
  }),
  ...(
    [
      [
        'R09-SEAL-FACILITY-OR-RULES',
        'RULEBOOK-SEAL/facility-or-rules',
        ['rectification_deadline_passed_unmet'],
        ['standard', 'serious'],
      ],
      ['R09-SEAL-RECORDS-OR-UNAPPROVED-CHANGE', 'RULEBOOK-SEAL/records-or-change', [], ['standard', 'serious']],
      ['R09-SEAL-FILING-NOT-DONE', 'RULEBOOK-SEAL/filing', [], ['standard']],
    ] as const
  ).map(([violation, provision, preconditions, severities]) =>
    rule({
      violation,
      regime: 'R09',
      ...quoted(provision),
      clause: 'R09 监督检查处理 1',
      legalBasis: SEAL_BASIS,
      parties: ['unit'],
      preconditions,
      severities,
      provisions: [provision],
      laws: ['RULEBOOK-SEAL'],
    }),
  ),
  ...(
    [
      ['R09-PAWN-PROHIBITED-GOODS', 'PAWN/prohibited-goods', ['standard']],
      ['R09-PAWN-RECORDS-NOT-KEPT', 'PAWN/records-not-kept', ['standard']],
      ['R09-PAWN-WANTED-NOT-REPORTED', 'PAWN/wanted-not-reported', ['standard', 'serious']],
    ] as const
  ).map(([violation, provision, severities]) =>
    rule({
      violation,
      regime: 'R09',
      ...quoted(provision),
      clause: 'R09 监督检查处理 1',
      legalBasis: PAWN_BASIS,
      parties: ['unit'],
      severities,
      provisions: [provision],
      laws: ['PAWN'],
    }),
  ),
  // R10 监督检查处理: 三类收购行为，处500–1000元；情节严重的，处5–10日拘留，并处500–1000元.
  ...(
    [
      [
        'R10-SCRAP-SPECIAL-EQUIPMENT',
        '收购铁路、油田、供电、电信、矿山、水利、测量和城市公用设施等废旧专用器材',
        'bought scrap special equipment (railway, oilfield, power, telecom, mining, water, survey, public utilities)',
      ],
      [
        'R10-SCRAP-STOLEN-GOODS',
        '收购公安机关通报寻查的赃物或者有赃物嫌疑的物品',
        'bought goods the police circulated as stolen, or suspected stolen goods',
      ],
      ['R10-SCRAP-PROHIBITED-ITEMS', '收购国家禁止收购的其他物品', 'bought other items the state prohibits buying'],
    ] as const
  ).map(([violation, zh, en]) =>
    rule({
      violation,
      regime: 'R10',
      zh,
      en,
      clause: 'R10 监督检查处理',
      legalBasis: PSAPL,
      parties: ['unit', 'individual'],
      severities: ['standard', 'serious'],
      provisions: ['PSAPL/scrap-metal-purchase'],
      laws: ['PSAPL'],
      handling: {
        zh: '处500–1000元罚款；情节严重的，处5–10日拘留并处罚款（企业：罚款，并拘留其直接责任人员）',
        en: '500–1,000 yuan; serious: 5–10 days’ detention plus the fine (enterprise: fined, its responsible persons detained)',
      },
    }),
  ),
  // R10 监督检查处理: 违反收购废旧金属相关管理办法的，责令其改正，可按照《治安管理处罚法》等进行处罚.
  rule({
    violation: 'R10-GENERAL-VIOLATION',
    regime: 'R10',
    zh: '违反收购废旧金属企业和个人相关管理办法',
    en: 'breach of the scrap-metal buyers’ rules',
    clause: 'R10 监督检查处理',
    legalBasis: PSAPL,
    parties: ['unit', 'individual'],
    severities: ['standard', 'serious'],
    laws: ['PSAPL'],
    optional: true,
    handling: {
      zh: '责令改正，可按照《治安管理处罚法》等法律法规进行处罚',
      en: 'ordered to correct; may be penalised under the punishments law',
    },
  }),
  // R10 监督检查措施 1–2: 不如实登记收购信息、不按规定备案的，责令限期改正；情节严重的，依照《治安管理处罚法》立案查处.
  rule({
    violation: 'R10-REGISTRATION-OR-FILING',
    regime: 'R10',
    zh: '不按规定如实登记收购信息或不按规定向公安机关备案，情节严重',
    en: 'purchases not registered truthfully or not filed with the police, serious',
    clause: 'R10 监督检查措施 1–2',
    legalBasis: PSAPL,
    parties: ['unit', 'individual'],
    preconditions: ['rectification_deadline_passed_unmet'],
    severities: ['serious'],
    laws: ['PSAPL'],
    handling: {
      zh: '责令限期改正；情节严重的，依照《治安管理处罚法》立案查处',
      en: 'ordered to correct; if serious, a case under the punishments law',
    },
  }),
  // R11 监督检查处理: 依据《互联网上网服务营业场所管理条例》相关规定给予行政处罚.
  rule({
    violation: 'R11-INTERNET-CAFE-VIOLATION',
    regime: 'R11',
    zh: '互联网上网服务营业场所违反管理条例',
    en: 'internet café in breach of its regulations',
    clause: 'R11 监督检查处理',
    legalBasis: {
      zh: '《互联网上网服务营业场所管理条例》',
      en: 'Regulations on Internet Service Business Premises',
      citedInSource: true,
    },
    parties: ['unit'],
    severities: ['standard', 'serious'],
    laws: ['ISBP'],
    handling: BY_ARTICLE('《互联网上网服务营业场所管理条例》', 'Internet Service Premises Regulations'),
  }),
  // R12 监督检查处理: 逾期整改不到位的予以行政处罚（《信息安全等级保护管理办法》）.
  rule({
    violation: 'R12-GRADED-PROTECTION-VIOLATION',
    regime: 'R12',
    zh: '未落实网络安全管理制度或违反等级保护要求',
    en: 'graded-protection or network-security rules not implemented',
    clause: 'R12 监督检查处理',
    legalBasis: {
      zh: '《信息安全等级保护管理办法》',
      en: 'Measures for Graded Protection of Information Security',
      citedInSource: true,
    },
    parties: ['unit'],
    preconditions: ['overdue_rectification_inadequate'],
    severities: ['standard', 'serious'],
    laws: ['MLPS'],
    handling: BY_ARTICLE('《信息安全等级保护管理办法》', 'Graded Protection Measures'),
  }),
  // R13 监督检查处理: 逾期整改不到位的予以行政处罚（《计算机信息网络国际联网安全保护管理办法》）.
  rule({
    violation: 'R13-NETWORKED-UNIT-VIOLATION',
    regime: 'R13',
    zh: '联网单位未建立安全保护管理制度或未落实技术措施',
    en: 'networked unit without security rules or technical measures',
    clause: 'R13 监督检查处理',
    legalBasis: {
      zh: '《计算机信息网络国际联网安全保护管理办法》',
      en: 'Measures for Security Protection of International Networking of Computer Information Networks',
      citedInSource: true,
    },
    parties: ['unit'],
    preconditions: ['overdue_rectification_inadequate'],
    severities: ['standard', 'serious'],
    laws: ['CINS'],
    handling: BY_ARTICLE('《计算机信息网络国际联网安全保护管理办法》', 'International Networking Measures'),
  }),
  // R14 监督检查措施 2: 存在治安隐患的，责令限期整改，并处警告.
  rule({
    violation: 'R14-BANK-SECURITY-HAZARD',
    regime: 'R14',
    zh: '金融单位存在治安隐患',
    en: 'bank premises have a security hazard',
    clause: 'R14 监督检查措施 2',
    legalBasis: ISPR_BASIS,
    parties: ['unit'],
    provisions: ['ISPR/security-hazard'],
    laws: ['ISPR'],
    handling: { zh: '责令限期整改，并处警告', en: 'ordered to rectify, and a warning' },
  }),
  // R14 监督检查措施 2: 逾期不整改，造成损害或严重威胁安全的，单位1–10万元，主要负责人和其他直接责任人员500–5000元.
  rule({
    violation: 'R14-BANK-OVERDUE-RECTIFICATION',
    regime: 'R14',
    zh: '金融单位逾期不整改治安隐患，造成损害或严重威胁安全',
    en: 'bank did not rectify in time, with harm or a serious threat',
    clause: 'R14 监督检查措施 2',
    legalBasis: ISPR_BASIS,
    parties: ['unit'],
    preconditions: ['overdue_rectification_with_harm_or_serious_threat'],
    provisions: ['ISPR/overdue-hazard-with-harm'],
    laws: ['ISPR'],
    handling: {
      zh: '单位10000–100000元；主要负责人和其他直接责任人员各500–5000元',
      en: 'unit 10,000–100,000 yuan; head and directly responsible persons 500–5,000 yuan each',
    },
  }),
];

export type ViolationCode = string;

export const VIOLATION_CODES: readonly ViolationCode[] = PENALTY_TABLE.map((r) => r.violation);

export function findPenaltyRule(violation: ViolationCode): PenaltyRule | undefined {
  return PENALTY_TABLE.find((r) => r.violation === violation);
}
