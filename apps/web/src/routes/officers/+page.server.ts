import { listBrigades, listPoliceStations, searchOfficers } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { registryScope } from '$lib/server/registry';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const q = event.url.searchParams.get('q')?.trim().slice(0, 50) ?? '';
  const [officers, brigades, stations] = await Promise.all([
    searchOfficers(db, registryScope(user, 'officers.view'), { q }),
    listBrigades(db),
    listPoliceStations(db),
  ]);
  const units = Object.fromEntries([...brigades, ...stations].map((u) => [u.id, { zh: u.name_zh, en: u.name_en }]));
  return { officers, units, q };
};
