import { describe, expect, it } from 'vitest';
import { noticeIssueLocation, parseStateCouncilNotice, type NoticeImportResult } from './notice-import.js';
import { STATE_COUNCIL_NOTICES, noticeDays } from './state-council-notices.js';
import { createCalendar } from './working-days.js';

const TITLE_2026 = '国务院办公厅关于2026年部分节假日安排的通知';

/** The 2026 notice (shared/calendar-notices.md) as an admin would type it into a CSV file. */
const CSV_2026 = [
  'date,kind,name',
  '2026-01-01,holiday,元旦',
  '2026-01-02,holiday,元旦',
  '2026-01-03,holiday,元旦',
  '2026-01-04,班,元旦',
  ...['14', '28'].map((d) => `2026-02-${d},makeup_workday,春节`),
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d},休,春节`),
  '2026-04-04,holiday,清明节',
  '2026-04-05,holiday,清明节',
  '2026-04-06,holiday,清明节',
  ...['01', '02', '03', '04', '05'].map((d) => `2026-05-${d},holiday,劳动节`),
  '2026-05-09,makeup_workday,劳动节',
  '2026-06-19,holiday,端午节',
  '2026-06-20,holiday,端午节',
  '2026-06-21,holiday,端午节',
  '2026-09-25,holiday,中秋节',
  '2026-09-26,holiday,中秋节',
  '2026-09-27,holiday,中秋节',
  '2026-09-20,makeup_workday,国庆节',
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d},holiday,"国庆节"`),
  '2026-10-10,makeup_workday,国庆节',
].join('\r\n');

