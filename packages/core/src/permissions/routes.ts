import type { RegimeCode } from '../regimes/entity-kinds.js';
import { type Permission, can, scopeOf } from './permissions.js';
import type { Principal } from './roles.js';
import { type ScopedResource, regimesOfBrigade } from './scope.js';

/**
 * THE route table: every page, form action and endpoint of the web app with what it requires. The web
 * app's guard reads it (`requireRoute`), the header menu is derived from it, and the permission-matrix
 * test enumerates it (and fails when a route under apps/web/src/routes is missing from it).
 *
 * - `public`: no session needed (login, health);
 * - `signed_in`: any signed-in account (its own password and second factor);
 * - a permission: checked with `can`, and with the resource's scope where the route names one.
 */
export type Access = 'public' | 'signed_in' | Permission;

export type MenuKey =
  | 'dashboard'
  | 'plan'
  | 'calendar'
  | 'settings'
  | 'rules'
  | 'registry'
  | 'officers'
  | 'draws'
  | 'inbox'
  | 'queues'
  | 'users'
  | 'audit'
  | 'account'
  | 'tasks'
  | 'events'
  | 'complaints'
  | 'permits'
  | 'stationReports'
  | 'incidents'
  | 'credit'
  | 'window';

export interface RouteRule {
  /** SvelteKit route id, e.g. `/admin/users/[id]`. */
  route: string;
  method: 'GET' | 'POST';
  /** Form action name (`default` for the default action); absent for a page load or a `+server.ts` handler. */
  action?: string;
  access: Access;
  /** When the route is scoped by a parameter: how to read the resource from the params. */
  scope?: (params: Record<string, string>) => ScopedResource;
  /**
   * Shown in the header menu (GET pages only), in this order; `regimes`: a page about these regimes
   * only, left out of the menu of an account scoped to brigades that supervise none of them.
   */
  menu?: { key: MenuKey; order: number; regimes?: readonly RegimeCode[] };
}

const regimeParam = (p: Record<string, string>): ScopedResource => ({ regime: p.regime ?? '' });

