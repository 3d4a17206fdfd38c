import { json } from '@sveltejs/kit';
import { cachedPoliceStations } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { suggestStations } from '$lib/server/dashboard-page';
import { getDb } from '$lib/server/db';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

/** `?q=`: the police stations the dashboard's station field suggests, `[{ id, name }]` in the locale. */
export const GET: RequestHandler = async (event) => {
  requireRoute(event);
  const q = event.url.searchParams.get('q') ?? '';
  const stations = await cachedPoliceStations(getDb());
  return json(suggestStations(stations, q, getLocale() === 'zh-CN'), { headers: { 'cache-control': 'private, max-age=60' } });
};
