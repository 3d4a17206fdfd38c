/**
 * Roles. Administration is split three ways (三权分立, GB/T 22239-2019 level 3, 8.1.4.2 / 8.1.4.3:
 * separate system, security and audit administrators): no account may hold two of the three.
 */
export const ROLES = [
  'leader',
  'scheduler',
  'inspector',
  'complaints_officer',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The three administrative roles; at most one per account, and each needs a second factor. */
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Roles that only make sense within a unit: a grant may carry a brigade or a police station. */
export const SCOPABLE_ROLES = ['scheduler', 'inspector', 'complaints_officer'] as const satisfies readonly Role[];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isAdminRole(value: string): value is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(value);
}

export function isScopableRole(value: string): boolean {
  return (SCOPABLE_ROLES as readonly string[]).includes(value);
}

/** One role grant, optionally scoped to one brigade or one police station. */
export interface Grant {
  role: string;
  brigadeId?: string | null;
  stationId?: string | null;
}

export interface Principal {
  roles: readonly Grant[];
}

export function rolesOf(principal: Principal): Role[] {
  return [...new Set(principal.roles.map((r) => r.role).filter(isRole))];
}

export function hasRole(principal: Principal | null | undefined, role: Role): boolean {
  return !!principal && principal.roles.some((r) => r.role === role);
}

/** True when the account holds one of the three administrative roles (TOTP is then mandatory). */
export function holdsAdminRole(principal: Principal): boolean {
  return principal.roles.some((r) => isAdminRole(r.role));
}

/** The roles of the bureau's work (not administration of the system). */
export const BUSINESS_ROLES = ['leader', 'scheduler', 'inspector', 'complaints_officer'] as const satisfies readonly Role[];

export type GrantRefusal =
  'unknown_role' | 'separation_of_duties' | 'business_and_admin' | 'scope_not_allowed' | 'both_scopes' | 'duplicate';

/**
 * Whether `grant` may be added to an account that already holds `existing`. 三权分立: an account with
 * one administrative role may not receive another one, nor a business role (and the other way round).
 * The database enforces the same rules with a trigger on user_role (migrations 0007, 0012), so a race
 * between two grants cannot slip through.
 */
export function checkGrant(existing: readonly Grant[], grant: Grant): GrantRefusal | null {
  if (!isRole(grant.role)) return 'unknown_role';
  const brigade = grant.brigadeId ?? null;
  const station = grant.stationId ?? null;
  if (brigade !== null && station !== null) return 'both_scopes';
  if ((brigade !== null || station !== null) && !isScopableRole(grant.role)) return 'scope_not_allowed';
  if (isAdminRole(grant.role) && existing.some((g) => isAdminRole(g.role) && g.role !== grant.role)) {
    return 'separation_of_duties';
  }
  // Issue 9 §6 (三权分立, 8.1.4.2): an administrator does no business work and a business user
  // administers nothing, so one account never holds both kinds (same trigger, migration 0012).
  if (existing.some((g) => isRole(g.role) && isAdminRole(g.role) !== isAdminRole(grant.role))) return 'business_and_admin';
  if (existing.some((g) => g.role === grant.role && (g.brigadeId ?? null) === brigade && (g.stationId ?? null) === station)) {
    return 'duplicate';
  }
  return null;
}
