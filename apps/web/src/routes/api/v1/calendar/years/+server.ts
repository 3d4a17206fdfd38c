import { json } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/api-error';
import { calendarOverview } from '$lib/server/calendar';
import { serverToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { requireApiPermission } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** GET → { today, years: [{ year, source, verified, notice, holidays, makeupWorkdays }], warning }. */
export const GET: RequestHandler = apiHandler(async (event) => {
  requireApiPermission(event, 'calendar.view');
  const today = serverToday();
  return json({ today, ...(await calendarOverview(getDb(), today)) });
});
