import type { CellTable } from '../registry/entity-import.js';

/**
 * R01 window service (窗口服务, issue 13 §6): the bureau's own exit-entry window staff. The rulebook:
 * - 三（2）窗口服务评价器; 四（2）窗口服务评价器结果作为工作考评标准之一 — the raters' monthly results are imported;
 * - 三（1）群众监督、投诉 (监督电话), 三（3）窗口意见箱, 三（4）市、区行风监督 — complaints per staff member;
 * - 五（2）对现场纠纷或投诉直接处理，无法当场解决的，事后对群众进行电话回访或者登门走访 — the follow-up call or visit;
 * - 六（1）对群众投诉较多，窗口服务评价器满意率较低的工作人员进行思想教育、培训整改，调离、调整岗位 — the flag and
 *   the two measures (retraining; a move).
 * 较多 / 较低 carry NO number in the rulebook: both thresholds are CONFIGURED (service_setting), and every
 * page that flags staff says they are unverified (`WINDOW_THRESHOLDS_SOURCE`).
 */
export const WINDOW_THRESHOLDS_SOURCE = {
  clause: 'seed R01 六、监督检查处理（1）：投诉较多、满意率较低（no number given）',
  configured: true,
  verified: false,
} as const;

/** Defaults until the leader sets them: a choice of this platform, not the rulebook's. */
export const DEFAULT_WINDOW_THRESHOLDS = { minSatisfactionPct: 90, maxComplaints: 3 } as const;
export const WINDOW_THRESHOLD_RANGE = { pct: { min: 1, max: 100 }, complaints: { min: 1, max: 100 } } as const;

export const WINDOW_COMPLAINT_CHANNELS = ['phone', 'box', 'on_site', 'supervision'] as const;
export type WindowComplaintChannel = (typeof WINDOW_COMPLAINT_CHANNELS)[number];
export const WINDOW_FOLLOW_UPS = ['call', 'visit'] as const;
export type WindowFollowUp = (typeof WINDOW_FOLLOW_UPS)[number];
export const WINDOW_MEASURES = ['retraining', 'reassignment'] as const;
export type WindowMeasure = (typeof WINDOW_MEASURES)[number];

export const WINDOW_TEXT_MAX = 2000;

export interface WindowThresholds {
  minSatisfactionPct: number;
  maxComplaints: number;
}

export function checkWindowThresholds(t: WindowThresholds): (keyof WindowThresholds)[] {
  const bad: (keyof WindowThresholds)[] = [];
  const inRange = (v: number, r: { min: number; max: number }) => Number.isInteger(v) && v >= r.min && v <= r.max;
  if (!inRange(t.minSatisfactionPct, WINDOW_THRESHOLD_RANGE.pct)) bad.push('minSatisfactionPct');
  if (!inRange(t.maxComplaints, WINDOW_THRESHOLD_RANGE.complaints)) bad.push('maxComplaints');
  return bad;
}

/** Satisfied ÷ rated as a fraction of 1, or null with nothing rated. */
export const satisfactionRate = (rated: number, satisfied: number): number | null => (rated > 0 ? satisfied / rated : null);

/**
 * Why a member is flagged in a month (empty: not flagged): a satisfaction rate below the configured
 * minimum, or at least the configured number of complaints (六（1）投诉较多 / 满意率较低).
 */
export function windowFlags(
  month: { rated: number; satisfied: number; complaints: number },
  t: WindowThresholds,
): ('low_satisfaction' | 'many_complaints')[] {
  const flags: ('low_satisfaction' | 'many_complaints')[] = [];
  const rate = satisfactionRate(month.rated, month.satisfied);
  // Compared in integers: satisfied × 100 < rated × pct (no floating-point edge at the threshold).
  if (rate !== null && month.satisfied * 100 < month.rated * t.minSatisfactionPct) flags.push('low_satisfaction');
  if (month.complaints >= t.maxComplaints) flags.push('many_complaints');
  return flags;
}

