/**
 * The plan of a period as an XLSX (issue 9 §1): one sheet each for census obligations, campaigns and
 * spot checks, the day-by-day calendar and the officers' load; the same rows as `GET /api/v1/plan`.
 * Column headers in Chinese with the English after a slash, as the registry file's.
 */
import type { PlanStatus } from '@supervise/core';
import ExcelJS from 'exceljs';
import type { PlanObligationRow, PlanView } from '../repositories/plan.repository.js';

const STATUS_ZH: Record<PlanStatus, string> = { unassigned: '未分派', assigned: '已分派', done: '已完成', overdue: '已逾期' };

const obligationColumns = (census: boolean) => [
  { header: '制度 / regime', key: 'regime', width: 10 },
  ...(census
    ? [
        { header: '对象编码 / entity code', key: 'entityCode', width: 18 },
        { header: '对象名称 / entity', key: 'entityName', width: 30 },
        { header: '派出所 / station', key: 'stationId', width: 12 },
      ]
    : [{ header: '总数 / population', key: 'population', width: 12 }]),
  { header: '类别 / kind', key: 'kind', width: 18 },
  { header: '开始 / window start', key: 'windowStart', width: 12 },
  { header: '截止 / window end', key: 'windowEnd', width: 12 },
  { header: '应检 / target', key: 'target', width: 10 },
  { header: '已检 / done', key: 'done', width: 10 },
  { header: '已安排 / assigned', key: 'assigned', width: 10 },
  { header: '状态 / status', key: 'status', width: 10 },
  ...(census
    ? [
        { header: '计划日期 / planned on', key: 'plannedOn', width: 12 },
        { header: '检查民警 / officers', key: 'officers', width: 18 },
      ]
    : []),
  { header: '依据 / clause', key: 'clause', width: 40 },
];

const obligationCells = (r: PlanObligationRow) => ({
  ...r,
  status: `${STATUS_ZH[r.status]} / ${r.status}`,
  officers: r.officers.join('、'),
});

export async function planXlsx(view: PlanView, meta: { period: string; scope: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = `检查计划 ${meta.period}`;
  const sheets: [string, boolean, PlanObligationRow[]][] = [
    ['普查 census', true, view.census],
    ['专项检查 campaigns', false, view.campaign],
    ['抽查 spot checks', false, view.spotCheck],
  ];
  for (const [name, census, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    ws.columns = obligationColumns(census);
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(obligationCells(r));
  }
  const cal = wb.addWorksheet('日历 calendar');
  cal.columns = [
    { header: '日期 / day', key: 'plannedOn', width: 12 },
    { header: '制度 / regime', key: 'regime', width: 10 },
    { header: '方式 / trigger', key: 'trigger', width: 12 },
    { header: '对象编码 / entity code', key: 'entityCode', width: 18 },
    { header: '对象名称 / entity', key: 'entityName', width: 30 },
    { header: '状态 / status', key: 'status', width: 10 },
    { header: '检查民警 / officers', key: 'officers', width: 18 },
    { header: '检查编号 / inspection', key: 'inspectionId', width: 12 },
  ];
  cal.getRow(1).font = { bold: true };
  for (const c of view.calendar)
    cal.addRow({ ...c, status: `${STATUS_ZH[c.status]} / ${c.status}`, officers: c.officers.join('、') });
  const off = wb.addWorksheet('警力负荷 load');
  off.columns = [
    { header: '警号 / code', key: 'code', width: 10 },
    { header: '姓名 / name', key: 'name', width: 12 },
    { header: '大队 / brigade', key: 'brigadeId', width: 10 },
    { header: '派出所 / station', key: 'stationId', width: 12 },
    { header: '待检 / planned', key: 'planned', width: 10 },
    { header: '逾期 / overdue', key: 'overdue', width: 10 },
    { header: '已完成 / done', key: 'done', width: 10 },
    { header: '休假天数 / leave days', key: 'leaveDays', width: 12 },
  ];
  off.getRow(1).font = { bold: true };
  for (const o of view.officers) off.addRow(o);
  const info = wb.addWorksheet('说明 about');
  info.addRow(['期间 / period', meta.period]);
  info.addRow(['范围 / scope', meta.scope]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
