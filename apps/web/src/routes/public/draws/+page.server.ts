import { listDrawSummaries } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { regimeName } from '$lib/server/draws';
import type { PageServerLoad } from './$types';

/** `/public/draws`, no login (一公开): every draw from the moment it is created. Nothing personal. */
export const load: PageServerLoad = async (event) => {
  requireRoute(event, { public: true });
  const draws = await listDrawSummaries(getDb());
  return {
    draws: draws.map((d) => ({
      id: d.id,
      regime: d.regime,
      regimeName: regimeName(d.regime),
      campaign: d.campaign,
      status: d.status,
      share: d.share,
      k: d.k,
      populationSize: d.populationSize,
      createdAt: d.createdAt,
      seedCommitment: d.seedCommitment,
      populationSha256: d.populationSha256,
      replaces: d.replaces,
      replacedBy: d.replacedBy,
    })),
  };
};
