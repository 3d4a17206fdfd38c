import { menuFor } from '@supervise/core';
import { unreadInboxCount } from '@supervise/db';
import { getDb } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

// Only what the header shows. This is not an authorisation check: each page and action does its own.
export const load: LayoutServerLoad = async ({ locals }) => ({
  user: locals.user ? { displayName: locals.user.displayName, roles: locals.user.roles.map((r) => r.role) } : null,
  // The header menu, derived from the route table: only what the account's roles may open.
  menu: menuFor(locals.user),
  loginNotice: locals.user?.loginNotice ?? null,
  // Issue 4 §5: the unread count of the account's own inbox, in the header.
  unread: locals.user ? await unreadInboxCount(getDb(), locals.user.id) : 0,
});
