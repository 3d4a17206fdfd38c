/**
 * The regime catalogue: R01–R14 as data, drawn from the seed's six parts of each regime.
 * Checklist items come from 监督检查内容 (content); methods from 监督检查方式; measures from
 * 监督检查措施; penalties from the penalty table (监督检查处理). Scheduling rules are versioned
 * separately (schedule-rules.ts) and linked here by regime.
 */
import { type EntityKind, ENTITY_KINDS, REGIME_CODES, type RegimeCode } from './entity-kinds.js';
import { type RuleSetVersion, SCHEDULE_RULE_VERSIONS } from './schedule-rules.js';
import { PENALTY_TABLE, type PenaltyRule } from '../penalties/penalty-table.js';
import { PROCEDURE_REQUIREMENTS, type ProcedureRequirement } from '../procedure/record-closing-gate.js';
import type { Bilingual } from '../shared/reason.js';

export interface ChecklistItem extends Bilingual {
  /** Stable id, `${regime}-C${n}`. */
  id: string;
}

/** How an inspection comes about (domain.md: the "methods" part of each regime). */
export type InspectionTrigger =
  'schedule' | 'sampling' | 'patrol' | 'complaint' | 'post_case_review' | 'event' | 'technical_monitoring' | 'satisfaction_rater';

// R03 监管措施（六）: dishonesty is graded and pushed to the provincial credit platform.
export const R03_DISHONESTY_GRADES = [
  { code: 'general', zh: '一般失信', en: 'general dishonesty' },
  { code: 'serious', zh: '较重失信', en: 'serious dishonesty' },
  { code: 'severe', zh: '严重失信', en: 'severe dishonesty' },
] as const;
export type R03DishonestyGrade = (typeof R03_DISHONESTY_GRADES)[number]['code'];

export interface RegimeDefinition {
  code: RegimeCode;
  zh: string;
  en: string;
  brigade: Bilingual;
  targetKinds: readonly EntityKind[];
  checklist: readonly ChecklistItem[];
  methods: readonly Bilingual[];
  triggers: readonly InspectionTrigger[];
  measures: readonly Bilingual[];
  penalties: readonly PenaltyRule[];
  procedure: ProcedureRequirement;
  /** Versioned scheduling rules; empty when the seed sets no fixed frequency. */
  scheduleVersions: readonly RuleSetVersion[];
}

const EXIT_ENTRY: Bilingual = { zh: '出入境管理大队', en: 'Exit-Entry Administration Brigade' };
const TRAFFIC: Bilingual = { zh: '交通警察大队', en: 'Traffic Police Brigade' };
const PUBLIC_ORDER: Bilingual = { zh: '治安管理大队', en: 'Public Order Brigade' };
const CYBER: Bilingual = { zh: '网络安全管理大队', en: 'Cybersecurity Brigade' };

type Pair = readonly [zh: string, en: string];
const items = (regime: RegimeCode, pairs: readonly Pair[]): ChecklistItem[] =>
  pairs.map(([zh, en], i) => ({ id: `${regime}-C${i + 1}`, zh, en }));
const list = (pairs: readonly Pair[]): Bilingual[] => pairs.map(([zh, en]) => ({ zh, en }));

interface RegimeText {
  zh: string;
  en: string;
  brigade: Bilingual;
  checklist: readonly Pair[];
  methods: readonly Pair[];
  measures: readonly Pair[];
}

const TRIGGERS: Record<RegimeCode, readonly InspectionTrigger[]> = {
  R01: ['complaint', 'satisfaction_rater'],
  R02: ['patrol', 'complaint'],
  R03: ['schedule', 'sampling', 'complaint', 'technical_monitoring'],
  R04: ['patrol', 'sampling', 'technical_monitoring'],
  R05: ['event', 'complaint'],
  R06: ['event', 'complaint'],
  R07: ['patrol', 'schedule', 'sampling'],
  R08: ['schedule', 'sampling'],
  R09: ['patrol', 'schedule', 'post_case_review', 'complaint'],
  R10: ['patrol', 'schedule', 'post_case_review', 'complaint'],
  R11: ['patrol', 'complaint', 'post_case_review'],
  R12: ['patrol', 'technical_monitoring', 'post_case_review'],
  R13: ['patrol', 'technical_monitoring', 'post_case_review'],
  R14: ['schedule', 'sampling', 'patrol', 'complaint'],
};

