import { describe, expect, it } from 'vitest';
import {
  checkWindowComplaint,
  checkWindowFollowUp,
  parseMonth,
  validateWindowRatings,
  windowFlags,
  WINDOW_THRESHOLDS_SOURCE,
} from './window-service.js';

const table = (rows: string[][], header = ['工号', '姓名', '月份', '评价次数', '满意次数']) => ({
  headerRow: 1,
  header,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
});

describe('R01 window raters’ results (seed R01 四（2）)', () => {
  it('reads good rows in Chinese or English headers and months as Excel writes them', () => {
    const ok = validateWindowRatings(
      table([
        ['C01', '王芳', '2026/11', '120', '110'],
        ['C02', '李明', '2026年11月', '80', '80'],
      ]),
      'r.csv',
    );
    expect(ok.issues).toEqual([]);
    expect(ok.rows.map((r) => `${r.code} ${r.month} ${r.rated}/${r.satisfied}`)).toEqual([
      'C01 2026-11 120/110',
      'C02 2026-11 80/80',
    ]);
    expect(
      validateWindowRatings(table([['C01', 'A', '2026-11', '1', '1']], ['code', 'name', 'month', 'rated', 'satisfied']), 'e.csv')
        .issues,
    ).toEqual([]);
    expect(parseMonth('2026-13')).toBeNull();
  });

  it('names every bad row with its file, row and field, and returns no row then (all or nothing)', () => {
    const r = validateWindowRatings(
      table([
        ['C01', '王芳', '2026-11', '120', '110'],
        ['', '李明', '2026-11', '80', '80'],
        ['C03', '赵强', '11月', '80', '80'],
        ['C04', '孙丽', '2026-11', '0', '0'],
        ['C05', '周杰', '2026-11', '10', '11'],
        ['C01', '王芳', '2026-11', '5', '5'],
        ['C01', '王小芳', '2026-10', '5', '5'],
      ]),
      'ratings.xlsx',
    );
    expect(r.rows).toEqual([]);
    expect(r.issues.map((i) => `${i.file} ${i.row} ${i.field} ${i.code}`)).toEqual([
      'ratings.xlsx 3 工号 required',
      'ratings.xlsx 4 月份 invalid_month',
      'ratings.xlsx 5 评价次数 invalid_count',
      'ratings.xlsx 6 满意次数 satisfied_over_rated',
      'ratings.xlsx 7 工号 duplicate_row',
      'ratings.xlsx 8 姓名 name_differs',
    ]);
    expect(validateWindowRatings(table([], ['工号', '姓名']), 'x.csv').issues.map((i) => i.field)).toEqual([
      '月份',
      '评价次数',
      '满意次数',
    ]);
  });
});

describe('R01 flags (seed R01 六（1）: 投诉较多、满意率较低 — no number: configured, unverified)', () => {
  it('flags a rate below the minimum and complaints at the maximum, the threshold itself not low', () => {
    expect(WINDOW_THRESHOLDS_SOURCE.verified).toBe(false);
    const t = { minSatisfactionPct: 90, maxComplaints: 3 };
    expect(windowFlags({ rated: 100, satisfied: 90, complaints: 2 }, t)).toEqual([]);
    expect(windowFlags({ rated: 100, satisfied: 89, complaints: 3 }, t)).toEqual(['low_satisfaction', 'many_complaints']);
    expect(windowFlags({ rated: 0, satisfied: 0, complaints: 0 }, t)).toEqual([]);
  });

  it('checks a complaint and its follow-up call or visit (五（2）), naming the field', () => {
    const c = { staffCode: 'C01', channel: 'box', receivedOn: '2026-11-20', content: '态度生硬' };
    expect(checkWindowComplaint(c, '2026-11-25')).toEqual([]);
    expect(checkWindowComplaint({ ...c, channel: 'mail', receivedOn: '2026-11-26' }, '2026-11-25')).toEqual([
      { field: 'channel', code: 'bad_channel' },
      { field: 'receivedOn', code: 'in_future' },
    ]);
    expect(checkWindowFollowUp({ kind: 'visit', on: '2026-11-21', note: '已登门致歉' }, '2026-11-20', '2026-11-25')).toEqual([]);
    expect(
      checkWindowFollowUp({ kind: 'letter', on: '2026-11-19', note: '' }, '2026-11-20', '2026-11-25').map((e) => e.field),
    ).toEqual(['kind', 'on', 'note']);
  });
});
