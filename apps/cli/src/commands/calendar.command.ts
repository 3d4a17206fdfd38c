import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Command } from 'commander';
import {
  CalendarYearMissingError,
  addPeriod,
  nextYearCoverageWarning,
  noticeIssueLocation,
  type IsoDate,
  type NoticeFormat,
  type NoticeImportIssue,
  type Period,
} from '@supervise/core';
import { calendarImportUseCase, listCalendarYears, loadCalendar, type CalendarYearRow } from '@supervise/db';
import { parseIsoDate, parseWholeNumber } from '../args.js';
import { both, CliError, EXIT_BAD_INPUT, EXIT_REFUSED, printJson, printLines, reportCliErrors } from '../cli-output.js';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { operatorActor } from '../operator-actor.js';
import { logErr, todayInShanghai } from '../output.js';

// The period arithmetic and the calendar loading live in core and db, shared with the web's /api/v1.
export { addPeriod, type Period, type PeriodUnit } from '@supervise/core';
export { loadCalendar } from '@supervise/db';

export interface AddOptions {
  from: IsoDate;
  workingDays?: number;
  days?: number;
  months?: number;
  json?: boolean;
}

/** Exactly one of --working-days, --days, --months. */
export function resolvePeriod(opts: Pick<AddOptions, 'workingDays' | 'days' | 'months'>): Period {
  const given: Period[] = [];
  if (opts.workingDays !== undefined) given.push({ unit: 'working_days', n: opts.workingDays });
  if (opts.days !== undefined) given.push({ unit: 'days', n: opts.days });
  if (opts.months !== undefined) given.push({ unit: 'months', n: opts.months });
  if (given.length !== 1) {
    throw new CliError(
      '请给出且仅给出 --working-days、--days、--months 之一',
      'give exactly one of --working-days, --days, --months',
      EXIT_BAD_INPUT,
    );
  }
  return given[0]!;
}

/** The file's format from its extension; anything else is sniffed by the parser. */
export function formatFromFileName(file: string): NoticeFormat | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : undefined;
}

/** `notice-2027.csv:5:date: 日期无效… / Invalid date…` */
export function formatNoticeIssue(file: string, format: NoticeFormat | null, issue: NoticeImportIssue): string {
  return `${noticeIssueLocation(file, format, issue)}: ${issue.zh} / ${issue.en}`;
}

function yearLine(y: CalendarYearRow): string {
  const verified = y.verified ? '已核对 verified' : '未核对 unverified';
  const notice = y.notice ? `  ${y.notice}` : '';
  return `${y.year}  ${y.source.padEnd(18)}  ${verified.padEnd(17)}  放假 holidays ${String(y.holidays).padStart(2)}  调休上班 makeup ${String(y.makeupWorkdays).padStart(2)}${notice}`;
}

