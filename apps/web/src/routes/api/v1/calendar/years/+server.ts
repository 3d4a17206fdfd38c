import { json } from '@sveltejs/kit';
import { requireRoute } from '$lib/server/access';
import { apiHandler } from '$lib/server/api-error';
import { calendarOverview } from '$lib/server/calendar';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** GET → { today, years: [{ year, source, verified, notice, holidays, makeupWorkdays }], warning }. */
export const GET: RequestHandler = apiHandler(async (event) => {
  requireRoute(event);
  const today = serverToday();
  return json({ today, ...(await calendarOverview(getDb(), today)) });
});
