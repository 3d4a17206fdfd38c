/**
 * The penalty table: every sanction the rulebook (shared/seed, each regime's 监督检查处理 part)
 * states, with the legal basis it cites. Money is in fen (integer, 1 yuan = 100 fen) to stay exact.
 * Violation codes are stable strings: they are stored, typed into the CLI and used as i18n keys.
 */
import type { RegimeCode } from '../regimes/entity-kinds.js';
import type { Bilingual } from '../shared/reason.js';

export const FEN_PER_YUAN = 100;
export const yuan = (amount: number): number => amount * FEN_PER_YUAN;

export type Severity = 'standard' | 'serious';
export type PartyType = 'unit' | 'individual';

/** Facts that must be established before a sanction may be imposed. */
export type PenaltyPrecondition =
  | 'rectification_deadline_passed_unmet'
  | 'overdue_rectification_with_harm_or_serious_threat'
  | 'major_hazard_refused_or_inadequately_rectified'
  | 'overdue_rectification_inadequate';

export const PRECONDITION_TEXT: Readonly<Record<PenaltyPrecondition, Bilingual>> = {
  rectification_deadline_passed_unmet: {
    zh: '已责令限期改正且逾期未改正',
    en: 'a rectification deadline was set and passed unmet',
  },
  overdue_rectification_with_harm_or_serious_threat: {
    zh: '逾期不整改，并造成人身伤害、财产损失或严重威胁人身、财产、公共安全',
    en: 'rectification overdue, and it caused injury or loss or seriously threatened personal, property or public safety',
  },
  major_hazard_refused_or_inadequately_rectified: {
    zh: '存在重大事故隐患拒不整改或整改不到位',
    en: 'a major hazard was left unrectified or inadequately rectified',
  },
  overdue_rectification_inadequate: { zh: '逾期整改不到位', en: 'rectification overdue or inadequate' },
};

export interface FenRange {
  minFen: number;
  maxFen: number;
}

export type FineSpec =
  | ({ kind: 'range' } & FenRange)
  /** R04: a multiple of the inspection fees collected. */
  | { kind: 'multiple'; minTimes: number; maxTimes: number; base: 'inspection_fees' }
  /** The rulebook names the law but states no range; only preconditions and procedure are checked. */
  | { kind: 'unquantified' };

export interface PenaltyTier {
  severity: Severity;
  zh: string;
  en: string;
  /**
   * none: no warning provided for; alternative: "a warning, or a fine" (exactly one of them);
   * required: a warning is the sanction (no fine).
   */
  warning: 'none' | 'alternative' | 'required';
  fine: FineSpec | null;
  /** Whether the fine must be imposed (并处) rather than merely allowed. */
  fineRequired: boolean;
  /** Fines on the unit's head and directly responsible persons, each within this range. */
  individualFine: FenRange | null;
  /** Whether the head must be fined too (the seed's "处", not "可以"). */
  individualFineRequired: boolean;
  /** Administrative detention in days; when present it must be imposed (individuals only). */
  detention: { minDays: number; maxDays: number } | null;
  revocation: 'none' | 'allowed' | 'required';
  suspension: 'none' | 'allowed';
}

export interface LegalBasis extends Bilingual {
  /** True when the seed itself names this law for the sanction; false when it only quotes the range. */
  citedInSource: boolean;
}

export interface PenaltyRule {
  violation: string;
  regime: RegimeCode;
  zh: string;
  en: string;
  clause: string;
  legalBasis: LegalBasis;
  parties: readonly PartyType[];
  preconditions: readonly PenaltyPrecondition[];
  tiers: readonly PenaltyTier[];
}

const tier = (t: Partial<PenaltyTier> & Pick<PenaltyTier, 'severity' | 'zh' | 'en'>): PenaltyTier => ({
  warning: 'none',
  fine: null,
  fineRequired: false,
  individualFine: null,
  individualFineRequired: false,
  detention: null,
  revocation: 'none',
  suspension: 'none',
  ...t,
});
const range = (minYuan: number, maxYuan: number): FineSpec => ({ kind: 'range', minFen: yuan(minYuan), maxFen: yuan(maxYuan) });
const UNQUANTIFIED: FineSpec = { kind: 'unquantified' };

const SECURITY_LAW: LegalBasis = {
  zh: '《中华人民共和国治安管理处罚法》',
  en: 'Public Security Administration Punishments Law',
  citedInSource: true,
};

