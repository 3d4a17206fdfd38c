/**
 * Issue 5 §3: the registry file of supervised entities (检查对象名录) as bureaux keep it in Excel, from
 * a table of text cells (the CSV or XLSX reader in @supervise/db produces it) to validated entities, or
 * EVERY problem found, each with the row number as Excel shows it (the header is row 1), the column
 * (its Chinese header) and the reason in Chinese and English. Pure: no I/O, no clock.
 *
 * The same columns are used for the export, so an exported file imports again unchanged.
 */
import { ENTITY_KINDS, REGIME_CODES, type EntityKind, type RegimeCode, type VehicleCounts } from '../regimes/entity-kinds.js';
import { REGIME_BRIGADE } from '../permissions/scope.js';

export type EntityField =
  | 'code'
  | 'regime_code'
  | 'kind'
  | 'name'
  | 'licence_no'
  | 'address'
  | 'station'
  | 'contact_name'
  | 'contact_phone'
  | keyof VehicleCounts
  | 'risk_grade'
  | 'status'
  | 'registered_on'
  | 'closed_on';

export interface ImportColumn {
  field: EntityField;
  /** The header as written in the file and in the export. */
  zh: string;
  en: string;
  /** Other headers accepted for this column (case-insensitive, spaces ignored). */
  aliases: readonly string[];
  required: boolean;
}

export const VEHICLE_FIELDS = [
  'operating',
  'medium_heavy_truck',
  'tractor',
  'trailer',
  'dangerous_goods',
  'school_bus',
  'passenger_10_plus',
] as const satisfies readonly (keyof VehicleCounts)[];

/** The columns, in export order. */
export const ENTITY_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: 'code', zh: '对象编码', en: 'code', aliases: ['编码', 'entity code'], required: true },
  { field: 'regime_code', zh: '监管事项', en: 'regime', aliases: ['监管事项编码', 'regime code', 'regime_code'], required: true },
  { field: 'kind', zh: '类别', en: 'kind', aliases: ['对象类别', 'type'], required: true },
  { field: 'name', zh: '名称', en: 'name', aliases: ['单位名称', '对象名称'], required: true },
  {
    field: 'licence_no',
    zh: '许可证号',
    en: 'licence',
    aliases: ['许可证编号', '统一社会信用代码', 'licence_no', 'license', 'license no'],
    required: false,
  },
  { field: 'address', zh: '地址', en: 'address', aliases: ['经营地址', '住所'], required: true },
  { field: 'station', zh: '所属派出所', en: 'police station', aliases: ['派出所', 'station', 'station_id'], required: false },
  { field: 'contact_name', zh: '联系人', en: 'contact', aliases: ['负责人', 'contact name', 'contact_name'], required: false },
  { field: 'contact_phone', zh: '联系电话', en: 'phone', aliases: ['电话', 'contact phone', 'contact_phone'], required: false },
  { field: 'operating', zh: '营运车辆数', en: 'operating vehicles', aliases: ['营运车辆'], required: false },
  { field: 'medium_heavy_truck', zh: '重中型货车数', en: 'medium/heavy trucks', aliases: ['重中型货车'], required: false },
  { field: 'tractor', zh: '牵引车数', en: 'tractors', aliases: ['牵引车'], required: false },
  { field: 'trailer', zh: '挂车数', en: 'trailers', aliases: ['挂车'], required: false },
  {
    field: 'dangerous_goods',
    zh: '危险货物运输车数',
    en: 'dangerous-goods vehicles',
    aliases: ['危险货物运输车', '危化品运输车'],
    required: false,
  },
  { field: 'school_bus', zh: '校车数', en: 'school buses', aliases: ['校车'], required: false },
  {
    field: 'passenger_10_plus',
    zh: '10座以上客车数',
    en: 'passenger vehicles 10+ seats',
    aliases: ['10座以上客车'],
    required: false,
  },
  { field: 'risk_grade', zh: '风险等级', en: 'risk grade', aliases: ['信用等级', 'risk', 'risk_grade'], required: false },
  { field: 'status', zh: '状态', en: 'status', aliases: ['经营状态'], required: false },
  {
    field: 'registered_on',
    zh: '登记日期',
    en: 'registered on',
    aliases: ['登记时间', 'registered', 'registered_on'],
    required: true,
  },
  { field: 'closed_on', zh: '注销日期', en: 'closed on', aliases: ['注销时间', 'closed', 'closed_on'], required: false },
];

