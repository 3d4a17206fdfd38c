/**
 * Vocabularies for the demo data: the real towns of 鹿泉区 and their police stations, plausible
 * (invented) road, village, person and business names. Nothing here names a real person or firm.
 */
import type { DemoRandom } from './demo-random.js';

export interface DemoTown {
  stationId: string;
  /** Town name as used in the station name (获鹿 → 获鹿派出所). */
  short: string;
  /** Administrative name used in addresses (镇 or 乡). */
  full: string;
  en: string;
  /** Relative share of the district's businesses. */
  weight: number;
  villages: readonly string[];
  roads: readonly string[];
}

export const DISTRICT_PREFIX = '河北省石家庄市鹿泉区';

export const TOWNS: readonly DemoTown[] = [
  {
    stationId: 'PS-HL',
    short: '获鹿',
    full: '获鹿镇',
    en: 'Huolu',
    weight: 30,
    villages: ['东关', '西关', '南关', '北关', '大宅', '东街'],
    roads: ['向阳北大街', '向阳南大街', '胜利北街', '胜利南街', '新华路', '振头路', '府前街', '石获北路'],
  },
  {
    stationId: 'PS-TY',
    short: '铜冶',
    full: '铜冶镇',
    en: 'Tongye',
    weight: 10,
    villages: ['南铜冶', '北铜冶', '东营', '永壁', '南甘子'],
    roads: ['石铜路', '铜冶大街', '工业路', '永壁路'],
  },
  {
    stationId: 'PS-SJZ',
    short: '寺家庄',
    full: '寺家庄镇',
    en: 'Sijiazhuang',
    weight: 8,
    villages: ['寺家庄', '东良政', '西良政', '南龙贵'],
    roads: ['寺家庄大街', '石铜路', '良政路'],
  },
  {
    stationId: 'PS-SZ',
    short: '上庄',
    full: '上庄镇',
    en: 'Shangzhuang',
    weight: 14,
    villages: ['上庄', '下庄', '西焦', '东焦', '南新城'],
    roads: ['上庄大街', '海山大街', '昌盛大街', '鹿岛大道', '湘江道'],
  },
  {
    stationId: 'PS-LC',
    short: '李村',
    full: '李村镇',
    en: 'Licun',
    weight: 6,
    villages: ['李村', '南故邑', '北故邑', '东焦'],
    roads: ['李村大街', '故邑路', '石平路'],
  },
  {
    stationId: 'PS-YA',
    short: '宜安',
    full: '宜安镇',
    en: "Yi'an",
    weight: 6,
    villages: ['宜安', '北甘子', '南甘子', '小壁'],
    roads: ['宜安大街', '甘子路', '鹿泉大道'],
  },
  {
    stationId: 'PS-HBZ',
    short: '黄壁庄',
    full: '黄壁庄镇',
    en: 'Huangbizhuang',
    weight: 5,
    villages: ['黄壁庄', '高家庄', '马山', '西山'],
    roads: ['黄壁庄大街', '水库路', '马山路'],
  },
  {
    stationId: 'PS-DH',
    short: '大河',
    full: '大河镇',
    en: 'Dahe',
    weight: 6,
    villages: ['大河', '北海山', '南海山', '东胡庄'],
    roads: ['大河大街', '海山路', '西环路'],
  },
  {
    stationId: 'PS-SYC',
    short: '山尹村',
    full: '山尹村镇',
    en: 'Shanyincun',
    weight: 4,
    villages: ['山尹村', '纸房头', '北新城', '前坡'],
    roads: ['山尹村大街', '新城路'],
  },
  {
    stationId: 'PS-SJ',
    short: '石井',
    full: '石井乡',
    en: 'Shijing',
    weight: 3,
    villages: ['石井', '南杨庄', '西湾', '东湾'],
    roads: ['石井大街', '杨庄路'],
  },
  {
    stationId: 'PS-BLQ',
    short: '白鹿泉',
    full: '白鹿泉乡',
    en: 'Bailuquan',
    weight: 5,
    villages: ['白鹿泉', '东土门', '西土门', '谷家峪'],
    roads: ['白鹿泉大街', '土门路', '西山路'],
  },
  {
    stationId: 'PS-SZH',
    short: '上寨',
    full: '上寨乡',
    en: 'Shangzhai',
    weight: 3,
    villages: ['上寨', '西龙贵', '东龙贵', '车道'],
    roads: ['上寨大街', '龙贵路'],
  },
];

