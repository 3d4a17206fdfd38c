import { ENTITY_KINDS, REGIME_BRIGADE, type EntityKind, type RegimeCode, type VehicleCounts } from '@supervise/core';
import type { NewBrigade, NewEntity, NewOfficer, NewPoliceStation } from '../repositories/registry.repository.js';
import { DEMO_INSPECTOR_OFFICER_CODE } from './demo-accounts.js';
import { dayNumber, isoDate } from './demo-dates.js';
import {
  address,
  BRANDS,
  creditCode,
  DISTRICT_PREFIX,
  personName,
  phoneNumber,
  TOWN_WEIGHTS,
  TOWNS,
  type DemoTown,
} from './demo-names.js';
import type { DemoRandom } from './demo-random.js';

export const DEMO_BRIGADES: readonly NewBrigade[] = [
  { id: 'B-CRJ', name_zh: '出入境管理大队', name_en: 'Exit-Entry Administration Brigade' },
  { id: 'B-JJ', name_zh: '交通警察大队', name_en: 'Traffic Police Brigade' },
  { id: 'B-ZA', name_zh: '治安管理大队', name_en: 'Public Order Administration Brigade' },
  { id: 'B-WA', name_zh: '网络安全管理大队', name_en: 'Cyber Security Administration Brigade' },
];

export const DEMO_STATIONS: readonly NewPoliceStation[] = TOWNS.map((t) => ({
  id: t.stationId,
  name_zh: `${t.short}派出所`,
  name_en: `${t.en} Police Station`,
}));

// ---------------------------------------------------------------------------------------------
// Officers

/** Officers per brigade and per police station; about 60 in all. */
const BRIGADE_STRENGTH: Record<string, number> = { 'B-CRJ': 5, 'B-JJ': 10, 'B-ZA': 10, 'B-WA': 7 };
const STATION_STRENGTH: Record<string, number> = { 'PS-HL': 4, 'PS-TY': 3, 'PS-SZ': 3 };

export interface DemoOfficer extends NewOfficer {
  code: string;
  credential_expires_on: string;
}

