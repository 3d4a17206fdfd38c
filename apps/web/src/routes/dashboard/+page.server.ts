import { REGIME_CODES } from '@supervise/core';
import { inspectionsPerMonthByRegime, latestHeartbeat, regimeSummaries } from '@supervise/db';
import { getDb } from '$lib/server/db';
import { last12Months, stackByRegime, todayInShanghai, totals } from '$lib/server/dashboard';
import { requirePermission } from '$lib/server/guard';
import { regimeLabels } from '$lib/server/regime-names';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requirePermission(event, 'dashboard.view');
  const db = getDb();
  const today = todayInShanghai(new Date());
  const period = last12Months(today);
  const [monthly, summaries, beat] = await Promise.all([
    inspectionsPerMonthByRegime(db, period),
    regimeSummaries(db, { from: period.from, to: period.to, today }, REGIME_CODES),
    latestHeartbeat(db),
  ]);
  return {
    period: { from: period.from, to: period.to },
    regimes: regimeLabels(),
    chart: stackByRegime(monthly, period.months, REGIME_CODES),
    summaries,
    totals: totals(summaries),
    workerLastBeatAt: beat ? beat.beat_at.toISOString() : null,
  };
};
