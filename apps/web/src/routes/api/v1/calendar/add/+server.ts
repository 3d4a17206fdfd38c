import { json } from '@sveltejs/kit';
import { requireRoute } from '$lib/server/access';
import { apiHandler } from '$lib/server/api-error';
import { computeAdd, parseAddQuery } from '$lib/server/calendar';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** GET ?from=2026-09-30&workingDays=5 (or days= / months=) → { from, unit, n, result }; 422 for an uncovered year. */
export const GET: RequestHandler = apiHandler(async (event) => {
  requireRoute(event);
  const { from, period } = parseAddQuery(event.url.searchParams);
  return json(await computeAdd(getDb(), from, period));
});
