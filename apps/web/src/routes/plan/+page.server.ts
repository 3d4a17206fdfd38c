import { error } from '@sveltejs/kit';
import { can, visibleRegimes } from '@supervise/core';
import { listBrigades, listPoliceStations, loadPlanView } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { planQuery, planSearch, readPlanFilters } from '$lib/server/plan';
import type { PageServerLoad } from './$types';

/** Issue 9 §1: the plan of a period in the reader's scope, with filters by regime, station and status. */
export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const read = await readPlanFilters(db, event.url, today);
  if (!read.ok) error(400, `${read.problem.zh} / ${read.problem.en}`);
  const { filters } = read;
  const [view, stations, brigades] = await Promise.all([
    loadPlanView(db, planQuery(user, filters, today)),
    listPoliceStations(db),
    listBrigades(db),
  ]);
  const units = Object.fromEntries([...brigades, ...stations].map((u) => [u.id, { zh: u.name_zh, en: u.name_en }]));
  return {
    today,
    filters: { ...filters, period: { ...filters.period } },
    search: planSearch(filters),
    view,
    regimes: visibleRegimes(user, 'plan.view'),
    stations: stations.map((s) => ({ id: s.id, zh: s.name_zh, en: s.name_en })),
    units,
    canRoster: can(user, 'roster.manage'),
  };
};
