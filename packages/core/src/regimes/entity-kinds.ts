/**
 * The kinds of supervised entity, by regime: the "targets" (监督检查对象) part of each regime in
 * the rulebook (shared/seed). Codes are stable: they are stored in `entity.kind`.
 */
export const REGIME_CODES = [
  'R01',
  'R02',
  'R03',
  'R04',
  'R05',
  'R06',
  'R07',
  'R08',
  'R09',
  'R10',
  'R11',
  'R12',
  'R13',
  'R14',
] as const;
export type RegimeCode = (typeof REGIME_CODES)[number];

export interface EntityKindInfo {
  regime: RegimeCode;
  zh: string;
  en: string;
}

export const ENTITY_KINDS = {
  // R01: the bureau's own window staff who accept exit-entry document applications.
  exit_entry_window: { regime: 'R01', zh: '出入境证件受理窗口', en: 'exit-entry service window' },
  // R02: road-occupying construction, urban and on national/provincial roads.
  road_works_urban: { regime: 'R02', zh: '市区占道施工单位', en: 'urban road-occupying works' },
  road_works_highway: { regime: 'R02', zh: '国省道占道施工单位', en: 'national/provincial road works' },
  // R03: road-traffic-safety responsible units.
  two_passenger_one_hazard: { regime: 'R03', zh: '“两客一危”企业', en: 'charter/line-bus/dangerous-goods firm' },
  public_transport: { regime: 'R03', zh: '公交企业', en: 'public-transport firm' },
  school_bus_operator: { regime: 'R03', zh: '校车服务提供者', en: 'school-bus service organisation' },
  school_bus_school: { regime: 'R03', zh: '使用校车的学校、幼儿园', en: 'school or kindergarten using school buses' },
  passenger_station: { regime: 'R03', zh: '道路客运站', en: 'road passenger station' },
  // A key-vehicle unit or not is decided from its vehicle counts, not from its kind.
  vehicle_unit: { regime: 'R03', zh: '机动车所属单位', en: 'vehicle-owning unit' },
  vehicle_inspection_agency: { regime: 'R04', zh: '社会化机动车检验机构', en: 'motor-vehicle inspection agency' },
  large_event: { regime: 'R05', zh: '大型群众性活动承办者', en: 'large public event organiser' },
  assembly_organiser: { regime: 'R06', zh: '集会游行示威举行者', en: 'assembly/procession organiser' },
  security_company: { regime: 'R07', zh: '保安从业单位', en: 'security-service company' },
  security_trainer: { regime: 'R07', zh: '保安培训单位', en: 'security-guard trainer' },
  security_product_maker: { regime: 'R08', zh: '安全技术防范产品生产单位', en: 'security-technology product maker' },
  hotel: { regime: 'R09', zh: '旅馆', en: 'hotel' },
  seal_engraver: { regime: 'R09', zh: '印章刻制业', en: 'seal engraver' },
  pawnshop: { regime: 'R09', zh: '典当行', en: 'pawnshop' },
  scrap_metal_buyer: { regime: 'R10', zh: '废旧金属收购企业和个人', en: 'scrap-metal buyer' },
  internet_cafe: { regime: 'R11', zh: '互联网上网服务营业场所', en: 'internet café' },
  info_system_operator: { regime: 'R12', zh: '信息系统运营、使用单位', en: 'information-system operator' },
  networked_unit: { regime: 'R13', zh: '互联网联网单位', en: 'networked unit' },
  bank_outlet: { regime: 'R14', zh: '银行业金融机构营业场所', en: 'bank outlet' },
} as const satisfies Record<string, EntityKindInfo>;

export type EntityKind = keyof typeof ENTITY_KINDS;

/**
 * R03 vehicle counts by type, as the registry records them. A key-vehicle unit has 5 or more
 * operating vehicles, or 5 or more key vehicles of the listed types (training cars excluded).
 */
export interface VehicleCounts {
  operating: number;
  medium_heavy_truck: number;
  tractor: number;
  trailer: number;
  dangerous_goods: number;
  school_bus: number;
  /** Passenger vehicles of 10 or more seats, training cars excluded. */
  passenger_10_plus: number;
}
