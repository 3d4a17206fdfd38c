/**
 * The dashboard's period (issue 12 §2): a month `2026-11`, a quarter `2026-Q4`, a year `2026`, or a
 * custom span of days; the same span a year before (for the comparison) and the 12 periods of the
 * same length ending with it (for the trend). Pure: `today` is a parameter.
 */
import { monthPeriod, quarterPeriod, yearPeriod } from '../obligations/period.js';
import { type IsoDate, compareIsoDates, isIsoDate, parseIsoDate, plusDays, plusMonths, toDayNumber } from '../shared/iso-date.js';

export type DashboardPeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface DashboardPeriod {
  kind: DashboardPeriodKind;
  /** `2026-11`, `2026-Q4`, `2026` or `2026-01-05~2026-03-31`. */
  name: string;
  from: IsoDate;
  to: IsoDate;
}

/** The longest custom span: two years (a trend of 12 such spans reaches back 24 years otherwise). */
export const DASHBOARD_MAX_CUSTOM_DAYS = 731;

function named(kind: DashboardPeriodKind, y: number, index: number): DashboardPeriod {
  if (kind === 'month') {
    const p = monthPeriod(y, index);
    return { kind, name: `${y}-${String(index).padStart(2, '0')}`, from: p.start, to: p.end };
  }
  if (kind === 'quarter') {
    const p = quarterPeriod(y, index as 1 | 2 | 3 | 4);
    return { kind, name: `${y}-Q${index}`, from: p.start, to: p.end };
  }
  const p = yearPeriod(y);
  return { kind: 'year', name: `${y}`, from: p.start, to: p.end };
}

/**
 * A period from the query string: `period` (month, quarter or year), or `from` and `to` (days,
 * inclusive). Without either: the current month of `today`. Returns a message naming the bad field.
 */
export function parseDashboardPeriod(
  q: { period?: string | null; from?: string | null; to?: string | null },
  today: IsoDate,
): { ok: true; period: DashboardPeriod } | { ok: false; field: 'period' | 'from' | 'to'; zh: string; en: string } {
  if (q.from || q.to) {
    if (!q.from || !isIsoDate(q.from))
      return {
        ok: false,
        field: 'from',
        zh: `起始日期 from=${q.from ?? ''} 无效（应为 YYYY-MM-DD）`,
        en: `invalid from=${q.from ?? ''} (use YYYY-MM-DD)`,
      };
    if (!q.to || !isIsoDate(q.to))
      return {
        ok: false,
        field: 'to',
        zh: `截止日期 to=${q.to ?? ''} 无效（应为 YYYY-MM-DD）`,
        en: `invalid to=${q.to ?? ''} (use YYYY-MM-DD)`,
      };
    if (compareIsoDates(q.from, q.to) > 0)
      return {
        ok: false,
        field: 'to',
        zh: `截止日期 to=${q.to} 早于起始日期 ${q.from}`,
        en: `to=${q.to} is before from=${q.from}`,
      };
    if (toDayNumber(q.to) - toDayNumber(q.from) + 1 > DASHBOARD_MAX_CUSTOM_DAYS)
      return {
        ok: false,
        field: 'to',
        zh: `自定义期间不能超过 ${DASHBOARD_MAX_CUSTOM_DAYS} 天`,
        en: `a custom period is at most ${DASHBOARD_MAX_CUSTOM_DAYS} days`,
      };
    return { ok: true, period: { kind: 'custom', name: `${q.from}~${q.to}`, from: q.from, to: q.to } };
  }
  const s = (q.period ?? today.slice(0, 7)).trim().toUpperCase();
  let m: RegExpExecArray | null;
  const bad = {
    ok: false as const,
    field: 'period' as const,
    zh: `期间参数 period=${s} 无效：应为月（2026-11）、季度（2026-Q4）或年（2026）`,
    en: `invalid period=${s}: use a month (2026-11), a quarter (2026-Q4) or a year (2026)`,
  };
  const yearOk = (y: number) => y >= 2000 && y <= 2100;
  if ((m = /^(\d{4})$/.exec(s))) return yearOk(Number(m[1])) ? { ok: true, period: named('year', Number(m[1]), 1) } : bad;
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) {
    const mo = Number(m[2]);
    return yearOk(Number(m[1])) && mo >= 1 && mo <= 12 ? { ok: true, period: named('month', Number(m[1]), mo) } : bad;
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s)))
    return yearOk(Number(m[1])) ? { ok: true, period: named('quarter', Number(m[1]), Number(m[2])) } : bad;
  return bad;
}

/** The period `steps` periods before (negative) or after this one, of the same kind and length. */
export function shiftPeriod(p: DashboardPeriod, steps: number): DashboardPeriod {
  const { year, month } = parseIsoDate(p.from);
  if (p.kind === 'month') {
    const idx = year * 12 + (month - 1) + steps;
    return named('month', Math.floor(idx / 12), (idx % 12) + 1);
  }
  if (p.kind === 'quarter') {
    const idx = year * 4 + Math.floor((month - 1) / 3) + steps;
    return named('quarter', Math.floor(idx / 4), (idx % 4) + 1);
  }
  if (p.kind === 'year') return named('year', year + steps, 1);
  const len = toDayNumber(p.to) - toDayNumber(p.from) + 1;
  const from = plusDays(p.from, steps * len);
  const to = plusDays(p.to, steps * len);
  return { kind: 'custom', name: `${from}~${to}`, from, to };
}

/** The same span a year before (a custom span: its days moved back 12 months). */
export function yearBefore(p: DashboardPeriod): DashboardPeriod {
  if (p.kind === 'month') return shiftPeriod(p, -12);
  if (p.kind === 'quarter') return shiftPeriod(p, -4);
  if (p.kind === 'year') return shiftPeriod(p, -1);
  const from = plusMonths(p.from, -12);
  const to = plusMonths(p.to, -12);
  return { kind: 'custom', name: `${from}~${to}`, from, to };
}

/** The `n` periods ending with `p`, oldest first (the trend). */
export function trendPeriods(p: DashboardPeriod, n = 12): DashboardPeriod[] {
  return Array.from({ length: n }, (_, i) => shiftPeriod(p, i - (n - 1)));
}