export const ROUTE_TABLE: readonly RouteRule[] = [
  { route: '/', method: 'GET', access: 'public' },
  { route: '/healthz', method: 'GET', access: 'public' },
  { route: '/healthz/live', method: 'GET', access: 'public' },
  { route: '/login', method: 'GET', access: 'public' },
  { route: '/login', method: 'POST', action: 'default', access: 'public' },
  { route: '/login/totp', method: 'GET', access: 'signed_in' },
  { route: '/login/totp', method: 'POST', action: 'default', access: 'signed_in' },
  { route: '/logout', method: 'GET', access: 'public' },
  { route: '/logout', method: 'POST', action: 'default', access: 'public' },
  { route: '/account/password', method: 'GET', access: 'signed_in' },
  { route: '/account/password', method: 'POST', action: 'default', access: 'signed_in' },
  { route: '/account/totp', method: 'GET', access: 'signed_in', menu: { key: 'account', order: 90 } },
  { route: '/account/totp', method: 'POST', action: 'enrol', access: 'signed_in' },
  { route: '/dashboard', method: 'GET', access: 'dashboard.view', menu: { key: 'dashboard', order: 10 } },
  { route: '/dashboard/[regime]', method: 'GET', access: 'dashboard.view', scope: regimeParam },
  // Issue 12: the rows behind each figure and their export; the wall. Scope is applied to the data
  // (the reader's regimes and units), as on the dashboard itself.
  { route: '/dashboard/rows', method: 'GET', access: 'dashboard.view' },
  { route: '/dashboard/rows/export', method: 'GET', access: 'dashboard.view' },
  { route: '/dashboard/export', method: 'GET', access: 'dashboard.view' },
  { route: '/dashboard/wall', method: 'GET', access: 'dashboard.view' },
  { route: '/dashboard/stations', method: 'GET', access: 'dashboard.view' },
  { route: '/api/v1/dashboard', method: 'GET', access: 'dashboard.view' },
  { route: '/admin/users', method: 'GET', access: 'users.view', menu: { key: 'users', order: 60 } },
  { route: '/admin/users/new', method: 'GET', access: 'users.manage' },
  { route: '/admin/users/new', method: 'POST', action: 'default', access: 'users.manage' },
  { route: '/admin/users/[id]', method: 'GET', access: 'users.view' },
  ...['grant', 'revoke', 'disable', 'enable', 'resetPassword', 'resetTotp'].map((action): RouteRule => ({
    route: '/admin/users/[id]',
    method: 'POST',
    action,
    access: 'users.manage',
  })),
  // Issue 9 §5–§6 (inbox, accounts; branch inbox): bulk acknowledge, link an account to an officer.
  { route: '/inbox', method: 'POST', action: 'acknowledgeMany', access: 'inbox.view' },
  { route: '/admin/users/[id]', method: 'POST', action: 'linkOfficer', access: 'users.manage' },
  { route: '/admin/audit', method: 'GET', access: 'audit.view', menu: { key: 'audit', order: 70 } },
  { route: '/admin/audit/export', method: 'GET', access: 'audit.export' },
  { route: '/inbox', method: 'GET', access: 'inbox.view', menu: { key: 'inbox', order: 80 } },
  { route: '/inbox', method: 'POST', action: 'read', access: 'inbox.view' },
  { route: '/inbox', method: 'POST', action: 'acknowledge', access: 'inbox.view' },
  { route: '/admin/queues', method: 'GET', access: 'queues.view', menu: { key: 'queues', order: 50 } },
  { route: '/admin/queues', method: 'POST', action: 'retry', access: 'queues.manage' },
  { route: '/admin/calendar', method: 'GET', access: 'calendar.view', menu: { key: 'calendar', order: 20 } },
  { route: '/admin/calendar', method: 'POST', action: 'import', access: 'calendar.manage' },
  // Issue 8 §4: the day the system went into service (bounds the reconcile and the alert scan).
  { route: '/admin/settings', method: 'GET', access: 'settings.manage', menu: { key: 'settings', order: 25 } },
  { route: '/admin/settings', method: 'POST', action: 'inService', access: 'settings.manage' },
  // Issue 13 §4: the complaint reply period (configured; no statutory period verified).
  { route: '/admin/settings', method: 'POST', action: 'complaintReplyDays', access: 'settings.manage' },
  { route: '/api/v1/calendar/add', method: 'GET', access: 'calendar.view' },
  { route: '/api/v1/calendar/years', method: 'GET', access: 'calendar.view' },
  { route: '/api/v1/calendar/import', method: 'POST', access: 'calendar.manage' },
  { route: '/api/v1/rules', method: 'GET', access: 'rules.view' },
  { route: '/api/v1/penalties/check', method: 'POST', access: 'penalties.check' },
  // Issue 5 §2–§4: the registry and the officer directory. Pages about one entity or officer check its
  // brigade/station scope in the load and every action (the resource is known only from the row).
  { route: '/registry', method: 'GET', access: 'registry.view', menu: { key: 'registry', order: 30 } },
  { route: '/registry/export', method: 'GET', access: 'registry.view' },
  { route: '/registry/new', method: 'GET', access: 'registry.manage' },
  { route: '/registry/new', method: 'POST', action: 'default', access: 'registry.manage' },
  { route: '/registry/[code]', method: 'GET', access: 'registry.view' },
  { route: '/registry/[code]', method: 'POST', action: 'close', access: 'registry.manage' },
  { route: '/registry/[code]/edit', method: 'GET', access: 'registry.manage' },
  { route: '/registry/[code]/edit', method: 'POST', action: 'default', access: 'registry.manage' },
  { route: '/registry/import', method: 'GET', access: 'registry.manage' },
  { route: '/registry/import', method: 'POST', action: 'preview', access: 'registry.manage' },
  { route: '/registry/import/[id]', method: 'GET', access: 'registry.manage' },
  { route: '/registry/import/[id]', method: 'POST', action: 'commit', access: 'registry.manage' },
  { route: '/registry/import/[id]/status', method: 'GET', access: 'registry.manage' },
  { route: '/officers', method: 'GET', access: 'officers.view', menu: { key: 'officers', order: 35 } },
  { route: '/officers/[code]', method: 'GET', access: 'officers.view' },
  ...['addLeave', 'removeLeave', 'declareRecusal', 'withdrawRecusal'].map((action): RouteRule => ({
    route: '/officers/[code]',
    method: 'POST',
    action,
    access: 'officers.manage',
  })),
  // Issue 9 §1–§2 (plan and rosters): the plan of a period in the reader's scope, its XLSX and JSON;
  // an inspection's roster and the replacements for an officer's leave. Pages about one inspection or
  // leave check the row's brigade/station scope in the load and every action (the use-case again).
  { route: '/plan', method: 'GET', access: 'plan.view', menu: { key: 'plan', order: 15 } },
  { route: '/plan/export', method: 'GET', access: 'plan.view' },
  { route: '/api/v1/plan', method: 'GET', access: 'plan.view' },
  { route: '/plan/inspections/[id]', method: 'GET', access: 'plan.view' },
  { route: '/plan/inspections/[id]', method: 'POST', action: 'change', access: 'roster.manage' },
  { route: '/officers/[code]/leave/[leaveId]', method: 'GET', access: 'roster.manage' },
  { route: '/officers/[code]/leave/[leaveId]', method: 'POST', action: 'confirm', access: 'roster.manage' },
  // Issue 9 §3–§4: verifiable random draws (双随机) and their public record (一公开). One draw's pages and
  // the record endpoint check the draw's regime against the grant's scope once the row is loaded.
  { route: '/draws', method: 'GET', access: 'draws.view', menu: { key: 'draws', order: 40 } },
  { route: '/draws', method: 'POST', action: 'create', access: 'draws.manage' },
  { route: '/draws/verify', method: 'GET', access: 'draws.view' },
  { route: '/draws/verify', method: 'POST', action: 'default', access: 'draws.view' },
  { route: '/draws/[id]', method: 'GET', access: 'draws.view' },
  { route: '/draws/[id]', method: 'POST', action: 'execute', access: 'draws.manage' },
  { route: '/draws/[id]', method: 'POST', action: 'requestRedraw', access: 'draws.manage' },
  { route: '/draws/[id]', method: 'POST', action: 'approveRedraw', access: 'draws.approve' },
  { route: '/draws/[id]', method: 'POST', action: 'rejectRedraw', access: 'draws.approve' },
  { route: '/api/v1/draws/[id]/record', method: 'GET', access: 'draws.view' },
  { route: '/api/v1/draws', method: 'GET', access: 'draws.view' },
  { route: '/api/v1/draws', method: 'POST', access: 'draws.manage' },
  { route: '/api/v1/draws/[id]/execute', method: 'POST', access: 'draws.manage' },
  { route: '/api/v1/draws/[id]/redraw-requests', method: 'POST', access: 'draws.manage' },
  { route: '/api/v1/draws/redraw-requests/[id]/decision', method: 'POST', access: 'draws.approve' },
  // Issue 10: rectification (the case file's notices, extensions, reviews; the notice as a document).
  // Pages and endpoints about one inspection, notice or document check the row's regime/brigade/station
  // scope in the load and every action, and the use-case checks it again on the stored rows.
  { route: '/cases/[inspectionId]', method: 'GET', access: 'cases.view' },
  ...['issue', 'serve', 'requestExtension', 'requestReview'].map((action): RouteRule => ({
    route: '/cases/[inspectionId]',
    method: 'POST',
    action,
    access: 'cases.manage',
  })),
  { route: '/cases/[inspectionId]', method: 'POST', action: 'decideExtension', access: 'extensions.approve' },
  { route: '/reviews/[inspectionId]', method: 'GET', access: 'cases.view' },
  { route: '/reviews/[inspectionId]', method: 'POST', action: 'opinion', access: 'cases.manage' },
  { route: '/documents/[id].pdf', method: 'GET', access: 'cases.view' },
  { route: '/api/v1/rectifications', method: 'POST', access: 'cases.manage' },
  { route: '/api/v1/rectifications/[id]', method: 'GET', access: 'cases.view' },
  { route: '/api/v1/rectifications/[id]/serve', method: 'POST', access: 'cases.manage' },
  { route: '/api/v1/rectifications/[id]/extensions', method: 'POST', access: 'cases.manage' },
  { route: '/api/v1/rectifications/extensions/[id]/decision', method: 'POST', access: 'extensions.approve' },
  { route: '/api/v1/rectifications/[id]/review-request', method: 'POST', access: 'cases.manage' },
  { route: '/api/v1/rectifications/[id]/review-opinion', method: 'POST', access: 'cases.manage' },
  { route: '/api/v1/documents/[id]', method: 'GET', access: 'cases.view' },
  { route: '/public/draws', method: 'GET', access: 'public' },
  { route: '/public/draws/[id].json', method: 'GET', access: 'public' },
  // Issue 10: inspection record. Anyone with cases.view reads a record in their scope; the writes
  // need inspections.record, and the use-case checks again that the actor is an officer on THIS
  // inspection (the stored roster), so a colleague of the same brigade cannot record it.
  { route: '/inspections/[id]', method: 'GET', access: 'cases.view' },
  ...['start', 'checklist', 'hazard', 'photos', 'confirm', 'second', 'signature', 'close'].map((action): RouteRule => ({
    route: '/inspections/[id]',
    method: 'POST',
    action,
    access: 'inspections.record',
  })),
  { route: '/inspections/[id]/photos/[sha256]', method: 'GET', access: 'cases.view' },
  { route: '/inspections/[id]/signature', method: 'GET', access: 'cases.view' },
  { route: '/api/v1/inspections/[id]', method: 'GET', access: 'cases.view' },
  { route: '/api/v1/inspections/[id]/checklist', method: 'POST', access: 'inspections.record' },
  { route: '/api/v1/inspections/[id]/hazards', method: 'POST', access: 'inspections.record' },
  { route: '/api/v1/inspections/[id]/confirm', method: 'POST', access: 'inspections.record' },
  { route: '/api/v1/inspections/[id]/signature', method: 'POST', access: 'inspections.record' },
  { route: '/api/v1/inspections/[id]/close', method: 'POST', access: 'inspections.record' },
  { route: '/api/v1/hazards/[id]/photos', method: 'POST', access: 'inspections.record' },
  // Issue 10: penalties. A case's penalty form and decision page, and the JSON API, on
  // the one use-case; the load, the action and the use-case check the stored inspection's scope, and
  // recording needs the actor to be an officer on that inspection.
  { route: '/cases/[inspectionId]/penalties/new', method: 'GET', access: 'penalties.record' },
  { route: '/cases/[inspectionId]/penalties/new', method: 'POST', action: 'record', access: 'penalties.record' },
  { route: '/cases/[inspectionId]/penalties/[penaltyId]', method: 'GET', access: 'cases.view' },
  { route: '/api/v1/penalties', method: 'POST', access: 'penalties.record' },
  { route: '/api/v1/penalties/[id]', method: 'GET', access: 'cases.view' },
  // Issue 10: my tasks. An inspector's own inspections (the account's linked officer), first in the
  // menu; the entity's file is part of /registry/[code] (registry.view, with the row's scope).
  { route: '/tasks', method: 'GET', access: 'tasks.view', menu: { key: 'tasks', order: 5 } },
  { route: '/api/v1/tasks', method: 'GET', access: 'tasks.view' },
  // Issue 13 §2: R05/R06 applications. The application's page and the review check the organiser's
  // regime/brigade/station scope on the stored row (the use-case again on what it writes).
  { route: '/events', method: 'GET', access: 'events.view', menu: { key: 'events', order: 16, regimes: ['R05', 'R06'] } },
  { route: '/events', method: 'POST', action: 'record', access: 'events.manage' },
  { route: '/events/[id]', method: 'GET', access: 'events.view' },
  { route: '/events/[id]', method: 'POST', action: 'reviewPlan', access: 'events.review' },
  { route: '/api/v1/events', method: 'GET', access: 'events.view' },
  { route: '/api/v1/events', method: 'POST', access: 'events.manage' },
  { route: '/api/v1/events/[id]', method: 'GET', access: 'events.view' },
  // Issue 13 §4: complaints and reports. The public form needs no login (rate-limited per address);
  // the informant's identity is its own route, for the complaints officer only, every view audited.
  { route: '/report', method: 'GET', access: 'public' },
  { route: '/report', method: 'POST', action: 'default', access: 'public' },
  { route: '/complaints', method: 'GET', access: 'complaints.view', menu: { key: 'complaints', order: 17 } },
  { route: '/complaints', method: 'POST', action: 'intake', access: 'complaints.intake' },
  { route: '/complaints/[id]', method: 'GET', access: 'complaints.view' },
  ...['assign', 'openInspection', 'reply'].map((action): RouteRule => ({
    route: '/complaints/[id]',
    method: 'POST',
    action,
    access: 'complaints.manage',
  })),
  { route: '/complaints/[id]/informant', method: 'GET', access: 'complaints.identity' },
  { route: '/api/v1/complaints', method: 'GET', access: 'complaints.view' },
  { route: '/api/v1/complaints', method: 'POST', access: 'complaints.intake' },
  { route: '/api/v1/complaints/[id]/informant', method: 'GET', access: 'complaints.identity' },
  // Issue 13 §1: R02 road-occupation permits and their patrols; §3: R04 agencies' reports. Scope is
  // checked on the permit or report in the use-case (a brigade's own only).
  { route: '/permits', method: 'GET', access: 'permits.view', menu: { key: 'permits', order: 18, regimes: ['R02'] } },
  { route: '/permits', method: 'POST', action: 'record', access: 'permits.manage' },
  { route: '/permits/[id]', method: 'GET', access: 'permits.view' },
  { route: '/permits/[id]', method: 'POST', action: 'change', access: 'permits.manage' },
  { route: '/permits/[id]', method: 'POST', action: 'close', access: 'permits.manage' },
  { route: '/permits/[id]', method: 'POST', action: 'flag', access: 'permits.patrol' },
  { route: '/permits/[id]', method: 'POST', action: 'measure', access: 'permits.measure' },
  {
    route: '/station-reports',
    method: 'GET',
    access: 'stationreports.view',
    menu: { key: 'stationReports', order: 18.5, regimes: ['R04'] },
  },
  { route: '/station-reports', method: 'POST', action: 'record', access: 'stationreports.record' },
  { route: '/station-reports/[id]', method: 'GET', access: 'stationreports.view' },
  { route: '/station-reports/[id]', method: 'POST', action: 'review', access: 'stationreports.review' },
  { route: '/api/v1/permits', method: 'GET', access: 'permits.view' },
  { route: '/api/v1/permits', method: 'POST', access: 'permits.manage' },
  { route: '/api/v1/station-reports', method: 'GET', access: 'stationreports.view' },
  { route: '/api/v1/station-reports', method: 'POST', access: 'stationreports.record' },
  // Issue 13 §5: cases (案件) from incidents (R11–R13) and complaints; their inspection's case file
  // (rectification, penalty) stays on /cases/[inspectionId].
  { route: '/incidents', method: 'GET', access: 'incidents.view', menu: { key: 'incidents', order: 19 } },
  { route: '/incidents', method: 'POST', action: 'record', access: 'incidents.record' },
  { route: '/incidents/[id]', method: 'GET', access: 'incidents.view' },
  ...['openInspection', 'close'].map((action): RouteRule => ({
    route: '/incidents/[id]',
    method: 'POST',
    action,
    access: 'incidents.manage',
  })),
  // Issue 13 §7: R03 dishonesty grades and the file for the provincial credit platform.
  { route: '/credit', method: 'GET', access: 'credit.view', menu: { key: 'credit', order: 19.5, regimes: ['R03'] } },
  { route: '/credit', method: 'POST', action: 'grade', access: 'credit.manage' },
  { route: '/credit/export', method: 'GET', access: 'credit.view' },
  // Issue 13 §6: R01 window service.
  { route: '/window', method: 'GET', access: 'window.view', menu: { key: 'window', order: 14, regimes: ['R01'] } },
  ...['import', 'complaint', 'followUp'].map((action): RouteRule => ({
    route: '/window',
    method: 'POST',
    action,
    access: 'window.manage',
  })),
  ...['measure', 'thresholds'].map((action): RouteRule => ({
    route: '/window',
    method: 'POST',
    action,
    access: 'window.decide',
  })),
];

