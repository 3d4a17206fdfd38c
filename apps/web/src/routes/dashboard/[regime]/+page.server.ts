import { error } from '@sveltejs/kit';
import { REGIME_CODES, type RegimeCode } from '@supervise/core';
import { regimeSummaries } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { last12Months } from '$lib/server/dashboard';
import { getDb } from '$lib/server/db';
import { regimeLabels } from '$lib/server/regime-names';
import type { PageServerLoad } from './$types';

// One regime's figures. Scoped: a brigade's staff see only their brigade's regimes (R02–R04 for the
// traffic brigade); the route table's scope check answers 403 for any other.
export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  const code = event.params.regime as RegimeCode;
  if (!REGIME_CODES.includes(code)) error(404, 'not found');
  const today = serverToday();
  const period = last12Months(today);
  const [summary] = await regimeSummaries(getDb(), { from: period.from, to: period.to, today }, [code]);
  const label = regimeLabels().find((r) => r.code === code);
  return { code, name: label?.name ?? code, summary, period: { from: period.from, to: period.to } };
};
