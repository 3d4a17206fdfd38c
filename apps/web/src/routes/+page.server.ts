import { redirect } from '@sveltejs/kit';
import { landingPath } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  redirect(303, locals.user ? landingPath(locals.user) : '/login');
};