/** The rule for a route id, method and action, or undefined (the guard then refuses: deny by default). */
export function findRouteRule(
  routeId: string,
  method: string,
  action?: string,
  table: readonly RouteRule[] = ROUTE_TABLE,
): RouteRule | undefined {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return table.find((r) => r.route === routeId && r.method === m && (m === 'GET' ? true : (r.action ?? undefined) === action));
}

/** Whether a principal (null: no session) passes a rule, for the route's params when it is scoped. */
export function allows(rule: RouteRule, principal: Principal | null | undefined, params: Record<string, string> = {}): boolean {
  if (rule.access === 'public') return true;
  if (!principal) return false;
  if (rule.access === 'signed_in') return true;
  return can(principal, rule.access, rule.scope ? rule.scope(params) : undefined);
}

export interface MenuItem {
  key: MenuKey;
  route: string;
}

/**
 * The header menu of a principal: the menu pages it may open and that can hold something of theirs,
 * in order (a public-order brigade's scheduler is not offered the traffic brigade's R02 permits).
 */
export function menuFor(principal: Principal | null | undefined, table: readonly RouteRule[] = ROUTE_TABLE): MenuItem[] {
  if (!principal) return [];
  return table
    .filter((r) => r.menu && r.method === 'GET' && allows(r, principal) && holdsRegimeOf(principal, r))
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((r) => ({ key: r.menu!.key, route: r.route }));
}