export const RISK_GRADES = ['low', 'medium', 'high'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];
export const RISK_GRADE_LABELS: Readonly<Record<RiskGrade, { zh: string; en: string }>> = {
  low: { zh: '低', en: 'low' },
  medium: { zh: '中', en: 'medium' },
  high: { zh: '高', en: 'high' },
};
const RISK_WORDS: Record<string, RiskGrade> = {
  low: 'low',
  低: 'low',
  低风险: 'low',
  a: 'low',
  medium: 'medium',
  中: 'medium',
  中风险: 'medium',
  b: 'medium',
  high: 'high',
  高: 'high',
  高风险: 'high',
  c: 'high',
};
export const STATUS_LABELS = { active: { zh: '在册', en: 'active' }, closed: { zh: '已注销', en: 'closed' } } as const;
const STATUS_WORDS: Record<string, 'active' | 'closed'> = {
  active: 'active',
  在册: 'active',
  正常: 'active',
  在营: 'active',
  营业: 'active',
  closed: 'closed',
  已注销: 'closed',
  注销: 'closed',
  关闭: 'closed',
  停业: 'closed',
  歇业: 'closed',
};

/** Rows per file: beyond this a bureau should split the file (and the preview stays responsive). */
export const MAX_IMPORT_ROWS = 100_000;

export type ImportIssueCode =
  | 'empty_file'
  | 'unreadable_file'
  | 'too_many_rows'
  | 'missing_column'
  | 'duplicate_column'
  | 'required'
  | 'too_long'
  | 'invalid_code'
  | 'duplicate_code'
  | 'unknown_regime'
  | 'unknown_kind'
  | 'kind_not_of_regime'
  | 'unknown_station'
  | 'invalid_phone'
  | 'invalid_number'
  | 'vehicles_not_r03'
  | 'invalid_risk_grade'
  | 'invalid_status'
  | 'invalid_date'
  | 'closed_without_date'
  | 'closed_date_on_active'
  | 'closed_before_registered'
  | 'out_of_scope'
  | 'stored_out_of_scope';

export interface ImportIssue {
  code: ImportIssueCode;
  /** The row as Excel shows it (header = 1); the header row for file-level problems. */
  row: number;
  /** The column's Chinese header; null for a problem with the whole row or file. */
  column: string | null;
  zh: string;
  en: string;
}

export interface ImportStation {
  id: string;
  name_zh: string;
  name_en: string;
}

export interface EntityImportContext {
  stations: readonly ImportStation[];
  /** Whether the importing user may write an entity of this regime, brigade and station (their grant's scope). */
  inScope?: (e: { regime: RegimeCode; brigadeId: string; stationId: string | null }) => boolean;
}

export interface ValidatedEntity {
  /** The row as Excel shows it. */
  row: number;
  code: string;
  regime_code: RegimeCode;
  kind: EntityKind;
  name: string;
  licence_no: string | null;
  address: string;
  brigade_id: string;
  station_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  vehicle_counts: VehicleCounts | null;
  risk_grade: RiskGrade | null;
  status: 'active' | 'closed';
  registered_on: string;
  closed_on: string | null;
}

/** A table as read from a file: the header cells and the data rows with their Excel row numbers. */
export interface CellTable {
  headerRow: number;
  header: readonly string[];
  rows: readonly { row: number; cells: readonly string[] }[];
}

export interface EntityImportResult {
  entities: ValidatedEntity[];
  issues: ImportIssue[];
  /** Non-blank data rows. */
  rowCount: number;
  /** Headers that match no column (ignored). */
  ignoredColumns: string[];
}

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/[\s_]+/g, ' ')
    .trim()
    .toLowerCase();

const HEADER_INDEX: ReadonlyMap<string, ImportColumn> = new Map(
  ENTITY_IMPORT_COLUMNS.flatMap((c) => [c.zh, c.en, c.field, ...c.aliases].map((h) => [normaliseHeader(h), c] as const)),
);

export function columnOfHeader(header: string): ImportColumn | undefined {
  return HEADER_INDEX.get(normaliseHeader(header));
}

const LIMITS: Partial<Record<EntityField, number>> = {
  name: 200,
  address: 300,
  licence_no: 80,
  contact_name: 60,
};

