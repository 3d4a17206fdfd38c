/**
 * The dashboard's exports (issue 12 §3, §6): the figures table and the rows behind a figure, as XLSX;
 * the same columns serve the CSV and the drill-down page. Every text cell goes through core's
 * `formulaSafe` (a cell beginning with = + - @ is not a formula); numbers stay numbers.
 */
import { COVERAGE_KINDS, formulaSafe, type RegimeFigures } from '@supervise/core';
import ExcelJS from 'exceljs';
import type { DashboardRow, DashboardRowSet } from '../repositories/dashboard-rows.repository.js';

export interface ExportColumn {
  key: string;
  zh: string;
  en: string;
}

const ENTITY: ExportColumn[] = [
  { key: 'entity_code', zh: '对象编码', en: 'entity code' },
  { key: 'entity_name', zh: '对象名称', en: 'entity' },
  { key: 'station_id', zh: '派出所', en: 'station' },
];

/** The columns of each row set, in order. */
export const DASHBOARD_ROW_COLUMNS: Record<DashboardRowSet, ExportColumn[]> = {
  obligations: [
    { key: 'regime', zh: '制度', en: 'regime' },
    { key: 'kind', zh: '类型', en: 'kind' },
    { key: 'ref', zh: '编号', en: 'ref' },
    ...ENTITY,
    { key: 'window_start', zh: '开始', en: 'window start' },
    { key: 'window_end', zh: '截止', en: 'window end' },
    { key: 'covered_on', zh: '检查完成日期', en: 'covered on' },
  ],
  inspections: [
    { key: 'regime', zh: '制度', en: 'regime' },
    { key: 'ref', zh: '检查编号', en: 'inspection' },
    { key: 'inspected_on', zh: '检查日期', en: 'inspected on' },
    { key: 'trigger', zh: '方式', en: 'trigger' },
    ...ENTITY,
    { key: 'hazards', zh: '隐患', en: 'hazards' },
    { key: 'officers', zh: '民警人数', en: 'officers' },
  ],
  rectifications: [
    { key: 'regime', zh: '制度', en: 'regime' },
    { key: 'notice_no', zh: '通知书编号', en: 'notice' },
    ...ENTITY,
    { key: 'status', zh: '状态', en: 'status' },
    { key: 'deadline_on', zh: '整改期限', en: 'deadline in force' },
    { key: 'completed_on', zh: '完成日期', en: 'completed on' },
    { key: 'on_time', zh: '按期', en: 'on time' },
    { key: 'overdue_open', zh: '逾期未改', en: 'overdue open' },
  ],
  reviews: [
    { key: 'regime', zh: '制度', en: 'regime' },
    { key: 'notice_no', zh: '通知书编号', en: 'notice' },
    ...ENTITY,
    { key: 'requested_on', zh: '申请复查', en: 'requested on' },
    { key: 'due_on', zh: '复查期限', en: 'due on' },
    { key: 'reviewed_on', zh: '复查日期', en: 'reviewed on' },
    { key: 'on_time', zh: '按时', en: 'on time' },
  ],
  service: [
    { key: 'regime', zh: '制度', en: 'regime' },
    { key: 'notice_no', zh: '通知书编号', en: 'notice' },
    ...ENTITY,
    { key: 'due_on', zh: '送达期限', en: 'service due on' },
    { key: 'served_on', zh: '送达日期', en: 'served on' },
    { key: 'on_time', zh: '按时', en: 'on time' },
    { key: 'late_service_reason', zh: '逾期原因', en: 'reason for late service' },
  ],
  penalties: [
    { key: 'regime', zh: '制度', en: 'regime' },
    { key: 'ref', zh: '处罚编号', en: 'penalty' },
    { key: 'decided_on', zh: '决定日期', en: 'decided on' },
    ...ENTITY,
    { key: 'violation_code', zh: '违法行为', en: 'violation' },
    { key: 'warning', zh: '警告', en: 'warning' },
    { key: 'fine_yuan', zh: '罚款（元）', en: 'fine (yuan)' },
    { key: 'band', zh: '金额段', en: 'amount band' },
  ],
};