export const PENALTY_TABLE: readonly PenaltyRule[] = [
  // R03: 存在重大交通事故隐患拒不整改或整改不到位的，依据《安全生产法》《河北省安全生产条例》予以行政处罚。
  {
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
    parties: ['unit', 'individual'],
    preconditions: ['major_hazard_refused_or_inadequately_rectified'],
    tiers: [
      tier({
        severity: 'standard',
        zh: '依安全生产法处罚',
        en: 'penalty under the Work Safety Law',
        fine: UNQUANTIFIED,
        suspension: 'allowed',
      }),
    ],
  },
  // R04: 出具虚假检验结果，依《道路交通安全法》第94条处所收检验费用五倍以上十倍以下罚款，并依法撤销检验资格。
  {
    violation: 'R04-FALSE-INSPECTION-RESULT',
    regime: 'R04',
    zh: '机动车检验机构出具虚假检验结果',
    en: 'inspection agency issued false inspection results',
    clause: 'R04 监督检查处理',
    legalBasis: { zh: '《中华人民共和国道路交通安全法》第九十四条', en: 'Road Traffic Safety Law, art. 94', citedInSource: true },
    parties: ['unit'],
    preconditions: [],
    tiers: [
      tier({
        severity: 'standard',
        zh: '所收检验费用五倍以上十倍以下罚款，并撤销检验资格',
        en: '5 to 10 times the inspection fees collected, and qualification revoked',
        fine: { kind: 'multiple', minTimes: 5, maxTimes: 10, base: 'inspection_fees' },
        fineRequired: true,
        revocation: 'required',
      }),
    ],
  },
  // R09 seal engravers: 擅自改变设施设备或拒不落实制度，责令限期改正；逾期不改正的，处1000–5000元；情节严重的，吊销许可证。
  {
    violation: 'R09-SEAL-FACILITY-OR-RULES',
    regime: 'R09',
    zh: '印章刻制单位擅自改变设施设备或拒不落实安全、治安管理制度',
    en: 'seal engraver changed facilities without approval or refused security rules',
    clause: 'R09 监督检查处理 1',
    legalBasis: SECURITY_LAW,
    parties: ['unit'],
    preconditions: ['rectification_deadline_passed_unmet'],
    tiers: [
      tier({
        severity: 'standard',
        zh: '逾期不改正：1000–5000元罚款',
        en: 'not corrected in time: 1,000–5,000 yuan',
        fine: range(1000, 5000),
        fineRequired: true,
      }),
      tier({
        severity: 'serious',
        zh: '情节严重：吊销《特种行业许可证》',
        en: 'serious: special-trade licence revoked',
        fine: range(1000, 5000),
        revocation: 'required',
      }),
    ],
  },
  // R09 seal engravers: 未将刻制信息存入系统、擅自改变名称地址负责人、未按时备案：责令改正并处5000–30000元；情节严重的，吊销。
  {
    violation: 'R09-SEAL-RECORDS-OR-UNAPPROVED-CHANGE',
    regime: 'R09',
    zh: '未将刻制信息存入印章治安管理信息系统、擅自改变字号名称经营地址负责人或未按时备案',
    en: 'seal details not recorded in the system, unapproved change of name/address/head, or filing late',
    clause: 'R09 监督检查处理 1',
    legalBasis: SECURITY_LAW,
    parties: ['unit'],
    preconditions: [],
    tiers: [
      tier({
        severity: 'standard',
        zh: '责令改正，并处5000–30000元罚款',
        en: 'corrected, and 5,000–30,000 yuan',
        fine: range(5000, 30000),
        fineRequired: true,
      }),
      tier({
        severity: 'serious',
        zh: '情节严重：并吊销《特种行业许可证》',
        en: 'serious: licence also revoked',
        fine: range(5000, 30000),
        fineRequired: true,
        revocation: 'required',
      }),
    ],
  },
  // R09 seal engravers: 不办理变更、注销或者备案手续的，处警告或者200–1000元罚款，并责令补办。
  {
    violation: 'R09-SEAL-FILING-NOT-DONE',
    regime: 'R09',
    zh: '印章刻制单位不办理变更、注销或者备案手续',
    en: 'seal engraver did not apply for change, cancellation or filing',
    clause: 'R09 监督检查处理 1',
    legalBasis: SECURITY_LAW,
    parties: ['unit'],
    preconditions: [],
    tiers: [
      tier({
        severity: 'standard',
        zh: '警告或者200–1000元罚款',
        en: 'a warning, or 200–1,000 yuan',
        warning: 'alternative',
        fine: range(200, 1000),
      }),
    ],
  },
  // R09 pawnshops: 收当公安机关明令禁止财物的，责令改正，并处5000–30000元。
  {
    violation: 'R09-PAWN-PROHIBITED-GOODS',
    regime: 'R09',
    zh: '典当行收当公安机关明令禁止的财物',
    en: 'pawnshop took goods the police prohibit',
    clause: 'R09 监督检查处理 1',
    legalBasis: { zh: '《典当管理办法》', en: 'Measures for the Administration of Pawning', citedInSource: true },
    parties: ['unit'],
    preconditions: [],
    tiers: [
      tier({
        severity: 'standard',
        zh: '5000–30000元罚款',
        en: '5,000–30,000 yuan',
        fine: range(5000, 30000),
        fineRequired: true,
      }),
    ],
  },
  // R09 pawnshops: 未如实记录、统计质押当物和当户信息并报送备查的，并处200–1000元。
  {
    violation: 'R09-PAWN-RECORDS-NOT-KEPT',
    regime: 'R09',
    zh: '典当行未如实记录、统计并报送质押当物和当户信息',
    en: 'pawnshop did not record or report pledges and customers',
    clause: 'R09 监督检查处理 1',
    legalBasis: { zh: '《典当管理办法》', en: 'Measures for the Administration of Pawning', citedInSource: false },
    parties: ['unit'],
    preconditions: [],
    tiers: [
      tier({ severity: 'standard', zh: '200–1000元罚款', en: '200–1,000 yuan', fine: range(200, 1000), fineRequired: true }),
    ],
  },
  // R09 pawnshops: 发现通报协查人员或赃物未立即报告，并处2000–10000元；造成严重后果或屡教不改的，5000–30000元。
  {
    violation: 'R09-PAWN-WANTED-NOT-REPORTED',
    regime: 'R09',
    zh: '典当行发现通报协查的人员或赃物未立即报告',
    en: 'pawnshop did not report wanted persons or stolen goods',
    clause: 'R09 监督检查处理 1',
    legalBasis: { zh: '《典当管理办法》', en: 'Measures for the Administration of Pawning', citedInSource: false },
    parties: ['unit'],
    preconditions: [],
    tiers: [
      tier({
        severity: 'standard',
        zh: '2000–10000元罚款',
        en: '2,000–10,000 yuan',
        fine: range(2000, 10000),
        fineRequired: true,
      }),
      tier({
        severity: 'serious',
        zh: '造成严重后果或屡教不改：5000–30000元罚款',
        en: 'serious consequences or repeated: 5,000–30,000 yuan',
        fine: range(5000, 30000),
        fineRequired: true,
      }),
    ],
  },
  // R10: 三类违法收购行为，处500–1000元；情节严重的，处5–10日拘留，并处500–1000元。
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
  ).map(([violation, zh, en]): PenaltyRule => ({
    violation,
    regime: 'R10',
    zh,
    en,
    clause: 'R10 监督检查处理',
    legalBasis: SECURITY_LAW,
    parties: ['unit', 'individual'],
    preconditions: [],
    tiers: [
      tier({ severity: 'standard', zh: '500–1000元罚款', en: '500–1,000 yuan', fine: range(500, 1000), fineRequired: true }),
      tier({
        severity: 'serious',
        zh: '情节严重：5–10日拘留，并处500–1000元罚款',
        en: 'serious: 5–10 days’ detention plus 500–1,000 yuan',
        fine: range(500, 1000),
        fineRequired: true,
        detention: { minDays: 5, maxDays: 10 },
      }),
    ],
  })),
  // R14: 存在治安隐患的，责令限期整改，并处警告。
  {
    violation: 'R14-BANK-SECURITY-HAZARD',
    regime: 'R14',
    zh: '金融单位存在治安隐患',
    en: 'bank premises have a security hazard',
    clause: 'R14 监督检查措施 2',
    legalBasis: {
      zh: '《企业事业单位内部治安保卫条例》',
      en: 'Regulations on Internal Security of Enterprises and Institutions',
      citedInSource: false,
    },
    parties: ['unit'],
    preconditions: [],
    tiers: [
      tier({ severity: 'standard', zh: '责令限期整改，并处警告', en: 'ordered to rectify, and a warning', warning: 'required' }),
    ],
  },
  // R14: 逾期不整改，造成损害或严重威胁安全的，对单位处1–10万元，对主要负责人和其他直接责任人员处500–5000元。
  {
    violation: 'R14-BANK-OVERDUE-RECTIFICATION',
    regime: 'R14',
    zh: '金融单位逾期不整改治安隐患，造成损害或严重威胁安全',
    en: 'bank did not rectify in time, with harm or a serious threat',
    clause: 'R14 监督检查措施 2',
    legalBasis: {
      zh: '《企业事业单位内部治安保卫条例》',
      en: 'Regulations on Internal Security of Enterprises and Institutions',
      citedInSource: false,
    },
    parties: ['unit'],
    preconditions: ['overdue_rectification_with_harm_or_serious_threat'],
    tiers: [
      tier({
        severity: 'standard',
        zh: '单位10000–100000元；主要负责人和其他直接责任人员各500–5000元',
        en: 'unit 10,000–100,000 yuan; head and directly responsible persons 500–5,000 yuan each',
        fine: range(10000, 100000),
        fineRequired: true,
        individualFine: { minFen: yuan(500), maxFen: yuan(5000) },
        // R14 监督检查措施 2: "对单位主要负责人和其他直接责任人员处500元以上5000元以下的罚款": mandatory.
        individualFineRequired: true,
      }),
    ],
  },
  // Regimes whose handling part names a law but states no amount.
  ...(
    [
      [
        'R05-EVENT-VIOLATION',
        'R05',
        '大型群众性活动违法违规行为',
        'violation at a large public event',
        '《中华人民共和国治安管理处罚法》《大型群众性活动安全管理条例》《河北省大型群众性活动安全管理办法》',
        'Public Security Administration Punishments Law; Regulations on Large Public Events; Hebei measures',
        [],
        'R05 监督检查处理',
      ],
      [
        'R06-ASSEMBLY-VIOLATION',
        'R06',
        '集会游行示威中的违法违规行为',
        'violation in an assembly, procession or demonstration',
        '《中华人民共和国治安管理处罚法》《中华人民共和国集会游行示威法》及其实施条例',
        'Public Security Administration Punishments Law; Law on Assemblies, Processions and Demonstrations',
        [],
        'R06 监督检查处理',
      ],
      [
        'R07-SECURITY-SERVICE-VIOLATION',
        'R07',
        '违反《保安服务管理条例》',
        'breach of the Security Services Regulations',
        '《保安服务管理条例》',
        'Regulations on the Administration of Security Services',
        [],
        'R07 监督检查处理',
      ],
      [
        'R08-PRODUCT-REGISTRATION-VIOLATION',
        'R08',
        '违反安全技术防范产品管理规定',
        'breach of the security-product rules',
        '《安全技术防范产品管理办法》',
        'Measures for the Administration of Security-Technology Products',
        [],
        'R08 监督检查处理',
      ],
      [
        'R11-INTERNET-CAFE-VIOLATION',
        'R11',
        '互联网上网服务营业场所违反管理条例',
        'internet café in breach of its regulations',
        '《互联网上网服务营业场所管理条例》',
        'Regulations on Internet Service Business Premises',
        [],
        'R11 监督检查处理',
      ],
      [
        'R12-GRADED-PROTECTION-VIOLATION',
        'R12',
        '未落实网络安全管理制度或违反等级保护要求',
        'graded-protection or network-security rules not implemented',
        '《信息安全等级保护管理办法》',
        'Measures for Graded Protection of Information Security',
        ['overdue_rectification_inadequate'],
        'R12 监督检查处理',
      ],
      [
        'R13-NETWORKED-UNIT-VIOLATION',
        'R13',
        '联网单位未建立安全保护管理制度或未落实技术措施',
        'networked unit without security rules or technical measures',
        '《计算机信息网络国际联网安全保护管理办法》',
        'Measures for Security Protection of International Networking of Computer Information Networks',
        ['overdue_rectification_inadequate'],
        'R13 监督检查处理',
      ],
    ] as const
  ).map(([violation, regime, zh, en, lawZh, lawEn, preconditions, clause]): PenaltyRule => ({
    violation,
    regime,
    zh,
    en,
    clause,
    legalBasis: { zh: lawZh, en: lawEn, citedInSource: true },
    parties: ['unit', 'individual'],
    preconditions,
    tiers: [tier({ severity: 'standard', zh: '依所引法规处罚', en: 'penalty under the cited law', fine: UNQUANTIFIED })],
  })),
];

export type ViolationCode = string;

export const VIOLATION_CODES: readonly ViolationCode[] = PENALTY_TABLE.map((r) => r.violation);

export function findPenaltyRule(violation: ViolationCode): PenaltyRule | undefined {
  return PENALTY_TABLE.find((r) => r.violation === violation);
}
