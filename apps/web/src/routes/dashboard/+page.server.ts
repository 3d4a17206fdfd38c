import { REGIME_CODES } from '@supervise/core';
import { countRosterOverrides, inspectionsPerMonthByRegime, latestHeartbeat, regimeSummaries } from '@supervise/db';
import { mayUse, requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { nextYearWarning } from '$lib/server/calendar';
import { serverToday } from '$lib/server/clock';
import { last12Months, stackByRegime, totals } from '$lib/server/dashboard';
import { regimeLabels } from '$lib/server/regime-names';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const period = last12Months(today);
  const [monthly, summaries, beat, calendarWarning, rosterOverrides] = await Promise.all([
    inspectionsPerMonthByRegime(db, period),
    regimeSummaries(db, { from: period.from, to: period.to, today }, REGIME_CODES),
    latestHeartbeat(db),
    // From 1 November: next year's State Council notice is due; warn while it is missing.
    nextYearWarning(db, today),
    // Issue 4 §3: a scheduler's changes to a roster are counted where leaders look.
    countRosterOverrides(db, { from: period.from, to: period.to }),
  ]);
  return {
    period: { from: period.from, to: period.to },
    regimes: regimeLabels(),
    chart: stackByRegime(monthly, period.months, REGIME_CODES),
    summaries,
    totals: totals(summaries),
    rosterOverrides,
    calendarWarning,
    canManageCalendar: mayUse(user, '/admin/calendar', 'POST', 'import'),
    workerLastBeatAt: beat ? beat.beat_at.toISOString() : null,
  };
};
