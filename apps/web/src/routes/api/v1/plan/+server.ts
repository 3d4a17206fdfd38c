import { json } from '@sveltejs/kit';
import { planObligations } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { apiHandler, badRequest } from '$lib/server/api-error';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { planQuery, readPlanFilters } from '$lib/server/plan';
import type { RequestHandler } from './$types';

/**
 * GET ?period=2026-12&regime=R09[&station=…][&status=…] → { period, census, campaign, spotCheck }: the
 * rows of `/plan` (and of its XLSX) in the caller's scope. The period defaults to the current month.
 */
export const GET: RequestHandler = apiHandler(async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const today = serverToday();
  const read = await readPlanFilters(db, event.url, today);
  if (!read.ok) {
    const p = read.problem;
    throw badRequest(`INVALID_${p.field.toUpperCase()}`, p.zh, p.en, p.field);
  }
  const { filters } = read;
  const rows = await planObligations(db, planQuery(user, filters, today));
  return json(
    {
      period: { name: filters.period.name, kind: filters.period.kind, start: filters.period.start, end: filters.period.end },
      today,
      filters: { regime: filters.regime, station: filters.station, status: filters.status },
      ...rows,
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});
