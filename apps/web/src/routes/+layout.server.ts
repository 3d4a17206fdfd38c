import type { LayoutServerLoad } from './$types';

// Only what the header shows. This is not an authorisation check: each page and action does its own.
export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user ? { displayName: locals.user.displayName, roles: locals.user.roles.map((r) => r.role) } : null,
});