const TEXT: Record<RegimeCode, RegimeText> = {
  R01: {
    zh: '办理中国公民出入境证件的监督管理',
    en: 'exit-entry document services',
    brigade: EXIT_ENTRY,
    checklist: [
      ['工作人员是否依法、依规开展办理中国公民出入境证件业务', 'staff handle exit-entry documents lawfully and by the rules'],
    ],
    methods: [
      ['群众监督、投诉（监督电话）', 'public complaints and supervision hotlines'],
      ['窗口服务评价器', 'window satisfaction rater'],
      ['窗口意见箱', 'window suggestion box'],
      ['市、区行风监督', 'city and district conduct oversight'],
    ],
    measures: [
      ['监督电话随时接受群众监督并按规定时限回复', 'hotline complaints answered within the set time'],
      ['窗口服务评价器结果作为工作考评标准之一', 'satisfaction-rater results count in staff appraisal'],
      [
        '投诉较多、满意率较低的工作人员教育培训、调离或调整岗位',
        'staff with many complaints or low satisfaction retrained or moved',
      ],
    ],
  },
  R02: {
    zh: '占道施工',
    en: 'road-occupying construction',
    brigade: TRAFFIC,
    checklist: [
      ['是否按照施工方案进行施工围挡', 'works fenced as the approved plan requires'],
      ['是否按施工方案设置施工提示标志及必要的交通指示标志', 'warning and traffic signs set as the plan requires'],
      ['是否按期完工，有无逾期施工、超面积围挡', 'finished on time; no overrun or over-sized fencing'],
    ],
    methods: [
      ['现场检查与走访暗查相结合', 'site checks combined with unannounced visits'],
      ['根据群众举报调查', 'investigation of public reports'],
    ],
    measures: [
      ['下达整改通知书，责令立即停工整改', 'rectification notice: stop work and rectify at once'],
      [
        '情节严重或逾期不整改的，通报建设、城管等部门处理',
        'serious or overdue cases referred to construction and city-management departments',
      ],
    ],
  },
  R03: {
    zh: '道路交通安全责任单位',
    en: 'road-traffic-safety responsible units',
    brigade: TRAFFIC,
    checklist: [
      [
        '交通安全责任制落实情况：管理机构、管理人员、例会及纪要、管理措施',
        'safety-responsibility system: organisation, staff, meetings and minutes, measures',
      ],
      ['所属车辆驾驶人资格资质情况及驾驶人信息备案', "drivers' qualifications, and driver details filed with the traffic police"],
      [
        '所属车辆安全状况：检验、交强险、报废、卫星定位、紧急切断装置',
        'vehicle safety: inspections, compulsory insurance, scrapping, satellite positioning, emergency shut-off valves',
      ],
      ['交通事故隐患排查与整改情况', 'accident-hazard screening and rectification'],
      ['驾驶人安全教育培训和考核及教育档案', 'driver safety training, assessment and records'],
      [
        '动态监控平台：专职监控人员、违法信息台账、监控数据保存',
        'vehicle-monitoring platform: dedicated staff, violation ledger, data retention',
      ],
    ],
    methods: [
      ['定期检查', 'scheduled inspections'],
      ['随机抽查', 'random sampling'],
      ['明查暗访', 'announced and unannounced visits'],
      ['对非重点车辆单位通过违法、事故记录排查', 'screening of non-key-vehicle units from violation and accident records'],
    ],
    measures: [
      [
        '一般隐患责令立即整改；重大隐患书面责令限期整改（最长15日，经批准可延至30日）',
        'general hazard fixed at once; major hazard: written notice, at most 15 days (30 with approval)',
      ],
      ['重大隐患可作出停止使用相关设施、设备的决定', 'stop-use decision for facilities or equipment with a major hazard'],
      ['拒不整改或整改不到位的依法处罚', 'penalties for refusing or failing to rectify'],
      ['证据先行登记保存', 'registration and preservation of evidence'],
      ['通报其他负有安全监管职责的部门', 'notification of other safety regulators'],
      [
        '失信信息分一般、较重、严重三类推送省信用平台',
        'dishonesty graded general/serious/severe and pushed to the provincial credit platform',
      ],
    ],
  },
  R04: {
    zh: '机动车检验机构',
    en: 'motor-vehicle inspection agencies',
    brigade: TRAFFIC,
    checklist: [['安全技术检验过程及结果', 'the safety-inspection process and its results']],
    methods: [
      ['检验审核', 'review of inspection reports'],
      ['检验巡回监管（联合质检，不定时、不定点）', 'roving supervision with the quality regulator, unannounced'],
      ['检验网络监管（视频、异常数据）', 'network supervision: video and anomaly analysis'],
    ],
    measures: [
      ['锁定嫌疑、违法车辆PDA信息并调查', 'lock suspicious vehicles in the PDA system and investigate'],
      ['审核上传照片、拓印膜、行驶证、录像及报告单', 'review uploaded photos, rubbings, licences, video and reports'],
      ['不合格或需核查的不予核发合格标志，并通报质监部门', 'withhold the pass sticker and notify the quality regulator'],
    ],
  },
  R05: {
    zh: '大型群众性活动',
    en: 'large public events',
    brigade: PUBLIC_ORDER,
    checklist: [
      ['承办者资质、资格及安全许可申请材料是否合法', "organiser's qualifications and permit application comply with the law"],
      ['活动期间是否落实各项安全措施', 'safety measures in place during the event'],
    ],
    methods: [
      ['事前踏勘现场', 'site survey beforehand'],
      ['现场监管', 'on-site supervision'],
      ['查处活动期间违法违规行为', 'enforcement during the event'],
    ],
    measures: [
      ['出具安全隐患整改通知书', 'hazard rectification notice'],
      ['存在安全事故危险的，疏散人群、责令停止活动', 'disperse the crowd or stop the event when an accident threatens'],
    ],
  },
  R06: {
    zh: '集会游行示威',
    en: 'assemblies, processions, demonstrations',
    brigade: PUBLIC_ORDER,
    checklist: [
      ['申请人员和申请材料是否符合法律法规规定', 'applicants and application materials comply with the law'],
      [
        '是否按照许可的时间、地点、路线、标语、口号进行，有无违法犯罪行为',
        'held at the permitted time, place and route, with permitted slogans; no offences',
      ],
    ],
    methods: [
      ['事前踏勘现场', 'site survey beforehand'],
      ['现场监管', 'on-site supervision'],
      ['查处违法违规行为', 'enforcement during the event'],
    ],
    measures: [
      ['制止危害公共安全或严重破坏社会秩序的行为', 'stop acts endangering public safety or order'],
      ['命令解散、强行驱散、带离或拘留', 'order to disperse, dispersal, removal or detention'],
    ],
  },
  R07: {
    zh: '保安工作',
    en: 'security-guard services and trainers',
    brigade: PUBLIC_ORDER,
    checklist: [
      ['法律、法规、规章的执行情况', 'compliance with laws, regulations and rules'],
      ['相关管理制度落实情况', 'management rules in place'],
    ],
    methods: [
      ['日常巡检', 'routine patrols'],
      ['定期检查', 'scheduled checks'],
      ['不定期抽查', 'unscheduled spot checks'],
    ],
    measures: [
      ['日常和专项监督检查并如实记录', 'routine and special checks, recorded truthfully'],
      ['督促整改，依法处罚或追究刑事责任', 'rectification, penalties or criminal referral'],
    ],
  },
  R08: {
    zh: '安全技术防范产品生产',
    en: 'security-technology product makers',
    brigade: PUBLIC_ORDER,
    checklist: [
      [
        '所生产或销售的产品是否具有《安全技术防范产品生产登记批准书》',
        'products made or sold hold a production-registration certificate',
      ],
      ['产品生产情况有无重大变化', 'no major change in production'],
      ['《生产登记批准书》的使用情况', 'use of the production-registration certificate'],
    ],
    methods: [
      ['证书年检', 'annual inspection of the certificate'],
      ['定期和不定期监督指导检查', 'scheduled and unscheduled supervisory checks'],
    ],
    measures: [
      ['按年度计划实地抽查', 'on-site spot checks to the annual plan'],
      ['开展年检并填写年检表', 'annual inspection with the Hebei annual-inspection form'],
      ['不定期监督指导', 'unscheduled guidance'],
    ],
  },
  R09: {
    zh: '印章、旅馆、典当等特种行业',
    en: 'special trades: seal engraving, hotels, pawnshops',
    brigade: PUBLIC_ORDER,
    checklist: [
      ['是否取得特种行业许可证', 'holds a special-trade licence'],
      ['是否如实登记、备案相关情况', 'registers and files truthfully'],
      ['实际情况是否与审批、备案材料一致', 'actual situation matches the approved and filed materials'],
      ['是否建立治安管理制度、情况报告制度和安全防范措施', 'public-order rules, reporting rules and security measures in place'],
      ['法律、法规、规章规定的其它监督检查事项', 'other matters required by law'],
    ],
    methods: [
      [
        '日常巡查：旅馆每月1次，印章、典当每季度不少于1次',
        'routine patrol: hotels monthly, seal engravers and pawnshops quarterly',
      ],
      ['专项督察：每年不少于4次，抽查面每次不少于30%', 'special inspections: 4+ a year, each covering 30%+'],
      ['全面检查：每年不少于1次', 'comprehensive inspection: at least yearly'],
      ['案后倒查；举报投诉随报随查', 'post-case review; every complaint checked'],
    ],
    measures: [
      ['重点检查人防、技防等硬件设施及治安管理规定落实情况', 'staffing and technical security, and public-order rules'],
      ['责令限期改正；符合立案条件的立案查处', 'rectification deadline; cases opened where warranted'],
    ],
  },
  R10: {
    zh: '收购废旧金属的企业和个人',
    en: 'scrap-metal buyers',
    brigade: PUBLIC_ORDER,
    checklist: [
      ['是否落实登记备案、收购登记和可疑物品报告制度', 'registration, purchase records and suspicious-item reporting in place'],
      ['是否按国家规定收购生产性和非生产性废旧金属', 'buys productive and non-productive scrap as the state allows'],
      ['是否收购公安机关通报寻查的赃物或有赃物嫌疑的物品', 'no circulated stolen or suspected stolen goods bought'],
      ['是否收购国家禁止收购的其他物品', 'no other prohibited items bought'],
      [
        '是否违规收购铁路、油田、供电、电信、矿山、水利、测量和城市公用设施等废旧专用器材',
        'no special equipment of railways, oilfields, power, telecom, mines, water, survey or utilities bought',
      ],
      ['其他法律、法规、规章规定的事项', 'other matters required by law'],
    ],
    methods: [
      ['日常巡查：每季不少于1次全面检查', 'routine patrol: a full check at least quarterly'],
      ['专项督察：每年不少于2次，检查面每次不少于20%', 'special inspections: 2+ a year, each covering 20%+'],
      ['全面检查：每年不少于1次', 'comprehensive inspection: at least yearly'],
      ['案后倒查；举报投诉随报随查', 'post-case review; every complaint checked'],
    ],
    measures: [
      ['不如实登记或不备案的，责令限期改正', 'rectification deadline for missing records or filing'],
      ['情节严重的依治安管理处罚法立案查处', 'serious cases opened under the Public Security Administration Punishments Law'],
    ],
  },
  R11: {
    zh: '互联网上网服务营业场所',
    en: 'internet cafés',
    brigade: CYBER,
    checklist: [['网吧等上网服务营业场所安全管理工作情况', "the café's security management"]],
    methods: [
      ['日常工作发现', 'found in routine work'],
      ['举报投诉', 'complaints'],
      ['现场实地检查', 'site inspections'],
      ['案事件倒查', 'post-incident review'],
    ],
    measures: [['通报责任地网警部门查处', 'referred to the local cyber police for enforcement']],
  },
  R12: {
    zh: '计算机信息系统安全保护',
    en: 'information-system security protection (graded protection)',
    brigade: CYBER,
    checklist: [
      [
        '重要信息系统运营、使用单位落实信息安全等级保护工作情况',
        'graded protection implemented by operators of important systems',
      ],
    ],
    methods: [
      ['现场实地检查', 'site inspections'],
      ['日常工作发现', 'found in routine work'],
      ['技术手段检测', 'technical monitoring'],
      ['案事件倒查', 'post-incident review'],
    ],
    measures: [['督促指导整改，逾期整改不到位的予以行政处罚', 'guided rectification; penalty if overdue or inadequate']],
  },
  R13: {
    zh: '联网单位安全保护',
    en: 'networked units',
    brigade: CYBER,
    checklist: [['建立安全保护管理制度和落实安全保护技术措施情况', 'security rules established and technical measures in place']],
    methods: [
      ['日常工作发现', 'found in routine work'],
      ['现场实地检查', 'site inspections'],
      ['技术手段检测', 'technical monitoring'],
      ['案事件倒查', 'post-incident review'],
    ],
    measures: [['督促指导整改，逾期整改不到位的予以行政处罚', 'guided rectification; penalty if overdue or inadequate']],
  },
  R14: {
    zh: '金融机构营业场所、金库安全防范',
    en: 'bank premises and vaults',
    brigade: CYBER,
    checklist: [
      [
        '金融安防行政许可活动是否符合《金融机构营业场所和金库安全防范设施建设许可实施办法》',
        'security-facility licensing follows the implementing measures',
      ],
      ['是否按照《公安机关监督检查企业事业单位内部治安保卫工作规定》履行日常监管职责', 'routine supervision duties performed'],
      [
        '是否按照《企业事业单位内部治安保卫条例》开展内部安全保卫工作',
        'internal security work under the internal-security regulations',
      ],
      [
        '是否建立健全安全防范管理制度，落实人防、物防、技防措施',
        'security rules; staffing, physical and technical protection in place',
      ],
      ['是否按照规定申领许可证', 'licence applied for as required'],
    ],
    methods: [
      ['定期检查', 'scheduled inspections'],
      ['临时检查', 'ad-hoc inspections'],
      ['专项检查', 'special inspections'],
      ['随机抽查（抽查面不超过5%/年）', 'random spot checks (no more than 5% a year)'],
      ['根据投诉举报开展执法检查', 'checks on complaints'],
    ],
    measures: [
      ['提出整改意见，督促整改', 'rectification opinions and follow-up'],
      ['责令限期整改，并处警告', 'rectification deadline and a warning'],
      [
        '逾期不整改造成损害或严重威胁的，对单位和责任人员罚款',
        'fines on the unit and responsible persons after overdue rectification with harm or serious threat',
      ],
    ],
  },
};

function kindsOf(regime: RegimeCode): EntityKind[] {
  return (Object.keys(ENTITY_KINDS) as EntityKind[]).filter((k) => ENTITY_KINDS[k].regime === regime);
}

export const REGIME_CATALOGUE: readonly RegimeDefinition[] = REGIME_CODES.map((code) => {
  const t = TEXT[code];
  return {
    code,
    zh: t.zh,
    en: t.en,
    brigade: t.brigade,
    targetKinds: kindsOf(code),
    checklist: items(code, t.checklist),
    methods: list(t.methods),
    triggers: TRIGGERS[code],
    measures: list(t.measures),
    penalties: PENALTY_TABLE.filter((p) => p.regime === code),
    procedure: PROCEDURE_REQUIREMENTS[code],
    scheduleVersions: SCHEDULE_RULE_VERSIONS.filter((s) => s.regime === code),
  };
});

export function getRegime(code: RegimeCode): RegimeDefinition {
  const r = REGIME_CATALOGUE.find((x) => x.code === code);
  if (!r) throw new RangeError(`Unknown regime: ${code}`);
  return r;
}