/** A row's cell as exported: yes/no for flags, yuan for fen, safe text. */
export function exportCell(row: DashboardRow, key: string): string | number | null {
  if (key === 'fine_yuan') return Number(row.fine_fen ?? 0) / 100;
  const v = row[key];
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '是 / yes' : '否 / no';
  if (typeof v === 'number') return v;
  return formulaSafe(String(v));
}

const header = (c: ExportColumn) => `${c.zh} / ${c.en}`;

export async function dashboardRowsXlsx(
  set: DashboardRowSet,
  rows: readonly DashboardRow[],
  meta: { title: string; filters: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = meta.title;
  const ws = wb.addWorksheet(set);
  const cols = DASHBOARD_ROW_COLUMNS[set];
  ws.columns = cols.map((c) => ({ header: header(c), key: c.key, width: Math.max(12, c.zh.length * 2 + 6) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(cols.map((c) => [c.key, exportCell(r, c.key)])));
  const info = wb.addWorksheet('说明 about');
  info.addRow(['筛选 / filters', formulaSafe(meta.filters)]);
  info.addRow(['行数 / rows', rows.length]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The figures' columns (the page's table, the XLSX, the CSV): a fraction of 1 for each rate. */
export const DASHBOARD_FIGURE_COLUMNS: ExportColumn[] = [
  { key: 'regime', zh: '制度', en: 'regime' },
  { key: 'coverage', zh: '覆盖率', en: 'coverage' },
  ...COVERAGE_KINDS.map((k) => ({
    key: `coverage_${k}`,
    zh: { census: '普查覆盖', campaign: '专项覆盖', spot_check: '抽查覆盖' }[k],
    en: `${k.replace('_', '-')} coverage`,
  })),
  { key: 'obligations', zh: '应检', en: 'obligations' },
  { key: 'covered', zh: '已检', en: 'covered' },
  { key: 'inspections', zh: '完成检查', en: 'inspections done' },
  { key: 'hazards', zh: '隐患', en: 'hazards' },
  { key: 'rectification_rate', zh: '按期整改率', en: 'rectification rate' },
  { key: 'rectifications_due', zh: '到期整改', en: 'rectifications due' },
  { key: 'rectifications_on_time', zh: '按期完成', en: 'completed on time' },
  { key: 'overdue_open', zh: '逾期未改', en: 'overdue open' },
  { key: 'reviews_on_time', zh: '按时复查率', en: 'reviews on time' },
  { key: 'served_on_time', zh: '按时送达率', en: 'served on time' },
  { key: 'penalties', zh: '处罚', en: 'penalties' },
  { key: 'warnings', zh: '警告', en: 'warnings' },
  { key: 'fine_yuan', zh: '罚款（元）', en: 'fines (yuan)' },
];

export function figureCells(f: RegimeFigures): Record<string, string | number | null> {
  return {
    regime: f.regime,
    coverage: f.coverage,
    coverage_census: f.coverageByKind.census.rate,
    coverage_campaign: f.coverageByKind.campaign.rate,
    coverage_spot_check: f.coverageByKind.spot_check.rate,
    obligations: f.coverageAll.of,
    covered: f.coverageAll.done,
    inspections: f.inspectionsDone,
    hazards: f.hazards,
    rectification_rate: f.rectificationRate,
    rectifications_due: f.rectification.of,
    rectifications_on_time: f.rectification.done,
    overdue_open: f.rectification.overdueOpen,
    reviews_on_time: f.reviewsOnTime.rate,
    served_on_time: f.servedOnTime.rate,
    penalties: f.penalties.count,
    warnings: f.penalties.warnings,
    fine_yuan: f.penalties.fineYuan,
  };
}

export async function dashboardFiguresXlsx(
  regimes: readonly RegimeFigures[],
  totals: RegimeFigures,
  meta: { title: string; filters: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = meta.title;
  const ws = wb.addWorksheet('指标 figures');
  ws.columns = DASHBOARD_FIGURE_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: 14 }));
  ws.getRow(1).font = { bold: true };
  for (const f of [...regimes, totals]) ws.addRow(figureCells(f));
  const info = wb.addWorksheet('说明 about');
  info.addRow(['筛选 / filters', formulaSafe(meta.filters)]);
  info.addRow(['比率为 1 的分数 / rates are fractions of 1', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