function issuesOf(r: NoticeImportResult) {
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

const codes = (r: NoticeImportResult) => issuesOf(r).map((i) => `${i.row}:${i.field}:${i.code}`);

describe('parseStateCouncilNotice: valid notices', () => {
  it('reads the 2026 notice from CSV, with 休/班 aliases, a BOM and CRLF, equal day by day to the published notice', () => {
    const r = parseStateCouncilNotice('\uFEFF' + CSV_2026 + '\r\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.notice.format).toBe('csv');
    expect(r.notice.year).toBe(2026);
    expect(r.notice.notice).toBeNull();
    const expected = noticeDays(STATE_COUNCIL_NOTICES[2026])
      .map((d) => `${d.date} ${d.kind}`)
      .sort();
    expect(r.notice.days.map((d) => `${d.date} ${d.kind}`)).toEqual(expected);
    // The result feeds the pure calendar as it is.
    const cal = createCalendar(r.notice.days, [r.notice.year]);
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
  });

  it('refuses a NUL character, raw or escaped in JSON, with a message (issue 15: it was a 500)', () => {
    for (const text of [
      '{"year":2027,"days":[{"date":"2027-01-01","kind":"holiday","name":"元旦\\u0000"}]}',
      'date,kind,name\n2027-01-01,holiday,元\0旦\n',
    ]) {
      const r = parseStateCouncilNotice(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['NOTICE-NUL']);
    }
  });

  it('reads JSON with year and title; days come back sorted', () => {
    const r = parseStateCouncilNotice(
      JSON.stringify({
        year: 2026,
        notice: TITLE_2026,
        days: [
          { date: '2026-01-04', kind: 'makeup_workday', name: '元旦' },
          { date: '2026-01-01', kind: 'holiday', name: '元旦' },
        ],
      }),
    );
    expect(r).toEqual({
      ok: true,
      notice: {
        format: 'json',
        year: 2026,
        notice: TITLE_2026,
        days: [
          { date: '2026-01-01', kind: 'holiday', name: '元旦' },
          { date: '2026-01-04', kind: 'makeup_workday', name: '元旦' },
        ],
      },
    });
  });

  it('skips blank and # comment lines in CSV and accepts columns in any order', () => {
    const r = parseStateCouncilNotice('# 2027 notice\nname,date,kind\n\n元旦,2027-01-01,holiday\n');
    expect(r.ok && r.notice.days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
  });
});

describe('parseStateCouncilNotice: every error, with row and field', () => {
  it('refuses an empty file (BOM and whitespace only)', () => {
    expect(codes(parseStateCouncilNotice('\uFEFF  \n'))).toEqual(['null:null:NOTICE-EMPTY']);
    expect(codes(parseStateCouncilNotice('# only a comment\n'))).toEqual(['null:null:NOTICE-EMPTY']);
  });

  it('reports all bad CSV rows at once, each with its line number', () => {
    const csv = [
      'date,kind,name', // 1
      '2027-01-01,holiday,元旦', // 2
      '2027-01-04,makeup_workday,元旦', // 3: a Monday
      '2027-01-01,holiday,元旦', // 4: duplicate of line 2
      '2027-02-30,holiday,春节', // 5: no such date
      '2027-02-06,rest,春节', // 6: unknown kind
      '2028-01-01,holiday,元旦', // 7: another year
      '2027/02/07,holiday,春节', // 8: bad format
      '2027-02-08,holiday,', // 9: no name
    ].join('\n');
    const r = parseStateCouncilNotice(csv);
    expect(codes(r)).toEqual([
      '3:date:NOTICE-MAKEUP-NOT-WEEKEND',
      '4:date:NOTICE-DATE-DUPLICATE',
      '5:date:NOTICE-DATE-INVALID',
      '6:kind:NOTICE-KIND-UNKNOWN',
      '7:date:NOTICE-MIXED-YEARS',
      '8:date:NOTICE-DATE-INVALID',
      '9:name:NOTICE-NAME-MISSING',
    ]);
    const dup = issuesOf(r)[1]!;
    expect(dup.zh).toContain('第 2 行');
    expect(dup.en).toContain('line 2');
    for (const i of issuesOf(r)) {
      expect(i.zh).not.toBe('');
      expect(i.en).not.toBe('');
    }
    expect(noticeIssueLocation('notice-2027.csv', 'csv', issuesOf(r)[0]!)).toBe('notice-2027.csv:3:date');
  });

  it('reports JSON rows by their index in days, and dates outside the declared year', () => {
    const r = parseStateCouncilNotice(
      JSON.stringify({
        year: 2027,
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2026-12-31', kind: 'holiday', name: '元旦' },
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          'x',
          { date: '2027-02-14', kind: 'makeup', name: '春节' },
          { kind: 'holiday', name: '春节' },
        ],
      }),
    );
    expect(codes(r)).toEqual([
      '3:null:NOTICE-DAY-NOT-OBJECT',
      '1:date:NOTICE-DATE-OUTSIDE-YEAR',
      '2:date:NOTICE-DATE-DUPLICATE',
      '4:kind:NOTICE-KIND-UNKNOWN',
      '5:date:NOTICE-DATE-MISSING',
    ]);
    expect(noticeIssueLocation('n.json', 'json', issuesOf(r)[1]!)).toBe('n.json:days[1]:date');
  });

  it('refuses a bad year, a bad title and a JSON without days', () => {
    expect(
      codes(parseStateCouncilNotice('{"year": "2027", "notice": 5, "days": [{"date":"2027-01-01","kind":"休","name":"元旦"}]}')),
    ).toEqual(['null:year:NOTICE-YEAR-INVALID', 'null:notice:NOTICE-TITLE-INVALID']);
    expect(codes(parseStateCouncilNotice('{"year": 2027}'))).toEqual(['null:days:NOTICE-DAYS-MISSING']);
    expect(codes(parseStateCouncilNotice('{"year": 2027, "days": []}'))).toEqual(['null:days:NOTICE-NO-DAYS']);
  });

  it('refuses broken JSON, a wrong CSV header, an unclosed quote', () => {
    expect(codes(parseStateCouncilNotice('{"year": 2027,'))).toEqual(['null:null:NOTICE-JSON-INVALID']);
    expect(codes(parseStateCouncilNotice('day,type\n2027-01-01,holiday'))).toEqual(['1:header:NOTICE-CSV-HEADER']);
    expect(codes(parseStateCouncilNotice('date,kind,name\n"2027-01-01,holiday,元旦'))).toEqual([
      '2:null:NOTICE-CSV-UNCLOSED-QUOTE',
    ]);
  });

  it('refuses a notice with makeup working days but no day off', () => {
    expect(codes(parseStateCouncilNotice('date,kind,name\n2027-01-02,班,元旦'))).toEqual(['null:days:NOTICE-NO-HOLIDAYS']);
  });

  it('honours a forced format', () => {
    expect(codes(parseStateCouncilNotice('date,kind,name\n2027-01-01,休,元旦', { format: 'json' }))).toEqual([
      'null:null:NOTICE-JSON-INVALID',
    ]);
  });
});
