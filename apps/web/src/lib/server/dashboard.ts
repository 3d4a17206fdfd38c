import { error } from '@sveltejs/kit';
import {
  ROW_ONLY_OF_SET,
  DASHBOARD_ROW_SETS,
  readDashboardQuery,
  type DashboardFilters,
  type DashboardQuery,
  type DashboardRowFilter,
  type DashboardRowSet,
  type DashboardView,
} from '@supervise/db';
import type { Database } from '@supervise/db';
import { badRequest } from './api-error.js';

/**
 * The dashboard's web helpers (issue 12): the query string of `/dashboard`, its rows, exports, wall
 * and `GET /api/v1/dashboard` read one way (the checks are the use-case's, `readDashboardQuery`),
 * and the trend shaped for the charts. The figures themselves are core's; the SQL is packages/db's.
 */
export interface DashboardRead {
  filters: DashboardFilters;
  query: DashboardQuery;
}

const param = (url: URL, k: string) => url.searchParams.get(k)?.trim() || null;

async function read(db: Database, user: App.User, url: URL, today: string) {
  return readDashboardQuery(
    db,
    user,
    {
      period: param(url, 'period'),
      from: param(url, 'from'),
      to: param(url, 'to'),
      brigade: param(url, 'brigade'),
      station: param(url, 'station'),
    },
    today,
  );
}

/** For a page or a file: a bad filter is a 400 naming the parameter. */
export async function readDashboardPage(db: Database, user: App.User, url: URL, today: string): Promise<DashboardRead> {
  const r = await read(db, user, url, today);
  if (!r.ok) error(400, `${r.problem.zh} / ${r.problem.en}`);
  return r;
}

/** For `/api/v1`: a bad filter is a 400 JSON error naming the field. */
export async function readDashboardApi(db: Database, user: App.User, url: URL, today: string): Promise<DashboardRead> {
  const r = await read(db, user, url, today);
  if (!r.ok) throw badRequest(`INVALID_${r.problem.field.toUpperCase()}`, r.problem.zh, r.problem.en, r.problem.field);
  return r;
}

/** The query string of the filters (links keep them). */
export function dashboardSearch(f: DashboardFilters): string {
  const p = new URLSearchParams();
  if (f.period.kind === 'custom') {
    p.set('from', f.period.from);
    p.set('to', f.period.to);
  } else p.set('period', f.period.name);
  if (f.brigadeId) p.set('brigade', f.brigadeId);
  if (f.stationId) p.set('station', f.stationId);
  return p.toString();
}

/** The drill-down's set and narrowing from the query string; an unknown one is a 400 naming it. */
export function readRowFilter(url: URL): { set: DashboardRowSet; filter: DashboardRowFilter } {
  const set = param(url, 'set') ?? 'obligations';
  if (!(DASHBOARD_ROW_SETS as readonly string[]).includes(set))
    error(
      400,
      `参数 set=${set} 无效（可用：${DASHBOARD_ROW_SETS.join(', ')}） / invalid set=${set} (valid: ${DASHBOARD_ROW_SETS.join(', ')})`,
    );
  const s = set as DashboardRowSet;
  const only = param(url, 'only');
  if (only !== null && !(ROW_ONLY_OF_SET[s] as readonly string[]).includes(only))
    error(
      400,
      `参数 only=${only} 不适用于 ${s}（可用：${ROW_ONLY_OF_SET[s].join(', ')}） / invalid only=${only} for ${s} (valid: ${ROW_ONLY_OF_SET[s].join(', ')})`,
    );
  const regime = param(url, 'regime')?.toUpperCase() ?? null;
  if (regime !== null && !/^R(0[1-9]|1[0-4])$/.test(regime)) error(400, `参数 regime=${regime} 无效 / invalid regime=${regime}`);
  return {
    set: s,
    filter: {
      regime,
      only: only as DashboardRowFilter['only'],
      kind: param(url, 'kind'),
      violation: param(url, 'violation'),
      band: param(url, 'band'),
    },
  };
}

export interface TrendSeries {
  /** Period names, oldest first. */
  labels: string[];
  series: { regime: string; inspections: number[]; coverage: (number | null)[]; rectificationRate: (number | null)[] }[];
  totals: { coverage: (number | null)[]; rectificationRate: (number | null)[] };
}

/** The 12-period trend, one series per regime in scope (for the stacked, share and small-multiple views). */
export function trendSeries(view: DashboardView): TrendSeries {
  return {
    labels: view.trend.map((t) => t.period.name),
    series: view.regimes.map((r, i) => ({
      regime: r.regime,
      inspections: view.trend.map((t) => t.regimes[i]?.inspectionsDone ?? 0),
      coverage: view.trend.map((t) => t.regimes[i]?.coverage ?? null),
      rectificationRate: view.trend.map((t) => t.regimes[i]?.rectificationRate ?? null),
    })),
    totals: {
      coverage: view.trend.map((t) => t.totals.coverage),
      rectificationRate: view.trend.map((t) => t.totals.rectificationRate),
    },
  };
}
