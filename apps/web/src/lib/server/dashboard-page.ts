import {
  cachedBrigades,
  cachedOnRollups,
  cachedPoliceStations,
  dirtyRollupCount,
  latestHeartbeat,
  type Database,
  type DashboardView,
} from '@supervise/db';
import type { IsoDate, Reason, RegimeFigures } from '@supervise/core';
import { nextYearWarning } from './calendar.js';
import { trendSeries } from './dashboard.js';

/**
 * What the dashboard page shows beside the figures (issue 12/14), read once per process and window
 * instead of per request: each is cached on the rollups' generation (a counted change reads it again at
 * once) and for at most the window below. Every window is shorter than the time the figure itself can
 * lag, and the page says how fresh the live lists are.
 */
export const SIDE_WINDOWS_MS = {
  /** The worker's last beat: the page prints the beat's own time, so a stale read shows as such. */
  heartbeat: 10_000,
  /** "Some changes are not counted yet": within the worker's own cycle (5 s), gone at once with the next generation. */
  rollupsWaiting: 5_000,
  /** Next year's calendar missing (from 1 November): changes with an import, a few times a year. */
  calendar: 60_000,
} as const;

export async function dashboardSideFacts(db: Database, today: IsoDate) {
  const w = SIDE_WINDOWS_MS;
  const [beatAt, rollupsWaiting, calendarWarning, brigades, stations] = await Promise.all([
    cachedOnRollups(db, ['heartbeat'], async () => (await latestHeartbeat(db))?.beat_at.toISOString() ?? null, {
      maxAgeMs: w.heartbeat,
    }),
    cachedOnRollups(db, ['rollupsWaiting'], () => dirtyRollupCount(db), { maxAgeMs: w.rollupsWaiting }),
    cachedOnRollups(db, ['nextYearWarning', today], (): Promise<Reason | null> => nextYearWarning(db, today), {
      maxAgeMs: w.calendar,
    }),
    // The filters' units: the registry's admin edits them, rarely (DASHBOARD_UNITS_MAX_AGE_MS).
    cachedBrigades(db),
    cachedPoliceStations(db),
  ]);
  return { beatAt, rollupsWaiting, calendarWarning, brigades, stations };
}

/** A regime's figures as the page shows them: the penalties' breakdowns are the per-regime page's. */
function pageFigures(f: RegimeFigures) {
  const { byViolation: _v, byBand: _b, ...penalties } = f.penalties;
  return { ...f, penalties };
}

const shaped = new WeakMap<object, ReturnType<typeof shape>>();

function shape(view: Readonly<DashboardView>) {
  return {
    figures: view.regimes.map(pageFigures),
    totals: pageFigures(view.totals),
    yearBefore: {
      period: view.yearBefore.period,
      totals: { coverage: view.yearBefore.totals.coverage, rectificationRate: view.yearBefore.totals.rectificationRate },
    },
    trend: trendSeries(view),
  };
}

/**
 * The view shaped for the page once per cached view (it is shared and frozen, so the shape is too):
 * only what the page shows goes into its serialized data (issue 12/14: the data is serialized, and
 * the whole page hashed for its ETag, at every request).
 */
export function dashboardPageFigures(view: Readonly<DashboardView>): ReturnType<typeof shape> {
  let s = shaped.get(view);
  if (!s) shaped.set(view, (s = shape(view)));
  return s;
}

const unitNames = new WeakMap<object, Map<string, { id: string; name: string }[]>>();

/** Brigades or stations with their names in the locale, once per cached list and locale. */
export function namedUnits(units: readonly { id: string; name_zh: string; name_en: string }[], zh: boolean) {
  let byLocale = unitNames.get(units);
  if (!byLocale) unitNames.set(units, (byLocale = new Map()));
  const key = zh ? 'zh' : 'en';
  let named = byLocale.get(key);
  if (!named) byLocale.set(key, (named = units.map((u) => ({ id: u.id, name: zh ? u.name_zh : u.name_en }))));
  return named;
}

/** At most this many stations are suggested as the reader types (a province has hundreds). */
export const STATION_SUGGESTIONS = 20;

/**
 * The stations whose id or name (in either language) holds every word of `q`, named in the locale,
 * those whose name begins with it first: the dashboard's station field suggests them as the reader types.
 */
export function suggestStations(
  stations: readonly { id: string; name_zh: string; name_en: string }[],
  q: string,
  zh: boolean,
): { id: string; name: string }[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const named = namedUnits(stations, zh);
  const hay = (i: number) => `${stations[i]!.id} ${stations[i]!.name_zh} ${stations[i]!.name_en}`.toLowerCase();
  const hits = named.filter((_, i) => words.every((w) => hay(i).includes(w)));
  const first = q.trim().toLowerCase();
  const begins = (s: { id: string; name: string }) =>
    s.name.toLowerCase().startsWith(first) || s.id.toLowerCase().startsWith(first) ? 0 : 1;
  return hits.sort((a, b) => begins(a) - begins(b)).slice(0, STATION_SUGGESTIONS);
}