export function registerCalendar(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('statutory calendar: deadlines and the holiday notices / 法定节假日日历');

  calendar
    .command('add')
    .description('a deadline: the date a period ends, start day not counted / 计算期限届满日（起始日不计入）')
    .requiredOption('--from <date>', 'the start day, YYYY-MM-DD / 起始日', parseIsoDate)
    .option('--working-days <n>', 'working days / 工作日', parseWholeNumber)
    .option('--days <n>', 'calendar days; a rest-day end moves to the next working day / 自然日', parseWholeNumber)
    .option('--months <n>', 'months: same day or month end; a rest-day end moves on / 月', parseWholeNumber)
    .option('--json', 'print JSON')
    .action((opts: AddOptions) =>
      reportCliErrors(async () => {
        const period = resolvePeriod(opts);
        const env = parseEnv();
        let due: IsoDate;
        try {
          due = await withAppDb(env, logErr, async (db) => addPeriod(await loadCalendar(db), opts.from, period));
        } catch (e) {
          if (!(e instanceof CalendarYearMissingError)) throw e;
          if (opts.json) printJson({ error: { code: e.code, year: e.year, zh: e.zh, en: e.en } });
          throw new CliError(e.zh, e.en, EXIT_REFUSED);
        }
        if (opts.json) printJson({ from: opts.from, unit: period.unit, n: period.n, due });
        else printLines([due]);
      }),
    );

  calendar
    .command('import')
    .description("enter a year's State Council holiday notice (JSON or CSV) / 导入国务院办公厅年度节假日安排通知")
    .argument('<file>', 'the notice as JSON {year, notice, days} or CSV date,kind,name')
    .option('--notice <title>', 'the notice title, e.g. 国务院办公厅关于2027年部分节假日安排的通知')
    .option('--json', 'print JSON')
    .action((file: string, opts: { notice?: string; json?: boolean }) =>
      reportCliErrors(async () => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (e) {
          throw new CliError(
            `无法读取文件 ${file}：${(e as Error).message}`,
            `cannot read ${file}: ${(e as Error).message}`,
            EXIT_BAD_INPUT,
          );
        }
        const name = file;
        const format = formatFromFileName(file);
        const env = parseEnv();
        // One use-case for the CLI, the page and the API: a refused notice is audited, nothing stored.
        const r = await withAppDb(env, logErr, (db) =>
          calendarImportUseCase(db, operatorActor(), {
            text,
            ...(format ? { format } : {}),
            notice: opts.notice?.trim() || null,
            source: basename(file),
          }),
        );
        if (!r.ok) {
          if (r.refused === 'not_allowed') throw new CliError('无权导入', 'not allowed to import', EXIT_REFUSED);
          if (opts.json) printJson({ ok: false, file: name, format: r.format, issues: r.issues });
          for (const i of r.issues) logErr(formatNoticeIssue(name, r.format, i));
          throw new CliError(
            `${name} 有 ${r.issues.length} 处错误，未导入任何数据`,
            `${name} has ${r.issues.length} error(s); nothing was imported`,
            EXIT_REFUSED,
          );
        }
        const { outcome, previousSource, notice, year, ...counts } = r.result;
        const parsed = { year };
        if (outcome === 'replaced')
          logErr(
            `${parsed.year} 年已有数据（来源 ${previousSource}），已整体替换 / ${parsed.year} was already stored (source ${previousSource}); replaced it whole`,
          );
        if (opts.json) {
          printJson({
            ok: true,
            year: parsed.year,
            notice,
            outcome,
            holidays: counts.holidays,
            makeupWorkdays: counts.makeupWorkdays,
          });
          return;
        }
        const what =
          outcome === 'unchanged'
            ? { zh: '与已存数据相同，未改动', en: 'identical to the stored data, nothing changed' }
            : outcome === 'replaced'
              ? { zh: '已替换', en: 'replaced' }
              : { zh: '已导入', en: 'imported' };
        printLines([
          `${parsed.year}: ${what.zh}，放假 ${counts.holidays} 天、调休上班 ${counts.makeupWorkdays} 天 / ${what.en}: ${counts.holidays} holidays, ${counts.makeupWorkdays} makeup working days${notice ? ` (${notice})` : ''}`,
        ]);
      }),
    );

  calendar
    .command('years')
    .description('the years the calendar covers / 日历已覆盖的年份')
    .option('--today <date>', 'the date for the next-year warning (default: today in Asia/Shanghai)', parseIsoDate)
    .option('--json', 'print JSON')
    .action((opts: { today?: string; json?: boolean }) =>
      reportCliErrors(async () => {
        const env = parseEnv();
        const { years, cal } = await withAppDb(env, logErr, async (db) => ({
          years: await listCalendarYears(db),
          cal: await loadCalendar(db),
        }));
        // From 1 November, next year's notice is due: warn while it is missing.
        const warning = nextYearCoverageWarning(cal, opts.today ?? todayInShanghai());
        if (warning) logErr(`警告 warning: ${both(warning)}`);
        if (opts.json) printJson({ years, warning });
        else if (years.length === 0)
          printLines(['日历为空：请先运行 supervise migrate / the calendar is empty: run supervise migrate first']);
        else printLines(years.map(yearLine));
      }),
    );
}