export function generateOfficers(r: DemoRandom, today: string): DemoOfficer[] {
  const t = dayNumber(today);
  const used = new Set<string>([DEMO_INSPECTOR_OFFICER_CODE]);
  const names = new Set<string>();
  const nextCode = () => {
    for (;;) {
      const code = `02${r.digits(4)}`;
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
  const officer = (unit: { brigade_id?: string; station_id?: string }, code: string): DemoOfficer => {
    let name = personName(r);
    while (names.has(name)) name = personName(r);
    names.add(name);
    // 人民警察证: valid five years from issue.
    const issued = t - r.int(60, 5 * 365 - 90);
    const issueYear = isoDate(issued).slice(0, 4);
    return {
      code,
      name,
      brigade_id: unit.brigade_id ?? null,
      station_id: unit.station_id ?? null,
      credential_no: `冀公警${issueYear}${code}`,
      credential_expires_on: isoDate(issued + 5 * 365 + 1),
      active: true,
    };
  };

  const out: DemoOfficer[] = [];
  for (const [brigade, n] of Object.entries(BRIGADE_STRENGTH)) {
    for (let i = 0; i < n; i++) {
      const code = brigade === 'B-ZA' && i === 0 ? DEMO_INSPECTOR_OFFICER_CODE : nextCode();
      out.push(officer({ brigade_id: brigade }, code));
    }
  }
  for (const s of DEMO_STATIONS) {
    for (let i = 0; i < (STATION_STRENGTH[s.id] ?? 2); i++) out.push(officer({ station_id: s.id }, nextCode()));
  }

  // A few credentials lapsed (and a couple about to): the roster page must flag them. Only in units
  // with at least three officers, so every unit still has two who may inspect.
  const candidates = out.filter(
    (o) =>
      o.code !== DEMO_INSPECTOR_OFFICER_CODE &&
      (o.brigade_id ? BRIGADE_STRENGTH[o.brigade_id]! >= 5 : (STATION_STRENGTH[o.station_id!] ?? 2) >= 4),
  );
  const picked = r.sample(candidates, 6);
  picked.slice(0, 4).forEach((o) => (o.credential_expires_on = isoDate(t - r.int(10, 200))));
  picked.slice(4).forEach((o) => (o.credential_expires_on = isoDate(t + r.int(5, 45))));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entities

export interface DemoEntity extends NewEntity {
  code: string;
  kind: EntityKind;
  regime_code: RegimeCode;
  registered_on: string;
  closed_on: string | null;
  station_id: string | null;
  vehicle_counts: VehicleCounts | null;
}

interface KindPlan {
  count: number;
  abbr: string;
  name: (r: DemoRandom, town: DemoTown, i: number) => string;
  licence: (r: DemoRandom, year: number) => string | null;
  vehicles?: (r: DemoRandom) => VehicleCounts;
  /** Share of units closed during the year. */
  closedShare?: number;
  /** Temporary works: registered within the year, closed when done. */
  temporary?: boolean;
  risk?: readonly [number, number, number];
}

const brand = (r: DemoRandom) => r.pick(BRANDS);
const seq4 = (r: DemoRandom) => String(r.int(1, 9999)).padStart(4, '0');
const seq3 = (r: DemoRandom) => String(r.int(1, 999)).padStart(3, '0');
const COMPANY_TRADES = [
  '科技',
  '网络科技',
  '商贸',
  '食品',
  '药业',
  '电子',
  '装饰工程',
  '教育咨询',
  '餐饮管理',
  '房地产开发',
  '物业服务',
  '建材',
  '机械制造',
  '文化传媒',
  '医疗器械',
  '新材料',
];
const HAULAGE_TRADES = ['物流', '运输', '建材', '商贸', '砂石料', '混凝土', '机械租赁', '农业机械', '钢材', '渣土清运'];
const BANKS = [
  '中国工商银行',
  '中国农业银行',
  '中国银行',
  '中国建设银行',
  '中国邮政储蓄银行',
  '河北鹿泉农村商业银行',
  '河北银行',
  '交通银行',
  '石家庄汇融农村合作银行',
];
const PUBLIC_BODIES = [
  '人民医院',
  '中医院',
  '妇幼保健院',
  '教育局',
  '自然资源和规划局',
  '人力资源和社会保障局',
  '行政审批局',
  '市场监督管理局',
  '医疗保障局',
  '住房和城乡建设局',
  '融媒体中心',
  '第一中学',
  '职业技术教育中心',
  '供水公司',
  '热力公司',
];

function zeroCounts(): VehicleCounts {
  return { operating: 0, medium_heavy_truck: 0, tractor: 0, trailer: 0, dangerous_goods: 0, school_bus: 0, passenger_10_plus: 0 };
}

const KIND_PLANS: Record<EntityKind, KindPlan> = {
  exit_entry_window: {
    count: 6,
    abbr: 'WINDOW',
    name: (_r, _t, i) => (i < 4 ? `鹿泉分局出入境接待大厅${i + 1}号受理窗口` : `鹿泉区政务服务中心出入境受理窗口${i - 3}`),
    licence: () => null,
    risk: [1, 0, 0],
  },
  road_works_urban: {
    count: 25,
    abbr: 'RWU',
    temporary: true,
    name: (r, t) =>
      `${t.full}${r.pick(t.roads)}${r.pick(['给水管网改造', '燃气管道敷设', '雨污分流改造', '路面大修', '电力管沟', '通信管道'])}工程`,
    licence: (r, y) => `鹿公交占字〔${y}〕第${seq3(r)}号`,
  },
  road_works_highway: {
    count: 15,
    abbr: 'RWH',
    temporary: true,
    name: (r) =>
      `${r.pick(['G307', 'G240', 'S233', 'S202', 'S393'])}${r.pick(['路面修补', '桥梁加固', '交安设施', '养护'])}工程K${r.int(10, 90)}+${r.digits(3)}段`,
    licence: (r, y) => `鹿公交占字〔${y}〕第${seq3(r)}号`,
  },
  two_passenger_one_hazard: {
    count: 18,
    abbr: 'TPOH',
    name: (r) => `石家庄${brand(r)}${r.pick(['旅游客运', '危险货物运输', '客运', '化工物流'])}有限公司`,
    licence: (r) => `冀交运管许可石字130185${r.digits(6)}号`,
    vehicles: (r) => {
      const v = zeroCounts();
      if (r.chance(0.5)) v.passenger_10_plus = r.int(8, 80);
      else v.dangerous_goods = r.int(6, 60);
      v.operating = v.passenger_10_plus + v.dangerous_goods + r.int(0, 5);
      return v;
    },
    risk: [2, 5, 3],
  },
  public_transport: {
    count: 4,
    abbr: 'BUS',
    name: (r, _t, i) => (i === 0 ? '鹿泉区公共交通有限公司' : `石家庄${brand(r)}城乡公交有限公司`),
    licence: (r) => `冀交运管许可石字130185${r.digits(6)}号`,
    vehicles: (r) => ({ ...zeroCounts(), passenger_10_plus: r.int(40, 200), operating: r.int(40, 210) }),
    risk: [2, 6, 2],
  },
  school_bus_operator: {
    count: 5,
    abbr: 'SBO',
    name: (r) => `鹿泉区${brand(r)}校车服务有限公司`,
    licence: (r, y) => `鹿校车许〔${y}〕${seq3(r)}号`,
    vehicles: (r) => ({ ...zeroCounts(), school_bus: r.int(6, 40), operating: r.int(6, 40) }),
    risk: [3, 5, 2],
  },
  school_bus_school: {
    count: 30,
    abbr: 'SBS',
    name: (r, t) =>
      r.chance(0.5)
        ? `鹿泉区${t.full}${r.pick(t.villages)}${r.pick(['小学', '中心小学', '学校'])}`
        : `鹿泉区${brand(r)}${r.pick(['幼儿园', '双语幼儿园', '实验幼儿园'])}`,
    licence: () => null,
    vehicles: (r) => {
      const n = r.int(1, 6);
      return { ...zeroCounts(), school_bus: n, operating: n };
    },
    risk: [4, 5, 1],
  },
  passenger_station: {
    count: 3,
    abbr: 'PSTN',
    name: (_r, t, i) => (i === 0 ? '鹿泉区汽车客运站' : `鹿泉区${t.short}客运站`),
    licence: (r) => `冀交运管许可石字130185${r.digits(6)}号`,
    vehicles: () => zeroCounts(),
    risk: [3, 5, 2],
  },
  vehicle_unit: {
    count: 220,
    abbr: 'VEH',
    closedShare: 0.03,
    name: (r) => `石家庄${brand(r)}${r.pick(HAULAGE_TRADES)}有限公司`,
    licence: (r) => creditCode(r),
    // About a third stay under the key-vehicle threshold (fewer than 5 operating and key vehicles).
    vehicles: (r) => {
      const v = zeroCounts();
      if (r.chance(0.35)) {
        v.medium_heavy_truck = r.int(0, 3);
        v.tractor = r.int(0, 1);
        v.operating = Math.min(4, v.medium_heavy_truck + v.tractor + r.int(0, 1));
        return v;
      }
      v.medium_heavy_truck = r.int(2, 60);
      v.tractor = r.int(0, 20);
      v.trailer = Math.min(v.tractor, r.int(0, 20));
      v.dangerous_goods = r.chance(0.1) ? r.int(1, 10) : 0;
      v.passenger_10_plus = r.chance(0.15) ? r.int(1, 8) : 0;
      v.operating = Math.max(5, v.medium_heavy_truck + v.tractor - r.int(0, 3));
      return v;
    },
  },
  vehicle_inspection_agency: {
    count: 6,
    abbr: 'VIA',
    name: (r) => `石家庄${brand(r)}机动车检测有限公司`,
    licence: (r, y) => `${y}03${r.digits(6)}`,
    risk: [2, 5, 3],
  },
  large_event: {
    count: 20,
    abbr: 'EVENT',
    name: (r) => `石家庄${brand(r)}${r.pick(['文化传媒', '体育发展', '会展服务', '演艺', '文化旅游'])}有限公司`,
    licence: (r) => creditCode(r),
  },
  assembly_organiser: { count: 4, abbr: 'ASSEMBLY', name: (r) => `${personName(r)}（集会游行示威申请人）`, licence: () => null },
  security_company: {
    count: 15,
    abbr: 'SECCO',
    name: (r) => `河北${brand(r)}保安服务有限公司`,
    licence: (r, y) => `冀公保服〔${y}〕${seq3(r)}号`,
    closedShare: 0.05,
  },
  security_trainer: {
    count: 3,
    abbr: 'SECTR',
    name: (r) => `石家庄${brand(r)}保安培训学校`,
    licence: (r, y) => `冀公保培〔${y}〕${seq3(r)}号`,
  },
  security_product_maker: {
    count: 12,
    abbr: 'SECPM',
    name: (r) => `石家庄${brand(r)}${r.pick(['安防科技', '电子科技', '智能科技', '保险柜制造'])}有限公司`,
    licence: (r, y) => `冀安技防生〔${y}〕第${seq4(r)}号`,
  },
  hotel: {
    count: 330,
    abbr: 'HOTEL',
    closedShare: 0.03,
    name: (r, t) =>
      `鹿泉区${r.chance(0.4) ? t.short : ''}${brand(r)}${r.pick(['宾馆', '酒店', '商务酒店', '快捷酒店', '旅馆', '招待所', '民宿', '大酒店'])}`,
    licence: (r, y) => `鹿公特旅字〔${y}〕第${seq4(r)}号`,
  },
  seal_engraver: {
    count: 14,
    abbr: 'SEAL',
    name: (r) => `鹿泉区${brand(r)}${r.pick(['刻字社', '印章制作部', '刻章店'])}`,
    licence: (r, y) => `鹿公特刻字〔${y}〕第${seq4(r)}号`,
  },
  pawnshop: {
    count: 10,
    abbr: 'PAWN',
    name: (r) => `石家庄${brand(r)}典当${r.pick(['有限公司', '行'])}`,
    licence: (r, y) => `鹿公特典字〔${y}〕第${seq4(r)}号`,
    risk: [3, 5, 2],
  },
  scrap_metal_buyer: {
    count: 70,
    abbr: 'SCRAP',
    closedShare: 0.05,
    name: (r, t) => (r.chance(0.6) ? `鹿泉区${t.short}${brand(r)}废旧物资回收站` : `${personName(r)}废旧金属收购点`),
    licence: (r, y) => `鹿公废备〔${y}〕${seq4(r)}号`,
    risk: [4, 4, 2],
  },
  internet_cafe: {
    count: 140,
    abbr: 'CAFE',
    closedShare: 0.04,
    name: (r) => `鹿泉区${brand(r)}${r.pick(['网咖', '网吧', '电竞馆', '网络会所'])}`,
    licence: (r, y) => `冀网文〔${y}〕${r.digits(5)}号`,
  },
  info_system_operator: {
    count: 60,
    abbr: 'INFOSYS',
    name: (r) => (r.chance(0.5) ? `鹿泉区${r.pick(PUBLIC_BODIES)}` : `石家庄${brand(r)}信息技术有限公司`),
    licence: (r) => `13018599-${r.digits(5)}`,
  },
  networked_unit: {
    count: 420,
    abbr: 'NET',
    closedShare: 0.02,
    name: (r) => `石家庄${brand(r)}${r.pick(COMPANY_TRADES)}有限公司`,
    licence: (r) => `冀公网安备13018502${r.digits(6)}号`,
  },
  bank_outlet: {
    count: 85,
    abbr: 'BANK',
    name: (r, t) => `${r.pick(BANKS)}鹿泉${t.short}${r.pick(['支行', '分理处', '营业部', '支行营业室'])}`,
    licence: (r) => `B${r.digits(4)}${r.pick(['H', 'S', 'U'])}21301${r.digits(4)}`,
    risk: [3, 5, 2],
  },
};

const RISK_GRADES = ['low', 'medium', 'high'] as const;

/** Public code: regime, kind abbreviation and a sequence number, e.g. R09-HOTEL-0001. */
export function entityCode(kind: EntityKind, n: number): string {
  return `${ENTITY_KINDS[kind].regime}-${KIND_PLANS[kind].abbr}-${String(n).padStart(4, '0')}`;
}

/** How many units of each kind the demo district has (about 1,500 in all): the shape a province repeats. */
export const DEMO_KIND_COUNTS: Readonly<Record<EntityKind, number>> = Object.fromEntries(
  (Object.keys(KIND_PLANS) as EntityKind[]).map((k) => [k, KIND_PLANS[k].count]),
) as Record<EntityKind, number>;

/**
 * About 1,500 entities over every kind of ENTITY_KINDS; counts vary a little with the seed. `counts`
 * (the province seed) fixes each kind's count instead, drawing nothing for it.
 */
export function generateEntities(r: DemoRandom, today: string, counts?: Readonly<Record<EntityKind, number>>): DemoEntity[] {
  const t = dayNumber(today);
  const yearStart = t - 364;
  const out: DemoEntity[] = [];
  const names = new Set<string>();
  for (const kind of Object.keys(ENTITY_KINDS) as EntityKind[]) {
    const plan = KIND_PLANS[kind];
    const regime = ENTITY_KINDS[kind].regime;
    const count = counts ? counts[kind] : plan.count >= 20 ? Math.round(plan.count * (0.95 + r.float() * 0.1)) : plan.count;
    for (let i = 0; i < count; i++) {
      const town = r.weighted(TOWN_WEIGHTS);
      let name = plan.name(r, town, i);
      for (let branch = 2; names.has(name); branch++)
        name = `${plan.name(r, town, i)}${branch > 4 ? `（${town.short}${branch}店）` : ''}`;
      names.add(name);

      let registered: number;
      let closed: number | null = null;
      if (plan.temporary) {
        // Road works: permitted during the year, closed once finished.
        registered = yearStart + r.int(0, 350);
        const end = registered + r.int(20, 150);
        if (end < t) closed = end;
      } else {
        registered = r.chance(0.06)
          ? yearStart + r.int(0, 300)
          : dayNumber('2005-01-01') + r.int(0, yearStart - dayNumber('2005-01-01'));
        if (plan.closedShare && r.chance(plan.closedShare)) closed = Math.max(registered + 30, yearStart + r.int(30, 330));
        if (closed !== null && closed >= t) closed = null;
      }
      const regYear = Number(isoDate(registered).slice(0, 4));
      const window = kind === 'exit_entry_window';
      const contact = personName(r);
      out.push({
        code: entityCode(kind, i + 1),
        regime_code: regime,
        kind,
        name,
        licence_no: plan.licence(r, regYear),
        address: window ? `${DISTRICT_PREFIX}获鹿镇向阳北大街公安分局出入境接待大厅` : address(r, town),
        brigade_id: REGIME_BRIGADE[regime],
        station_id: window ? null : town.stationId,
        contact_name: contact,
        contact_phone: window ? `0311-8201${r.digits(4)}` : phoneNumber(r),
        vehicle_counts: plan.vehicles ? plan.vehicles(r) : null,
        risk_grade: r.weighted(RISK_GRADES.map((g, k) => [g, (plan.risk ?? [6, 3, 1])[k]!] as const)),
        status: closed === null ? 'active' : 'closed',
        registered_on: isoDate(registered),
        closed_on: closed === null ? null : isoDate(closed),
      });
    }
  }
  return out;
}
