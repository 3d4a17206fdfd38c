import type { RegimeCode } from '@supervise/core';

/**
 * The violations the demo data penalises, with the statutory fine ranges of shared/domain.md
 * ("Penalty ranges"). Ranges are in yuan; the database stores fen. Regimes without a range in the
 * rulebook get warnings only in the demo data.
 */
export interface DemoViolation {
  code: string;
  regime: RegimeCode;
  zh: string;
  /** Fine range in yuan, both ends included; absent: warning only. */
  fineYuan?: readonly [number, number];
  /** A warning may replace the fine. */
  warningAllowed?: boolean;
  /** Detention range in days (R10 serious cases). */
  detentionDays?: readonly [number, number];
  /** R04: the fine is a multiple of the inspection fees collected, not a fixed range. */
  feeMultiple?: readonly [number, number];
  revokes?: boolean;
}

export const DEMO_VIOLATIONS = {
  // R09 seal engravers
  'R09-SEAL-FACILITY': {
    code: 'R09-SEAL-FACILITY',
    regime: 'R09',
    zh: '擅自改变刻制设施或拒不执行安全管理制度，逾期不改',
    fineYuan: [1_000, 5_000],
  },
  'R09-SEAL-RECORD': {
    code: 'R09-SEAL-RECORD',
    regime: 'R09',
    zh: '未按规定录入印章信息或擅自变更名称、地址、负责人',
    fineYuan: [5_000, 30_000],
  },
  'R09-SEAL-FILING': {
    code: 'R09-SEAL-FILING',
    regime: 'R09',
    zh: '未按规定申请变更、注销或备案',
    fineYuan: [200, 1_000],
    warningAllowed: true,
  },
  // R09 pawnshops
  'R09-PAWN-PROHIBITED': { code: 'R09-PAWN-PROHIBITED', regime: 'R09', zh: '收当禁当财物', fineYuan: [5_000, 30_000] },
  'R09-PAWN-REGISTER': {
    code: 'R09-PAWN-REGISTER',
    regime: 'R09',
    zh: '未按规定登记、报送当物和当户信息',
    fineYuan: [200, 1_000],
  },
  'R09-PAWN-REPORT': { code: 'R09-PAWN-REPORT', regime: 'R09', zh: '发现通缉人员或赃物未报告', fineYuan: [2_000, 10_000] },
  'R09-PAWN-REPORT-SERIOUS': {
    code: 'R09-PAWN-REPORT-SERIOUS',
    regime: 'R09',
    zh: '发现通缉人员或赃物未报告，情节严重或多次',
    fineYuan: [5_000, 30_000],
  },
  // R09 hotels: no range in the rulebook.
  'R09-HOTEL-WARN': { code: 'R09-HOTEL-WARN', regime: 'R09', zh: '旅客住宿登记不规范（警告）' },
  // R10 scrap metal
  'R10-PROHIBITED': { code: 'R10-PROHIBITED', regime: 'R10', zh: '收购禁止收购的金属物品', fineYuan: [500, 1_000] },
  'R10-PROHIBITED-SERIOUS': {
    code: 'R10-PROHIBITED-SERIOUS',
    regime: 'R10',
    zh: '收购禁止收购的金属物品，情节严重',
    fineYuan: [500, 1_000],
    detentionDays: [5, 10],
  },
  // R14 banks: not correcting in time, with harm.
  'R14-UNIT': { code: 'R14-UNIT', regime: 'R14', zh: '安全防范隐患逾期不改造成危害（单位）', fineYuan: [10_000, 100_000] },
  'R14-HEAD': {
    code: 'R14-HEAD',
    regime: 'R14',
    zh: '安全防范隐患逾期不改造成危害（负责人及直接责任人）',
    fineYuan: [500, 5_000],
  },
  // R04 inspection agencies issuing false results: 5–10 times the fees, qualification revoked.
  'R04-FALSE-RESULT': { code: 'R04-FALSE-RESULT', regime: 'R04', zh: '出具虚假检验结果', feeMultiple: [5, 10], revokes: true },
  // Warnings for the regimes whose penalties the rulebook does not put in numbers.
  'R02-WARN': { code: 'R02-WARN', regime: 'R02', zh: '占道施工安全设施不到位（警告）' },
  'R03-WARN': { code: 'R03-WARN', regime: 'R03', zh: '道路交通安全主体责任落实不到位（警告）' },
  'R05-WARN': { code: 'R05-WARN', regime: 'R05', zh: '大型活动安全措施落实不到位（警告）' },
  'R07-WARN': { code: 'R07-WARN', regime: 'R07', zh: '保安从业单位管理不规范（警告）' },
  'R08-WARN': { code: 'R08-WARN', regime: 'R08', zh: '安防产品生产登记事项不规范（警告）' },
  'R11-WARN': { code: 'R11-WARN', regime: 'R11', zh: '上网人员实名登记不落实（警告）' },
  'R12-WARN': { code: 'R12-WARN', regime: 'R12', zh: '未落实等级保护制度（警告）' },
  'R13-WARN': { code: 'R13-WARN', regime: 'R13', zh: '未落实安全保护技术措施（警告）' },
} as const satisfies Record<string, DemoViolation>;

export type DemoViolationCode = keyof typeof DEMO_VIOLATIONS;