/** A month `YYYY-MM`. */
export const isMonth = (v: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

// ——— The raters' results file ———

export type WindowRatingField = 'code' | 'name' | 'month' | 'rated' | 'satisfied';

export const WINDOW_RATING_COLUMNS: readonly { field: WindowRatingField; zh: string; en: string; aliases: readonly string[] }[] =
  [
    { field: 'code', zh: '工号', en: 'staff number', aliases: ['code', '警号', '人员编号'] },
    { field: 'name', zh: '姓名', en: 'name', aliases: ['name'] },
    { field: 'month', zh: '月份', en: 'month', aliases: ['month', '统计月份'] },
    { field: 'rated', zh: '评价次数', en: 'ratings', aliases: ['rated', '评价总数'] },
    { field: 'satisfied', zh: '满意次数', en: 'satisfied', aliases: ['satisfied', '满意数'] },
  ];

export interface WindowRatingRow {
  row: number;
  code: string;
  name: string;
  month: string;
  rated: number;
  satisfied: number;
}

export type WindowRatingIssueCode =
  | 'unreadable_file'
  | 'empty_file'
  | 'missing_column'
  | 'required'
  | 'too_long'
  | 'invalid_month'
  | 'invalid_count'
  | 'satisfied_over_rated'
  | 'duplicate_row'
  | 'name_differs';

/** One problem of the file: which file, which row (as Excel shows it, header = 1), which field. */
export interface WindowRatingIssue {
  file: string;
  row: number;
  field: string | null;
  code: WindowRatingIssueCode;
  zh: string;
  en: string;
}

const norm = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** `2026-11`, `2026/11`, `2026.11`, `2026年11月`, `202611` → `2026-11`, else null. */
export function parseMonth(text: string): string | null {
  const m = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$/.exec(text.trim());
  if (!m) return null;
  const mo = Number(m[2] ?? m[3]);
  const y = Number(m[1]);
  if (mo < 1 || mo > 12 || y < 2000 || y > 2100) return null;
  return `${y}-${String(mo).padStart(2, '0')}`;
}

const COUNT = /^\d{1,7}$/;

/**
 * Validates the raters' results. Every problem is reported, each naming the file, the row and the
 * field; the rows come back only when there is none (the caller stores all or nothing).
 */
export function validateWindowRatings(table: CellTable, file: string): { rows: WindowRatingRow[]; issues: WindowRatingIssue[] } {
  const issues: WindowRatingIssue[] = [];
  const issue = (row: number, field: WindowRatingField | null, code: WindowRatingIssueCode, zh: string, en: string) =>
    issues.push({ file, row, field: field ? WINDOW_RATING_COLUMNS.find((c) => c.field === field)!.zh : null, code, zh, en });
  const index = new Map<WindowRatingField, number>();
  table.header.forEach((h, i) => {
    const col = WINDOW_RATING_COLUMNS.find((c) => [c.zh, c.en, c.field, ...c.aliases].some((x) => norm(x) === norm(h)));
    if (col && !index.has(col.field)) index.set(col.field, i);
  });
  for (const c of WINDOW_RATING_COLUMNS)
    if (!index.has(c.field)) issue(table.headerRow, c.field, 'missing_column', `缺少“${c.zh}”列`, `missing column “${c.en}”`);
  if (issues.length > 0) return { rows: [], issues };
  const data = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (data.length === 0) {
    issue(table.headerRow, null, 'empty_file', '文件没有数据行', 'the file has no data rows');
    return { rows: [], issues };
  }
  const rows: WindowRatingRow[] = [];
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const r of data) {
    const cell = (f: WindowRatingField) => (r.cells[index.get(f)!] ?? '').trim();
    const before = issues.length;
    const code = cell('code');
    const name = cell('name');
    if (code === '') issue(r.row, 'code', 'required', '工号为空', 'staff number is empty');
    else if (code.length > 40) issue(r.row, 'code', 'too_long', '工号过长', 'staff number too long');
    if (name === '') issue(r.row, 'name', 'required', '姓名为空', 'name is empty');
    else if (name.length > 60) issue(r.row, 'name', 'too_long', '姓名过长', 'name too long');
    const month = parseMonth(cell('month'));
    if (month === null)
      issue(
        r.row,
        'month',
        'invalid_month',
        `月份“${cell('month')}”无效（如 2026-11）`,
        `invalid month “${cell('month')}” (e.g. 2026-11)`,
      );
    const ratedText = cell('rated');
    const satisfiedText = cell('satisfied');
    const rated = COUNT.test(ratedText) ? Number(ratedText) : NaN;
    const satisfied = COUNT.test(satisfiedText) ? Number(satisfiedText) : NaN;
    if (!(rated > 0))
      issue(
        r.row,
        'rated',
        'invalid_count',
        `评价次数“${ratedText}”应为正整数`,
        `ratings “${ratedText}” must be a positive whole number`,
      );
    if (Number.isNaN(satisfied))
      issue(
        r.row,
        'satisfied',
        'invalid_count',
        `满意次数“${satisfiedText}”应为非负整数`,
        `satisfied “${satisfiedText}” must be a whole number`,
      );
    else if (rated > 0 && satisfied > rated)
      issue(r.row, 'satisfied', 'satisfied_over_rated', '满意次数大于评价次数', 'more satisfied than ratings');
    if (code !== '' && month !== null) {
      const key = `${code}|${month}`;
      const first = seen.get(key);
      if (first !== undefined)
        issue(
          r.row,
          'code',
          'duplicate_row',
          `与第 ${first} 行重复（同一工号同一月份）`,
          `repeats row ${first} (same staff number and month)`,
        );
      else seen.set(key, r.row);
    }
    if (code !== '' && name !== '') {
      const known = names.get(code);
      if (known !== undefined && known !== name)
        issue(
          r.row,
          'name',
          'name_differs',
          `同一工号的姓名不一致（“${known}”）`,
          `another name for the same staff number (“${known}”)`,
        );
      else names.set(code, name);
    }
    if (issues.length === before && month !== null) rows.push({ row: r.row, code, name, month, rated, satisfied });
  }
  return { rows: issues.length === 0 ? rows : [], issues };
}

