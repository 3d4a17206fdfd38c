import { createCalendar, stateCouncilDays2025And2026 } from '@supervise/core';
import { describe, expect, it } from 'vitest';
import { addPeriod, formatFromFileName, formatNoticeIssue, resolvePeriod } from './calendar.command.js';
import { CliError } from '../cli-output.js';

const { days, coveredYears } = stateCouncilDays2025And2026();
const cal = createCalendar(days, coveredYears);

describe('calendar add', () => {
  it('takes exactly one of --working-days, --days, --months', () => {
    expect(resolvePeriod({ workingDays: 5 })).toEqual({ unit: 'working_days', n: 5 });
    expect(resolvePeriod({ days: 0 })).toEqual({ unit: 'days', n: 0 });
    expect(resolvePeriod({ months: 2 })).toEqual({ unit: 'months', n: 2 });
    expect(() => resolvePeriod({})).toThrow(CliError);
    expect(() => resolvePeriod({ days: 15, months: 2 })).toThrow(/exactly one/);
  });

  // The issue's three examples, on the State Council's 2026 notice (the CLI reads the same data from the table).
  it.each([
    ['2026-09-30', { workingDays: 5 }, '2026-10-13'],
    ['2026-09-20', { days: 15 }, '2026-10-08'],
    ['2026-03-31', { months: 2 }, '2026-06-01'],
  ] as const)('from %s %o is %s', (from, opts, due) => {
    expect(addPeriod(cal, from, resolvePeriod(opts))).toBe(due);
  });

  it('refuses to guess a year the calendar lacks, naming it', () => {
    expect(() => addPeriod(cal, '2026-12-20', { unit: 'working_days', n: 30 })).toThrow(/2027/);
  });
});

describe('calendar import helpers', () => {
  it('takes the format from the extension, else leaves it to the parser', () => {
    expect(formatFromFileName('a/notice-2027.JSON')).toBe('json');
    expect(formatFromFileName('notice.csv')).toBe('csv');
    expect(formatFromFileName('notice.txt')).toBeUndefined();
  });

  it('prints an error as file:row:field: zh / en', () => {
    const issue = { code: 'NOTICE-KIND-UNKNOWN', row: 4, field: 'kind' as const, zh: '未知类型', en: 'Unknown kind' };
    expect(formatNoticeIssue('n.csv', 'csv', issue)).toBe('n.csv:4:kind: 未知类型 / Unknown kind');
    expect(formatNoticeIssue('n.json', 'json', issue)).toBe('n.json:days[4]:kind: 未知类型 / Unknown kind');
  });
});
