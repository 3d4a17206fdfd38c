import {
  figuresOf,
  parseDashboardPeriod,
  regimesOfBrigade,
  scopeOf,
  sumCounts,
  trendPeriods,
  visibleRegimes,
  yearBefore,
  type DashboardPeriod,
  type Principal,
  type RegimeCounts,
  type RegimeFigures,
  type Scope,
} from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import type { DashboardQuery } from '../repositories/dashboard-rows.repository.js';
import { cachedBrigades, cachedOnRollups, cachedPoliceStations } from '../repositories/dashboard-rollup-cache.js';
import { rollupRegimeCountsOver } from '../repositories/dashboard-rollup.repository.js';

/**
 * The leaders' dashboard, read (issue 12): THE one function the page, the wall, the exports and
 * `GET /api/v1/dashboard` call. It reads the caller's scope of `dashboard.view` (a brigade's staff
 * see their brigade's regimes and units only, everywhere: figures, totals, trend and drill-down) and
 * the filters; the figures are core's (`figuresOf`) over the rollups' counts.
 */
export interface DashboardParams {
  period?: string | null;
  from?: string | null;
  to?: string | null;
  brigade?: string | null;
  station?: string | null;
}

export interface DashboardFilters {
  period: DashboardPeriod;
  brigadeId: string | null;
  stationId: string | null;
}

export interface DashboardProblem {
  field: 'period' | 'from' | 'to' | 'brigade' | 'station';
  zh: string;
  en: string;
}

/** The query-string filters checked, and the repository query of the reader (scope applied). */
export async function readDashboardQuery(
  db: Kysely<DB>,
  principal: Principal,
  params: DashboardParams,
  today: string,
): Promise<{ ok: true; filters: DashboardFilters; query: DashboardQuery } | { ok: false; problem: DashboardProblem }> {
  const p = parseDashboardPeriod(params, today);
  if (!p.ok) return { ok: false, problem: { field: p.field, zh: p.zh, en: p.en } };
  const brigadeId = params.brigade?.trim() || null;
  const stationText = params.station?.trim() || null;
  const scope: Scope = scopeOf(principal, 'dashboard.view');
  let regimes: string[] = visibleRegimes(principal, 'dashboard.view');
  if (brigadeId) {
    if (!(await cachedBrigades(db)).some((b) => b.id === brigadeId))
      return {
        ok: false,
        problem: {
          field: 'brigade',
          zh: `大队参数 brigade=${brigadeId} 无效：没有这个大队`,
          en: `invalid brigade=${brigadeId}: no such brigade`,
        },
      };
    if (!scope.all && !scope.brigadeIds.includes(brigadeId))
      return {
        ok: false,
        problem: {
          field: 'brigade',
          zh: `大队 ${brigadeId} 不在您的权限范围内`,
          en: `brigade ${brigadeId} is outside your scope`,
        },
      };
    const of = new Set<string>(regimesOfBrigade(brigadeId));
    regimes = regimes.filter((r) => of.has(r));
  }
  const station = stationText ? stationNamed(await cachedPoliceStations(db), stationText) : null;
  if (stationText && !station)
    return {
      ok: false,
      problem: {
        field: 'station',
        zh: `派出所参数 station=${stationText} 无效：没有这个编号或名称的派出所`,
        en: `invalid station=${stationText}: no police station has this id or name`,
      },
    };
  const stationId = station?.id ?? null;
  return {
    ok: true,
    filters: { period: p.period, brigadeId, stationId },
    query: { from: p.period.from, to: p.period.to, today, regimes, scope, brigadeId, stationId },
  };
}

/**
 * The station a filter names: by its id, else by its full name in either language (the page's station
 * field takes what the reader typed when no suggestion was picked).
 */
function stationNamed<S extends { id: string; name_zh: string; name_en: string }>(
  stations: readonly S[],
  text: string,
): S | null {
  const lower = text.toLowerCase();
  return (
    stations.find((s) => s.id === text) ?? stations.find((s) => s.name_zh === text || s.name_en.toLowerCase() === lower) ?? null
  );
}

export interface DashboardView {
  filters: DashboardFilters;
  regimes: RegimeFigures[];
  totals: RegimeFigures;
  /** The same period a year before, per regime and in total. */
  yearBefore: { period: DashboardPeriod; regimes: RegimeFigures[]; totals: RegimeFigures };
  /** The 12 periods ending with this one, oldest first: each regime's figures and the totals. */
  trend: { period: DashboardPeriod; regimes: RegimeFigures[]; totals: RegimeFigures }[];
}

// Issue 12 §5: the figures are read from the rollups only (the worker keeps them current), every
// period in one pass; the drill-down lists the source rows (dashboard-rows.repository.ts) they count.
const figuresOfCounts = (counts: RegimeCounts[]) => ({
  regimes: counts.map(figuresOf),
  totals: figuresOf(sumCounts('total', counts)),
});

/**
 * The figures of the period; with `trend`, the year-before comparison and the 12-period trend too.
 * Cached in the process on the rollups' generation, the filters, the query (scope, regimes, units,
 * today) and the option (dashboard-rollup-cache.ts): the view is shared and frozen, never mutate it.
 */
export async function loadDashboard(
  db: Kysely<DB>,
  filters: DashboardFilters,
  query: DashboardQuery,
  options: { trend: boolean } = { trend: true },
): Promise<Readonly<DashboardView>> {
  return cachedOnRollups(db, ['loadDashboard', filters, query, options.trend], () =>
    computeDashboard(db, filters, query, options),
  );
}

async function computeDashboard(
  db: Kysely<DB>,
  filters: DashboardFilters,
  query: DashboardQuery,
  options: { trend: boolean },
): Promise<DashboardView> {
  const prev = yearBefore(filters.period);
  const periods = options.trend ? trendPeriods(filters.period) : [];
  const [now, before, ...trend] = (await rollupRegimeCountsOver(db, query, [query, prev, ...periods])).map(figuresOfCounts);
  return {
    // A copy: the view is frozen once cached, the caller's filters are not.
    filters: structuredClone(filters),
    regimes: now!.regimes,
    totals: now!.totals,
    yearBefore: { period: prev, ...before! },
    trend: periods.map((period, i) => ({ period, ...trend[i]! })),
  };
}