/** Whether a regime-bound menu page can show the principal anything (a station's area holds every regime). */
function holdsRegimeOf(principal: Principal, rule: RouteRule): boolean {
  const regimes = rule.menu?.regimes;
  if (!regimes || rule.access === 'public' || rule.access === 'signed_in') return true;
  const scope = scopeOf(principal, rule.access);
  if (scope.all || scope.stationIds.length > 0) return true;
  return scope.brigadeIds.some((b) => regimesOfBrigade(b).some((r) => regimes.includes(r)));
}

/**
 * Where an account lands after login: each administrator on its own page (三权分立), a scheduler on
 * the plan, an inspector on their tasks, everyone else (leaders) on the dashboard.
 */
export function landingPath(principal: Principal): string {
  const has = (role: string) => principal.roles.some((g) => g.role === role);
  if (has('security_admin')) return '/admin/users';
  if (has('audit_admin')) return '/admin/audit';
  if (has('system_admin')) return SYSTEM_ADMIN_LANDING;
  // Issue 9 §1: a scheduler starts the day on the plan.
  if (has('scheduler')) return '/plan';
  // Issue 10 §1: an inspector starts the day on My tasks.
  if (has('inspector')) return '/tasks';
  return '/dashboard';
}

/** The system administrator's page (the statutory calendar). */
export const SYSTEM_ADMIN_LANDING = '/admin/calendar';
