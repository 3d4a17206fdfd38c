import {
  PLAN_STATUSES,
  REGIME_CODES,
  currentPlanPeriod,
  parsePlanPeriod,
  scopeOf,
  visibleRegimes,
  type NamedPlanPeriod,
  type PlanStatus,
} from '@supervise/core';
import type { Database, PlanQuery } from '@supervise/db';
import { listPoliceStations } from '@supervise/db';

/**
 * The plan's helpers (issue 9 §1–§2): the query string of `/plan`, `/plan/export` and
 * `GET /api/v1/plan` read one way, and the use-case actor of a web or API request.
 */
export interface PlanFilters {
  period: NamedPlanPeriod;
  regime: string | null;
  station: string | null;
  status: PlanStatus | null;
}

/** A query-string value that names nothing: which parameter, what was given, what is valid. */
export interface PlanParamProblem {
  field: 'period' | 'regime' | 'station' | 'status';
  value: string;
  zh: string;
  en: string;
}

export async function readPlanFilters(
  db: Database,
  url: URL,
  today: string,
): Promise<{ ok: true; filters: PlanFilters } | { ok: false; problem: PlanParamProblem }> {
  const get = (k: string) => url.searchParams.get(k)?.trim() || null;
  const rawPeriod = get('period');
  const period = rawPeriod === null ? currentPlanPeriod(today) : parsePlanPeriod(rawPeriod);
  if (!period)
    return {
      ok: false,
      problem: {
        field: 'period',
        value: rawPeriod!,
        zh: `期间参数 period=${rawPeriod} 无效：应为月（2026-12）、双月（2026-B6）、季度（2026-Q4）或年（2026）`,
        en: `invalid period=${rawPeriod}: use a month (2026-12), two months (2026-B6), a quarter (2026-Q4) or a year (2026)`,
      },
    };
  const regime = get('regime')?.toUpperCase() ?? null;
  if (regime !== null && !(REGIME_CODES as readonly string[]).includes(regime))
    return {
      ok: false,
      problem: {
        field: 'regime',
        value: regime,
        zh: `制度参数 regime=${regime} 无效（可用：${REGIME_CODES.join(', ')}）`,
        en: `invalid regime=${regime} (valid: ${REGIME_CODES.join(', ')})`,
      },
    };
  const station = get('station');
  if (station !== null && !(await listPoliceStations(db)).some((s) => s.id === station))
    return {
      ok: false,
      problem: {
        field: 'station',
        value: station,
        zh: `派出所参数 station=${station} 无效：没有这个派出所`,
        en: `invalid station=${station}: no such police station`,
      },
    };
  const status = get('status');
  if (status !== null && !(PLAN_STATUSES as readonly string[]).includes(status))
    return {
      ok: false,
      problem: {
        field: 'status',
        value: status,
        zh: `状态参数 status=${status} 无效（可用：${PLAN_STATUSES.join(', ')}）`,
        en: `invalid status=${status} (valid: ${PLAN_STATUSES.join(', ')})`,
      },
    };
  return { ok: true, filters: { period, regime, station, status: status as PlanStatus | null } };
}

/** The repository's query for a reader: their scope of `plan.view` and the filters. */
export function planQuery(user: App.User, filters: PlanFilters, today: string): PlanQuery {
  return {
    scope: scopeOf(user, 'plan.view'),
    regimes: visibleRegimes(user, 'plan.view'),
    period: { start: filters.period.start, end: filters.period.end },
    today,
    regime: filters.regime ?? undefined,
    stationId: filters.station ?? undefined,
    status: filters.status ?? undefined,
  };
}

/** The query string of the filters (links to the export and the JSON). */
export function planSearch(f: PlanFilters): string {
  const p = new URLSearchParams({ period: f.period.name });
  if (f.regime) p.set('regime', f.regime);
  if (f.station) p.set('station', f.station);
  if (f.status) p.set('status', f.status);
  return p.toString();
}
