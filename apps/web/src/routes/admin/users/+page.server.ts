import { listAccounts } from '@supervise/db';
import { requireRoute } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRoute(event);
  const users = await listAccounts(getDb());
  return {
    users: users.map((u) => ({
      ...u,
      disabledAt: u.disabledAt?.toISOString() ?? null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    })),
  };
};
