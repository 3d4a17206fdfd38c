/**
 * Roles and permissions, as pure functions. Checked where the work happens: in every `load`, form
 * action and `+server.ts` that needs them (a layout's `load` does not guard an action).
 * The accounts issue moves these into `@supervise/core` and scopes roles to brigades and stations.
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

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const PERMISSIONS = ['dashboard.view', 'calendar.view', 'calendar.manage', 'rules.view', 'penalties.check'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Which roles hold which permission. The three administrators (三权分立) run the system, the
 * accounts and the audit log; none of them reads the supervision statistics by virtue of that role.
 */
const GRANTS: Record<Permission, readonly Role[]> = {
  'dashboard.view': ['leader', 'scheduler', 'inspector', 'complaints_officer'],
  // The statutory calendar and the rulebook are reference data every signed-in role may read.
  'calendar.view': ROLES,
  // Entering a year's State Council notice changes every deadline: the system administrator only.
  'calendar.manage': ['system_admin'],
  'rules.view': ROLES,
  // Checking a proposed penalty against the rulebook stores nothing.
  'penalties.check': ROLES,
};

export interface Principal {
  roles: readonly { role: string }[];
}

export function rolesOf(principal: Principal): Role[] {
  return [...new Set(principal.roles.map((r) => r.role).filter(isRole))];
}

export function hasRole(principal: Principal | null | undefined, role: Role): boolean {
  return !!principal && principal.roles.some((r) => r.role === role);
}

export function can(principal: Principal | null | undefined, permission: Permission): boolean {
  if (!principal) return false;
  const allowed = GRANTS[permission];
  return principal.roles.some((r) => (allowed as readonly string[]).includes(r.role));
}

/**
 * The page a user lands on after login: the dashboard for the working roles; the administrators, who
 * may not read the statistics, land on the statutory calendar they maintain or may read.
 */
export function landingPath(principal: Principal): string {
  if (can(principal, 'dashboard.view')) return '/dashboard';
  if (can(principal, 'calendar.view')) return '/admin/calendar';
  return '/dashboard';
}
