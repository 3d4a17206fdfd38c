import { ENTITY_KINDS, can, visibleRegimes } from '@supervise/core';
import { countMatchingEntities, listPoliceStations, searchEntities } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { filtersOf, registryScope } from '$lib/server/registry';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async (event) => {
  const user = requireRoute(event);
  const db = getDb();
  const scope = registryScope(user);
  const filters = filtersOf(event.url);
  const after = event.url.searchParams.get('after') ?? undefined;
  const [rows, count, stations] = await Promise.all([
    searchEntities(db, scope, { ...filters, after, limit: PAGE + 1 }),
    countMatchingEntities(db, scope, filters),
    listPoliceStations(db),
  ]);
  const regimes = visibleRegimes(user, 'registry.view');
  const kinds = Object.entries(ENTITY_KINDS)
    .filter(([, k]) => (regimes as string[]).includes(k.regime) && (!filters.regime || k.regime === filters.regime))
    .map(([code, k]) => ({ code, zh: k.zh, en: k.en, regime: k.regime }));
  return {
    rows: rows.slice(0, PAGE),
    next: rows.length > PAGE ? rows[PAGE - 1]!.code : null,
    after: after ?? null,
    count,
    filters: { ...filters, q: filters.q ?? '' },
    regimes,
    kinds,
    stations: stations.map((s) => ({ id: s.id, zh: s.name_zh, en: s.name_en })),
    canManage: can(user, 'registry.manage'),
    canOfficers: can(user, 'officers.view'),
  };
};