// ——— A complaint about a member, and its follow-up ———

export interface WindowComplaintInput {
  staffCode: string;
  channel: string;
  receivedOn: string;
  content: string;
}

export interface WindowFieldError {
  field: string;
  code: 'required' | 'bad_channel' | 'bad_date' | 'in_future' | 'too_long' | 'bad_kind';
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (d: string) =>
  ISO_DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function checkWindowComplaint(input: WindowComplaintInput, today: string): WindowFieldError[] {
  const errors: WindowFieldError[] = [];
  if (input.staffCode.trim() === '') errors.push({ field: 'staffCode', code: 'required' });
  if (!(WINDOW_COMPLAINT_CHANNELS as readonly string[]).includes(input.channel))
    errors.push({ field: 'channel', code: 'bad_channel' });
  if (!validDay(input.receivedOn)) errors.push({ field: 'receivedOn', code: 'bad_date' });
  else if (input.receivedOn > today) errors.push({ field: 'receivedOn', code: 'in_future' });
  const content = input.content.trim();
  if (content === '') errors.push({ field: 'content', code: 'required' });
  else if (content.length > WINDOW_TEXT_MAX) errors.push({ field: 'content', code: 'too_long' });
  return errors;
}

export function checkWindowFollowUp(
  input: { kind: string; on: string; note: string },
  receivedOn: string,
  today: string,
): WindowFieldError[] {
  const errors: WindowFieldError[] = [];
  if (!(WINDOW_FOLLOW_UPS as readonly string[]).includes(input.kind)) errors.push({ field: 'kind', code: 'bad_kind' });
  if (!validDay(input.on) || input.on < receivedOn) errors.push({ field: 'on', code: 'bad_date' });
  else if (input.on > today) errors.push({ field: 'on', code: 'in_future' });
  const note = input.note.trim();
  if (note === '') errors.push({ field: 'note', code: 'required' });
  else if (note.length > WINDOW_TEXT_MAX) errors.push({ field: 'note', code: 'too_long' });
  return errors;
}
