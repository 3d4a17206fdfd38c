import { redirect } from '@sveltejs/kit';
import { landingPath } from '@supervise/core';
import { requireRoute } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
  const user = requireRoute(event, { public: true });
  redirect(303, user ? landingPath(user) : '/login');
};
