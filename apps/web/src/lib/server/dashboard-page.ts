import {
  cachedOnRollups,
  dirtyRollupCount,
  latestHeartbeat,
  listBrigades,
  listPoliceStations,
  type Database,
} from '@supervise/db';
import type { IsoDate, Reason } from '@supervise/core';
import { nextYearWarning } from './calendar.js';

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
  /** The brigades and police stations of the filters: the registry's admin edits them, rarely. */
  units: 60_000,
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
    cachedOnRollups(db, ['brigades'], () => listBrigades(db), { maxAgeMs: w.units }),
    cachedOnRollups(db, ['stations'], () => listPoliceStations(db), { maxAgeMs: w.units }),
  ]);
  return { beatAt, rollupsWaiting, calendarWarning, brigades, stations };
}