/** Parses YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 and YYYYMMDD into an ISO date, or null. */
export function parseImportDate(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(t);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  if (y < 1949 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function kindOf(text: string): EntityKind | undefined {
  const t = text.trim();
  if (Object.hasOwn(ENTITY_KINDS, t)) return t as EntityKind;
  const lower = t.toLowerCase();
  return (Object.keys(ENTITY_KINDS) as EntityKind[]).find(
    (k) => ENTITY_KINDS[k].zh === t || ENTITY_KINDS[k].en.toLowerCase() === lower,
  );
}

/**
 * Validates a table of entity rows. Every problem is reported (no stop at the first); the entities
 * are returned only for the rows without problems, so callers must refuse the file when `issues`
 * is not empty (all or nothing).
 */
export function validateEntityTable(table: CellTable, ctx: EntityImportContext): EntityImportResult {
  const issues: ImportIssue[] = [];
  const headerRow = table.headerRow;
  const columns = new Map<EntityField, number>();
  const ignoredColumns: string[] = [];
  table.header.forEach((h, i) => {
    if (h.trim() === '') return;
    const col = columnOfHeader(h);
    if (!col) return void ignoredColumns.push(h.trim());
    if (columns.has(col.field)) {
      issues.push(issue('duplicate_column', headerRow, col.zh, `列“${col.zh}”出现了两次`, `column "${col.en}" appears twice`));
    } else columns.set(col.field, i);
  });
  const rows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0 && table.header.every((h) => h.trim() === '')) {
    return { entities: [], issues: [issue('empty_file', 1, null, '文件为空', 'the file is empty')], rowCount: 0, ignoredColumns };
  }
  for (const c of ENTITY_IMPORT_COLUMNS) {
    if (c.required && !columns.has(c.field)) {
      issues.push(
        issue('missing_column', headerRow, c.zh, `缺少必需的列“${c.zh}”`, `required column "${c.zh}" (${c.en}) is missing`),
      );
    }
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    issues.push(
      issue(
        'too_many_rows',
        headerRow,
        null,
        `行数超过上限 ${MAX_IMPORT_ROWS}，请拆分文件`,
        `more than ${MAX_IMPORT_ROWS} rows: split the file`,
      ),
    );
  }
  if (issues.length > 0) return { entities: [], issues, rowCount: rows.length, ignoredColumns };

  const stationIndex = new Map<string, string>();
  for (const s of ctx.stations) {
    stationIndex.set(s.id.toLowerCase(), s.id);
    stationIndex.set(s.name_zh, s.id);
    stationIndex.set(s.name_en.toLowerCase(), s.id);
  }
  const firstRowOfCode = new Map<string, number>();
  const entities: ValidatedEntity[] = [];
  for (const { row, cells } of rows) {
    const before = issues.length;
    const e = validateRow(
      row,
      (f) => {
        const i = columns.get(f);
        return i === undefined ? '' : (cells[i] ?? '').trim();
      },
      stationIndex,
      ctx,
      issues,
    );
    if (e) {
      const first = firstRowOfCode.get(e.code);
      if (first !== undefined) {
        issues.push(issue('duplicate_code', row, '对象编码', `对象编码与第 ${first} 行重复`, `code repeats row ${first}`));
      } else firstRowOfCode.set(e.code, row);
    }
    if (e && issues.length === before) entities.push(e);
  }
  return { entities, issues, rowCount: rows.length, ignoredColumns };
}

/** Validates one record (a file row or a form), pushing its problems to `issues`. */
export function validateEntityRecord(
  value: (field: EntityField) => string,
  ctx: EntityImportContext,
  row = 0,
): { entity: ValidatedEntity | null; issues: ImportIssue[] } {
  const stationIndex = new Map<string, string>();
  for (const s of ctx.stations) {
    stationIndex.set(s.id.toLowerCase(), s.id);
    stationIndex.set(s.name_zh, s.id);
    stationIndex.set(s.name_en.toLowerCase(), s.id);
  }
  const issues: ImportIssue[] = [];
  const entity = validateRow(row, (f) => value(f).trim(), stationIndex, ctx, issues);
  return { entity: issues.length ? null : entity, issues };
}

const COL = Object.fromEntries(ENTITY_IMPORT_COLUMNS.map((c) => [c.field, c])) as Record<EntityField, ImportColumn>;

function issue(code: ImportIssueCode, row: number, column: string | null, zh: string, en: string): ImportIssue {
  return { code, row, column, zh, en };
}

function validateRow(
  row: number,
  get: (f: EntityField) => string,
  stationIndex: ReadonlyMap<string, string>,
  ctx: EntityImportContext,
  issues: ImportIssue[],
): ValidatedEntity | null {
  const start = issues.length;
  const bad = (code: ImportIssueCode, f: EntityField, zh: string, en: string) => issues.push(issue(code, row, COL[f].zh, zh, en));
  const required = (f: EntityField): string => {
    const v = get(f);
    if (v === '') bad('required', f, `“${COL[f].zh}”不能为空`, `"${COL[f].en}" is required`);
    return v;
  };
  const optional = (f: EntityField): string | null => {
    const v = get(f);
    return v === '' ? null : v;
  };
  const limited = <T extends string | null>(f: EntityField, v: T): T => {
    const max = LIMITS[f];
    if (v !== null && max !== undefined && v.length > max)
      bad('too_long', f, `“${COL[f].zh}”超过 ${max} 个字`, `"${COL[f].en}" is longer than ${max} characters`);
    return v;
  };

  const code = required('code');
  if (code !== '' && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/.test(code)) {
    bad(
      'invalid_code',
      'code',
      '对象编码只能包含字母、数字、“.”“_”“-”，最长 60 位',
      'code: letters, digits, ".", "_" and "-" only, at most 60',
    );
  }
  const regimeText = required('regime_code').toUpperCase();
  let regime: RegimeCode | undefined;
  if (regimeText !== '') {
    regime = (REGIME_CODES as readonly string[]).includes(regimeText) ? (regimeText as RegimeCode) : undefined;
    if (!regime)
      bad(
        'unknown_regime',
        'regime_code',
        `未知的监管事项“${regimeText}”（应为 R01–R14）`,
        `unknown regime "${regimeText}" (R01–R14)`,
      );
  }
  const kindText = required('kind');
  let kind: EntityKind | undefined;
  if (kindText !== '') {
    kind = kindOf(kindText);
    if (!kind) bad('unknown_kind', 'kind', `未知的类别“${kindText}”`, `unknown kind "${kindText}"`);
    else if (regime && ENTITY_KINDS[kind].regime !== regime) {
      bad(
        'kind_not_of_regime',
        'kind',
        `类别“${ENTITY_KINDS[kind].zh}”不属于监管事项 ${regime}（属于 ${ENTITY_KINDS[kind].regime}）`,
        `kind "${ENTITY_KINDS[kind].en}" is not of regime ${regime} (it is ${ENTITY_KINDS[kind].regime}'s)`,
      );
    }
  }
  const name = limited('name', required('name'));
  const licence = limited('licence_no', optional('licence_no'));
  const address = limited('address', required('address'));
  const stationText = optional('station');
  let stationId: string | null = null;
  if (stationText !== null) {
    stationId = stationIndex.get(stationText) ?? stationIndex.get(stationText.toLowerCase()) ?? null;
    if (!stationId) bad('unknown_station', 'station', `未知的派出所“${stationText}”`, `unknown police station "${stationText}"`);
  }
  const contactName = limited('contact_name', optional('contact_name'));
  const phone = optional('contact_phone');
  if (phone !== null && !(/^[0-9+\-() ]{5,24}$/.test(phone) && (phone.match(/\d/g)?.length ?? 0) >= 5)) {
    bad('invalid_phone', 'contact_phone', `联系电话“${phone}”格式不正确`, `phone "${phone}" is not a phone number`);
  }

  let vehicles: VehicleCounts | null = null;
  const given = VEHICLE_FIELDS.filter((f) => get(f) !== '');
  if (given.length > 0) {
    const counts = {} as VehicleCounts;
    for (const f of VEHICLE_FIELDS) {
      const t = get(f);
      if (t === '') counts[f] = 0;
      else if (!/^\d{1,6}$/.test(t)) {
        bad(
          'invalid_number',
          f,
          `“${COL[f].zh}”应为非负整数，而不是“${t}”`,
          `"${COL[f].en}" must be a whole number ≥ 0, not "${t}"`,
        );
      } else counts[f] = Number(t);
    }
    // R03 only: vehicle counts decide a key-vehicle unit; other regimes have none to record.
    if (regime && regime !== 'R03') {
      bad(
        'vehicles_not_r03',
        given[0]!,
        `只有 R03（道路交通安全责任单位）登记车辆数`,
        `only R03 (road-traffic safety units) records vehicle counts`,
      );
    }
    vehicles = counts;
  }

  const riskText = optional('risk_grade');
  let risk: RiskGrade | null = null;
  if (riskText !== null) {
    risk = RISK_WORDS[riskText.toLowerCase()] ?? null;
    if (!risk)
      bad(
        'invalid_risk_grade',
        'risk_grade',
        `风险等级“${riskText}”应为 低/中/高`,
        `risk grade "${riskText}" must be low/medium/high`,
      );
  }
  const statusText = optional('status');
  let status: 'active' | 'closed' = 'active';
  if (statusText !== null) {
    const s = STATUS_WORDS[statusText.toLowerCase()];
    if (!s)
      bad('invalid_status', 'status', `状态“${statusText}”应为 在册/已注销`, `status "${statusText}" must be active/closed`);
    else status = s;
  }
  const regText = required('registered_on');
  const registered = regText === '' ? null : parseImportDate(regText);
  if (regText !== '' && !registered)
    bad('invalid_date', 'registered_on', `登记日期“${regText}”不是有效日期`, `registered on "${regText}" is not a valid date`);
  const closedText = optional('closed_on');
  const closed = closedText === null ? null : parseImportDate(closedText);
  if (closedText !== null && !closed)
    bad('invalid_date', 'closed_on', `注销日期“${closedText}”不是有效日期`, `closed on "${closedText}" is not a valid date`);
  if (status === 'closed' && closedText === null)
    bad('closed_without_date', 'closed_on', '状态为已注销时须填写注销日期', 'a closed entity needs its closing date');
  if (status === 'active' && closedText !== null && statusText !== null) {
    bad('closed_date_on_active', 'closed_on', '状态为在册时不应填写注销日期', 'an active entity has no closing date');
  }
  if (registered && closed && closed < registered)
    bad('closed_before_registered', 'closed_on', '注销日期早于登记日期', 'closed before it was registered');

  if (issues.length > start || !regime || !kind || !registered) return null;
  const brigadeId = REGIME_BRIGADE[regime];
  if (ctx.inScope && !ctx.inScope({ regime, brigadeId, stationId })) {
    issues.push(
      issue(
        'out_of_scope',
        row,
        COL.regime_code.zh,
        `无权导入 ${regime} 的对象（超出本人权限范围）`,
        `regime ${regime} is outside your scope`,
      ),
    );
    return null;
  }
  return {
    row,
    code,
    regime_code: regime,
    kind,
    name,
    licence_no: licence,
    address,
    brigade_id: brigadeId,
    station_id: stationId,
    contact_name: contactName,
    contact_phone: phone,
    vehicle_counts: vehicles,
    risk_grade: risk,
    // A closing date alone (status blank) means closed.
    status: statusText === null && closed ? 'closed' : status,
    registered_on: registered,
    closed_on: closed,
  };
}

/** RFC 4180 CSV (quotes, doubled quotes, CR/LF inside quotes); strips a BOM. Records, not lines. */
export function parseCsvRecords(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: string[][] = [];
  let rec: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      rec.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      rec.push(cell);
      out.push(rec);
      rec = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || rec.length > 0) {
    rec.push(cell);
    out.push(rec);
  }
  return out;
}

