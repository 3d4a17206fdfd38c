import { REGIME_CODES, type RegimeCode } from '../regimes/entity-kinds.js';
import { type Grant, type Principal, ROLES, type Role, isRole } from './roles.js';
import { brigadeOfRegime, type ScopedResource } from './scope.js';

/**
 * Every permission. Names are `<area>.<verb>`; the web app checks them in every load, form action
 * and endpoint (conventions 9), through the route table in `routes.ts`.
 */
export const PERMISSIONS = [
  'dashboard.view',
  'calendar.view',
  'calendar.manage',
  'rules.view',
  'penalties.check',
  'registry.view',
  'registry.manage',
  'officers.view',
  'officers.manage',
  'settings.manage',
  'catalogue.manage',
  'users.view',
  'users.manage',
  'audit.view',
  'audit.export',
  'inbox.view',
  'queues.view',
  'queues.manage',
  // Issue 9 §1–§2: the scheduler's plan and rosters.
  'plan.view',
  'roster.manage',
  // Issue 9 §3: verifiable random draws (双随机).
  'draws.view',
  'draws.manage',
  'draws.approve',
  // Issue 10: field work. An inspector's own tasks and inspection records; the case that follows
  // (hazards, notices, reviews); penalties; a leader (负责人) approves extensions.
  'tasks.view',
  'inspections.record',
  'cases.view',
  'cases.manage',
  'extensions.approve',
  'penalties.record',
  // Issue 13 §2: R05/R06 applications (schedulers record them), the security plan's review (an
  // officer on the survey).
  'events.view',
  'events.manage',
  'events.review',
  // Issue 13 §4: complaints and reports (举报/投诉). The informant's identity is a permission of its own.
  'complaints.view',
  'complaints.intake',
  'complaints.manage',
  'complaints.identity',
  // Issue 13 §1: R02 road-occupation permits (schedulers enter, shorten and close them; inspectors
  // record flags on their patrols; both record the measures taken).
  'permits.view',
  'permits.manage',
  'permits.patrol',
  'permits.measure',
  // Issue 13 §3: R04 inspection agencies' reports and video checks, recorded as they arrive and
  // reviewed by an officer.
  'stationreports.view',
  'stationreports.record',
  'stationreports.review',
  // Issue 13 §5–§7: R11–R13 cases, R03 dishonesty grades, R01 window service.
  'incidents.view',
  'incidents.record',
  'incidents.manage',
  'credit.view',
  'credit.manage',
  'window.view',
  'window.manage',
  'window.decide',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * Which roles hold which permission. The three administrators (三权分立) run the system (settings,
 * calendar, catalogue), the accounts and the audit log respectively; none of them reads supervision
 * data by virtue of that role, and the audit admin changes nothing at all.
 */
export const GRANTS: Readonly<Record<Permission, readonly Role[]>> = {
  'dashboard.view': ['leader', 'scheduler', 'inspector', 'complaints_officer'],
  // The statutory calendar, the rulebook and a penalty check are reference data every role may read.
  'calendar.view': ROLES,
  // Entering a year's State Council notice changes every deadline: the system administrator only.
  'calendar.manage': ['system_admin'],
  'rules.view': ROLES,
  // Checking a proposed penalty against the rulebook stores nothing.
  'penalties.check': ROLES,
  'registry.view': ['leader', 'scheduler', 'inspector', 'complaints_officer'],
  'registry.manage': ['scheduler'],
  // Issue 5 §4: the officer directory (credentials, leave, recusals); schedulers keep it for their unit.
  'officers.view': ['leader', 'scheduler', 'inspector'],
  'officers.manage': ['scheduler'],
  'settings.manage': ['system_admin'],
  'catalogue.manage': ['system_admin'],
  'users.view': ['security_admin'],
  'users.manage': ['security_admin'],
  'audit.view': ['audit_admin'],
  'audit.export': ['audit_admin'],
  // Issue 4 §5: every account has its own in-app inbox of reminders (it shows the holder's own only).
  'inbox.view': ROLES,
  // Issue 4 §6: the job queues are system operation, the system administrator's (三权分立).
  'queues.view': ['system_admin'],
  'queues.manage': ['system_admin'],
  // Issue 9 §1: the plan of a period (obligations, calendar, officers' load); leaders read it too.
  'plan.view': ['leader', 'scheduler'],
  // Issue 9 §2: changing the two officers of an inspection, and confirming replacements for leave.
  'roster.manage': ['scheduler'],
  // Issue 9 §3: schedulers create and execute draws for their brigade's regimes; a redraw needs a
  // leader's approval (verifiable-draw.md step 5), so leaders see every draw and approve redraws.
  'draws.view': ['leader', 'scheduler'],
  'draws.manage': ['scheduler'],
  'draws.approve': ['leader'],
  // Issue 10 §1–§2: an inspector sees their own tasks and records the inspections they are on.
  'tasks.view': ['inspector'],
  'inspections.record': ['inspector'],
  // Issue 10 §3–§5: the case file (hazards, notices, extensions, reviews, penalties) is read by the
  // units that supervise; inspectors issue and serve notices and record reviews.
  'cases.view': ['leader', 'scheduler', 'inspector'],
  'cases.manage': ['inspector'],
  // R03 监管措施（一）: an extension needs the approval of the department's head (负责人).
  'extensions.approve': ['leader'],
  // Issue 10 §4: penalties are entered by the case officers and checked by core's validator.
  'penalties.record': ['inspector'],
  'events.view': ['leader', 'scheduler', 'inspector'],
  'events.manage': ['scheduler'],
  'events.review': ['inspector'],
  // Officers take complaints by phone or at the window; the complaints officer and the scheduler
  // assign them, open an inspection and reply. Only the complaints officer sees who complained
  // (举报人信息保密, seed R03 六、执法监督: 对举报人的相关信息予以保密).
  'complaints.view': ['leader', 'scheduler', 'inspector', 'complaints_officer'],
  'complaints.intake': ['scheduler', 'inspector', 'complaints_officer'],
  'complaints.manage': ['scheduler', 'complaints_officer'],
  'complaints.identity': ['complaints_officer'],
  'permits.view': ['leader', 'scheduler', 'inspector'],
  'permits.manage': ['scheduler'],
  'permits.patrol': ['inspector'],
  // R02 六、监督检查处理: the notice, the stop-work order and the referral are the brigade's, by the
  // officer on site or the scheduler.
  'permits.measure': ['scheduler', 'inspector'],
  'stationreports.view': ['leader', 'scheduler', 'inspector'],
  'stationreports.record': ['scheduler', 'inspector'],
  'stationreports.review': ['inspector'],
  // Issue 13 §5: an incident (what, where, when, which unit) is recorded by the scheduler or an
  // inspector who found it; the scheduler opens the case's inspection and closes the case.
  'incidents.view': ['leader', 'scheduler', 'inspector'],
  'incidents.record': ['scheduler', 'inspector'],
  'incidents.manage': ['scheduler'],
  // Issue 13 §7: R03 失信 grades are an officer's decision (the seed defines no criteria); the list and
  // the file for the provincial credit platform are read by the leader and the scheduler.
  'credit.view': ['leader', 'scheduler'],
  'credit.manage': ['scheduler'],
  // Issue 13 §6: R01 window service. The scheduler imports the raters' results and records complaints
  // and follow-ups; the measure for a flagged member and the thresholds are the leader's (personnel).
  'window.view': ['leader', 'scheduler'],
  'window.manage': ['scheduler'],
  'window.decide': ['leader'],
};

function grantAllows(g: Grant, permission: Permission): boolean {
  return isRole(g.role) && GRANTS[permission].includes(g.role);
}

/**
 * Whether a grant's scope covers the resource. An unscoped grant covers everything; a brigade grant
 * covers its brigade and that brigade's regimes; a station grant covers its station's area. A
 * resource that names both a regime and a brigade must match on both.
 */
export function grantCovers(g: Grant, resource: ScopedResource): boolean {
  const brigade = g.brigadeId ?? null;
  const station = g.stationId ?? null;
  if (brigade === null && station === null) return true;
  if (brigade !== null) {
    if (resource.regime !== undefined && brigadeOfRegime(resource.regime) !== brigade) return false;
    if (resource.brigadeId != null && resource.brigadeId !== brigade) return false;
    // A resource with no brigade and no regime (e.g. a station-only record) is not a brigade's.
    return resource.regime !== undefined || resource.brigadeId != null;
  }
  return resource.stationId != null && resource.stationId === station;
}

/**
 * The one permission check: does `principal` hold `permission`, for `resource` when given? Without a
 * resource, any grant of a role that holds the permission is enough (the page then filters its data
 * with `scopeOf`); with one, the grant's brigade or station scope must cover it.
 */
export function can(principal: Principal | null | undefined, permission: Permission, resource?: ScopedResource): boolean {
  if (!principal) return false;
  return principal.roles.some((g) => grantAllows(g, permission) && (resource === undefined || grantCovers(g, resource)));
}

/** How far a permission reaches for this principal: everything, or a list of brigades and stations. */
export type Scope = { all: true } | { all: false; brigadeIds: string[]; stationIds: string[] };

export function scopeOf(principal: Principal | null | undefined, permission: Permission): Scope {
  const grants = principal ? principal.roles.filter((g) => grantAllows(g, permission)) : [];
  if (grants.some((g) => (g.brigadeId ?? null) === null && (g.stationId ?? null) === null)) return { all: true };
  return {
    all: false,
    brigadeIds: [...new Set(grants.flatMap((g) => (g.brigadeId ? [g.brigadeId] : [])))].sort(),
    stationIds: [...new Set(grants.flatMap((g) => (g.stationId ? [g.stationId] : [])))].sort(),
  };
}

/** The regimes whose data the principal may see under `permission` (all 14 when unscoped). */
export function visibleRegimes(principal: Principal | null | undefined, permission: Permission): RegimeCode[] {
  // Same rule as `can` with a regime resource: bureau-wide figures of a regime are not a station's.
  return REGIME_CODES.filter((regime) => can(principal, permission, { regime }));
}
