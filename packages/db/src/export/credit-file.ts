/**
 * The file of R03 dishonesty grades for the provincial credit platform (issue 13 §7; seed R03
 * 四、监管措施（六）: 向省信用信息平台推送). One column list serves the XLSX and the CSV; every text cell goes
 * through core's `formulaSafe` (a cell beginning with = + - @ is not a formula).
 */
import { CREDIT_GRADE_CLAUSE, CREDIT_GRADE_NAMES, formulaSafe, isCreditGrade } from '@supervise/core';
import ExcelJS from 'exceljs';
import type { CreditGradeRow } from '../repositories/credit-grade.repository.js';
import type { ExportColumn } from './dashboard-file.js';

export const CREDIT_COLUMNS: ExportColumn[] = [
  { key: 'entity_name', zh: '失信主体名称', en: 'unit' },
  { key: 'entity_code', zh: '对象编码', en: 'entity code' },
  { key: 'licence_no', zh: '许可证号', en: 'licence no.' },
  { key: 'address', zh: '地址', en: 'address' },
  { key: 'grade', zh: '失信等级', en: 'grade' },
  { key: 'reason', zh: '认定理由', en: 'reason' },
  { key: 'basis_kind', zh: '依据类型', en: 'basis' },
  { key: 'basis_ref', zh: '依据文书编号', en: 'basis document' },
  { key: 'basis_on', zh: '依据日期', en: 'basis date' },
  { key: 'graded_on', zh: '认定日期', en: 'graded on' },
  { key: 'graded_by', zh: '认定人', en: 'graded by' },
];

const BASIS = { penalty: '行政处罚决定 / penalty decision', rectification: '责令限期整改通知 / rectification notice' };

/** A grade's cells, in the columns' order; every text formula-safe. */
export function creditCells(r: CreditGradeRow): (string | null)[] {
  const grade = isCreditGrade(r.grade) ? `${CREDIT_GRADE_NAMES[r.grade].zh} / ${CREDIT_GRADE_NAMES[r.grade].en}` : r.grade;
  const cells = [
    r.entity.name,
    r.entity.code,
    r.entity.licenceNo,
    r.entity.address,
    grade,
    r.reason,
    BASIS[r.basis.kind],
    r.basis.reference,
    r.basis.on,
    r.gradedOn,
    r.gradedBy,
  ];
  return cells.map((c) => (c === null ? null : formulaSafe(c)));
}

export async function creditGradesXlsx(rows: readonly CreditGradeRow[], meta: { title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = meta.title;
  const ws = wb.addWorksheet('失信 dishonesty');
  ws.columns = CREDIT_COLUMNS.map((c) => ({ header: `${c.zh} / ${c.en}`, key: c.key, width: Math.max(12, c.zh.length * 2 + 6) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(creditCells(r));
  const info = wb.addWorksheet('说明 about');
  info.addRow(['依据 / clause', CREDIT_GRADE_CLAUSE]);
  info.addRow([
    '说明 / note',
    '失信等级由承办民警依主观故意、情节轻重、责任大小和危害程度认定（规则未规定具体标准）/ graded by the officer; the rulebook sets no criteria',
  ]);
  info.addRow(['行数 / rows', rows.length]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