/** A CSV's records as a table: the first record is the header (row 1), each record one Excel row. */
export function csvTable(text: string): CellTable {
  const records = parseCsvRecords(text);
  return {
    headerRow: 1,
    header: records[0] ?? [],
    rows: records.slice(1).map((cells, i) => ({ row: i + 2, cells })),
  };
}

/** The export's cells of one entity, in ENTITY_IMPORT_COLUMNS order (an export imports again unchanged). */
export function entityExportCells(e: {
  code: string;
  regime_code: string;
  kind: string;
  name: string;
  licence_no: string | null;
  address: string;
  station_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  vehicle_counts: VehicleCounts | null;
  risk_grade: string | null;
  status: string;
  registered_on: string;
  closed_on: string | null;
}): (string | number)[] {
  const kindZh = (ENTITY_KINDS as Record<string, { zh: string }>)[e.kind]?.zh ?? e.kind;
  const v = e.vehicle_counts;
  const risk =
    e.risk_grade && Object.hasOwn(RISK_GRADE_LABELS, e.risk_grade)
      ? RISK_GRADE_LABELS[e.risk_grade as RiskGrade].zh
      : (e.risk_grade ?? '');
  return [
    e.code,
    e.regime_code,
    kindZh,
    e.name,
    e.licence_no ?? '',
    e.address,
    e.station_name ?? '',
    e.contact_name ?? '',
    e.contact_phone ?? '',
    ...VEHICLE_FIELDS.map((f) => (v ? (v[f] ?? 0) : '')),
    risk,
    e.status === 'closed' ? STATUS_LABELS.closed.zh : STATUS_LABELS.active.zh,
    e.registered_on,
    e.closed_on ?? '',
  ];
}
