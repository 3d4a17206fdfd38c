/**
 * Account rules shared by every door that creates or changes an account (web /admin/users, the CLI
 * `supervise user create`): issue 9 §6 and issue 11 (the rules were written twice and had diverged).
 */
import type { Grant } from '../permissions/roles.js';

/**
 * A login name: lower case, starts with a letter, then letters, digits, `.`, `_` or `-`, 3 to 32
 * characters in all. Why: it appears in the audit log and in URLs, so no spaces, no look-alikes.
 */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

/** The form a username is stored and compared in (trimmed, lower case). */
export function normaliseUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}

/**
 * Roles whose holder works as an officer: tasks, rosters and reminders go to the officer, so the
 * account must be linked to the officer record (issue 9 §6: otherwise a new inspector never
 * receives a task).
 */
export const OFFICER_ROLES = ['inspector', 'scheduler'] as const;

/** Whether an account holding `grants` must be linked to an officer record. */
export function officerLinkRequired(grants: readonly Grant[]): boolean {
  return grants.some((g) => (OFFICER_ROLES as readonly string[]).includes(g.role));
}