export const TOWN_WEIGHTS: readonly (readonly [DemoTown, number])[] = TOWNS.map((t) => [t, t.weight] as const);

// Common surnames of Hebei, most frequent first (weights roughly follow their frequency).
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 10],
  ['李', 10],
  ['张', 9],
  ['刘', 8],
  ['赵', 6],
  ['杨', 5],
  ['高', 4],
  ['郭', 4],
  ['孙', 3],
  ['马', 3],
  ['陈', 3],
  ['韩', 3],
  ['吴', 2],
  ['周', 2],
  ['徐', 2],
  ['胡', 2],
  ['朱', 2],
  ['田', 2],
  ['贾', 2],
  ['崔', 2],
  ['冯', 1],
  ['于', 1],
  ['董', 1],
  ['曹', 1],
  ['郝', 1],
  ['谷', 1],
  ['许', 1],
  ['苏', 1],
  ['宋', 1],
  ['白', 1],
  ['任', 1],
  ['梁', 1],
  ['薛', 1],
  ['邢', 1],
  ['康', 1],
  ['霍', 1],
  ['尹', 1],
  ['闫', 1],
  ['魏', 1],
  ['石', 1],
];
const GIVEN_MALE = '建国志伟军强磊洋勇杰涛明超刚平辉鹏华飞鑫波宁斌宇浩凯健俊帆帅旭东海林亮峰龙晨博文彬振兴磊亚';
const GIVEN_FEMALE = '丽静敏燕艳娟霞芳红玲婷雪慧颖琳洁倩佳欣悦璐晶楠英秀梅萍月蕾';

export function personName(r: DemoRandom): string {
  const surname = r.weighted(SURNAMES);
  const pool = r.chance(0.55) ? GIVEN_MALE : GIVEN_FEMALE;
  const first = pool[r.int(0, pool.length - 1)]!;
  if (r.chance(0.3)) return surname + first;
  return surname + first + pool[r.int(0, pool.length - 1)]!;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '158',
  '159',
  '176',
  '177',
  '180',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export function phoneNumber(r: DemoRandom): string {
  // Landlines of the district start 0311-82…; most contacts give a mobile number.
  if (r.chance(0.2)) return `0311-82${r.digits(6)}`;
  return r.pick(MOBILE_PREFIXES) + r.digits(8);
}

/** Invented trade names (字号). */
export const BRANDS = [
  '鹿鸣',
  '泉源',
  '太行',
  '金鹿',
  '祥和',
  '福满',
  '嘉禾',
  '新天',
  '和顺',
  '永安',
  '瑞丰',
  '佳信',
  '鸿运',
  '锦程',
  '华庭',
  '银河',
  '恒通',
  '东方',
  '天泽',
  '百合',
  '盛世',
  '同心',
  '荣昌',
  '鑫源',
  '鹿城',
  '抱犊',
  '西山',
  '凯达',
  '隆盛',
  '宏达',
  '华越',
  '诚信',
  '金泰',
  '鼎盛',
  '信达',
  '聚源',
  '广源',
  '万通',
  '昊天',
  '中兴',
  '旺达',
  '富康',
  '安泰',
  '众合',
  '博远',
  '德润',
  '泰和',
  '顺达',
  '金石',
  '长青',
  '远航',
  '宝丰',
  '亿联',
  '汇通',
  '晨曦',
  '星辰',
  '明珠',
  '君安',
  '兴业',
  '润泽',
] as const;

export function address(r: DemoRandom, town: DemoTown): string {
  if (r.chance(0.35))
    return `${DISTRICT_PREFIX}${town.full}${r.pick(town.villages)}村${r.pick(['东', '西', '南', '北', ''])}街${r.int(1, 320)}号`;
  return `${DISTRICT_PREFIX}${town.full}${r.pick(town.roads)}${r.int(1, 480)}号`;
}

// Check code set of the unified social credit code (no I, O, S, V, Z).
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A plausible 统一社会信用代码 registered in 鹿泉区 (130185). */
export function creditCode(r: DemoRandom): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += USCC_CHARS[r.int(0, USCC_CHARS.length - 1)];
  return `91130185${body}${USCC_CHARS[r.int(0, USCC_CHARS.length - 1)]}`;
}
