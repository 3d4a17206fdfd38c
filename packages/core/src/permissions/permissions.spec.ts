import { describe, expect, it } from 'vitest';
import { ADMIN_ROLES, ROLES, checkGrant, hasRole, holdsAdminRole, isRole, rolesOf, type Principal } from './roles.js';
import { GRANTS, PERMISSIONS, can, scopeOf, visibleRegimes } from './permissions.js';
import { ROUTE_TABLE, allows, findRouteRule, landingPath, menuFor } from './routes.js';
import { REGIME_BRIGADE, regimesOfBrigade } from './scope.js';

const p = (...roles: { role: string; brigadeId?: string | null; stationId?: string | null }[]): Principal => ({ roles });

describe('can', () => {
  it('grants each permission to exactly its roles', () => {
    for (const permission of PERMISSIONS) {
      for (const role of ROLES) {
        expect(can(p({ role }), permission), `${role} ${permission}`).toBe(GRANTS[permission].includes(role));
      }
    }
  });

  it('refuses nobody, unknown roles and unknown permissions', () => {
    expect(can(null, 'dashboard.view')).toBe(false);
    expect(can(p({ role: 'superuser' }), 'dashboard.view')).toBe(false);
    expect(can(undefined, 'dashboard.view')).toBe(false);
    expect(can(p(), 'dashboard.view')).toBe(false);
  });

  // Moved from the web app's old local permissions spec.
  it('is enough with any one granting role', () => {
    expect(can(p({ role: 'audit_admin' }, { role: 'leader' }), 'dashboard.view')).toBe(true);
  });

  it('lets every role read the calendar, the rules and check a penalty; only the system administrator manages the calendar', () => {
    for (const role of ROLES) {
      expect(can(p({ role }), 'calendar.view')).toBe(true);
      expect(can(p({ role }), 'rules.view')).toBe(true);
      expect(can(p({ role }), 'penalties.check')).toBe(true);
      expect(can(p({ role }), 'calendar.manage')).toBe(role === 'system_admin');
    }
  });

  it('keeps the three administrators apart: each holds only its own area', () => {
    expect(can(p({ role: 'audit_admin' }), 'audit.view')).toBe(true);
    expect(can(p({ role: 'audit_admin' }), 'users.manage')).toBe(false);
    expect(can(p({ role: 'audit_admin' }), 'calendar.manage')).toBe(false);
    expect(can(p({ role: 'security_admin' }), 'audit.view')).toBe(false);
    expect(can(p({ role: 'system_admin' }), 'users.view')).toBe(false);
    expect(can(p({ role: 'system_admin' }), 'dashboard.view')).toBe(false);
  });

  it('scopes a traffic-brigade scheduler to R02–R04', () => {
    const jj = p({ role: 'scheduler', brigadeId: 'B-JJ' });
    expect(visibleRegimes(jj, 'registry.view')).toEqual(['R02', 'R03', 'R04']);
    expect(can(jj, 'registry.view', { regime: 'R03' })).toBe(true);
    expect(can(jj, 'registry.view', { regime: 'R05' })).toBe(false);
    expect(can(jj, 'registry.view', { brigadeId: 'B-ZA' })).toBe(false);
    // Regime and brigade must both match.
    expect(can(jj, 'registry.view', { regime: 'R03', brigadeId: 'B-ZA' })).toBe(false);
    expect(can(jj, 'registry.view')).toBe(true);
    expect(scopeOf(jj, 'registry.view')).toEqual({ all: false, brigadeIds: ['B-JJ'], stationIds: [] });
  });

  it('lets an unscoped grant see everything, and a second grant widen the scope', () => {
    expect(can(p({ role: 'leader' }), 'registry.view', { regime: 'R03' })).toBe(true);
    expect(scopeOf(p({ role: 'leader' }), 'registry.view')).toEqual({ all: true });
    const two = p({ role: 'inspector', brigadeId: 'B-ZA' }, { role: 'inspector', brigadeId: 'B-WA' });
    expect(visibleRegimes(two, 'registry.view')).toEqual(['R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13', 'R14']);
  });

  it('does not let a scope leak from one role to another permission', () => {
    // An unscoped leader grant does not lend its reach to the scheduler's registry.manage.
    const both = p({ role: 'leader' }, { role: 'scheduler', brigadeId: 'B-JJ' });
    expect(can(both, 'registry.manage', { regime: 'R09' })).toBe(false);
    expect(can(both, 'registry.view', { regime: 'R09' })).toBe(true);
  });

  it('scopes a police-station grant to its own area', () => {
    const st = p({ role: 'inspector', stationId: 'PS-01' });
    expect(can(st, 'registry.view', { stationId: 'PS-01', regime: 'R09' })).toBe(true);
    expect(can(st, 'registry.view', { stationId: 'PS-02' })).toBe(false);
    expect(can(st, 'registry.view', { regime: 'R09' })).toBe(false);
  });

  it('maps the 14 regimes onto the four brigades', () => {
    expect(Object.keys(REGIME_BRIGADE)).toHaveLength(14);
    expect(regimesOfBrigade('B-CRJ')).toEqual(['R01']);
    expect(regimesOfBrigade('B-WA')).toEqual(['R11', 'R12', 'R13', 'R14']);
  });
});

describe('roles', () => {
  // Moved from the web app's old local permissions spec.
  it('knows its roles', () => {
    expect(ROLES).toHaveLength(7);
    expect(isRole('leader')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(rolesOf(p({ role: 'leader' }, { role: 'leader' }, { role: 'bogus' }))).toEqual(['leader']);
    expect(hasRole(p({ role: 'inspector' }), 'inspector')).toBe(true);
    expect(hasRole(null, 'inspector')).toBe(false);
  });
});

describe('checkGrant (三权分立)', () => {
  it('refuses a second administrative role', () => {
    expect(checkGrant([{ role: 'security_admin' }], { role: 'audit_admin' })).toBe('separation_of_duties');
    expect(checkGrant([{ role: 'system_admin' }], { role: 'security_admin' })).toBe('separation_of_duties');
    expect(checkGrant([{ role: 'audit_admin' }], { role: 'audit_admin', brigadeId: null })).toBe('duplicate');
  });
  it('refuses a business role and an administrative role on one account', () => {
    expect(checkGrant([{ role: 'audit_admin' }], { role: 'leader' })).toBe('business_and_admin');
    expect(checkGrant([{ role: 'inspector', brigadeId: 'B-ZA' }], { role: 'security_admin' })).toBe('business_and_admin');
    expect(checkGrant([{ role: 'inspector', brigadeId: 'B-ZA' }], { role: 'scheduler', brigadeId: 'B-ZA' })).toBeNull();
  });
  it('refuses unknown roles, duplicates and scopes on roles that have none', () => {
    expect(checkGrant([], { role: 'root' })).toBe('unknown_role');
    expect(checkGrant([{ role: 'scheduler', brigadeId: 'B-JJ' }], { role: 'scheduler', brigadeId: 'B-JJ' })).toBe('duplicate');
    expect(checkGrant([{ role: 'scheduler', brigadeId: 'B-JJ' }], { role: 'scheduler', brigadeId: 'B-ZA' })).toBeNull();
    expect(checkGrant([], { role: 'leader', brigadeId: 'B-JJ' })).toBe('scope_not_allowed');
    expect(checkGrant([], { role: 'inspector', brigadeId: 'B-JJ', stationId: 'PS-01' })).toBe('both_scopes');
  });
  it('knows which accounts need a second factor', () => {
    for (const role of ADMIN_ROLES) expect(holdsAdminRole(p({ role }))).toBe(true);
    expect(holdsAdminRole(p({ role: 'leader' }))).toBe(false);
  });
});

describe('route table', () => {
  it('has one rule per route, method and action', () => {
    const keys = ROUTE_TABLE.map((r) => `${r.method} ${r.route} ${r.action ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of ROUTE_TABLE) if (r.method === 'GET') expect(r.action, r.route).toBeUndefined();
  });

  it('finds rules and denies by default', () => {
    expect(findRouteRule('/dashboard', 'GET')?.access).toBe('dashboard.view');
    expect(findRouteRule('/dashboard', 'HEAD')?.access).toBe('dashboard.view');
    expect(findRouteRule('/admin/users/[id]', 'POST', 'grant')?.access).toBe('users.manage');
    expect(findRouteRule('/admin/users/[id]', 'POST', 'dropTables')).toBeUndefined();
    expect(findRouteRule('/nowhere', 'GET')).toBeUndefined();
  });

  it('checks the scope of a scoped route from its params', () => {
    const rule = findRouteRule('/dashboard/[regime]', 'GET')!;
    const za = p({ role: 'scheduler', brigadeId: 'B-ZA' });
    expect(allows(rule, za, { regime: 'R09' })).toBe(true);
    expect(allows(rule, za, { regime: 'R03' })).toBe(false);
    expect(allows(rule, null, { regime: 'R09' })).toBe(false);
  });

  it('derives each role’s menu from the table', () => {
    expect(menuFor(p({ role: 'leader' })).map((i) => i.key)).toEqual([
      'dashboard',
      'window',
      'plan',
      'events',
      'complaints',
      'permits',
      'stationReports',
      'incidents',
      'credit',
      'calendar',
      'registry',
      'officers',
      'draws',
      'inbox',
      'account',
    ]);
    expect(menuFor(p({ role: 'system_admin' })).map((i) => i.key)).toEqual([
      'calendar',
      'settings',
      'queues',
      'inbox',
      'account',
    ]);
    expect(menuFor(p({ role: 'security_admin' })).map((i) => i.key)).toEqual(['calendar', 'users', 'inbox', 'account']);
    expect(menuFor(p({ role: 'audit_admin' })).map((i) => i.key)).toEqual(['calendar', 'audit', 'inbox', 'account']);
    expect(menuFor(p({ role: 'inspector', brigadeId: 'B-ZA' })).map((i) => i.key)).toEqual([
      'tasks',
      'dashboard',
      'events',
      'complaints',
      'incidents',
      'calendar',
      'registry',
      'officers',
      'inbox',
      'account',
    ]);
    expect(menuFor(null)).toEqual([]);
  });

  it('leaves out of a brigade’s menu the pages of regimes it does not supervise', () => {
    const keys = (grant: Parameters<typeof p>[0]) => menuFor(p(grant)).map((i) => i.key);
    const regimePages = ['window', 'events', 'permits', 'stationReports', 'credit'] as const;
    const shown = (grant: Parameters<typeof p>[0]) => regimePages.filter((k) => keys(grant).includes(k));
    // 交警大队 supervises R02–R04; 治安大队 R05–R10; 出入境 R01; 网安 R11–R14 (shared/domain.md).
    expect(shown({ role: 'scheduler', brigadeId: 'B-JJ' })).toEqual(['permits', 'stationReports', 'credit']);
    expect(shown({ role: 'scheduler', brigadeId: 'B-ZA' })).toEqual(['events']);
    expect(shown({ role: 'scheduler', brigadeId: 'B-CRJ' })).toEqual(['window']);
    expect(shown({ role: 'scheduler', brigadeId: 'B-WA' })).toEqual([]);
    expect(shown({ role: 'scheduler' })).toEqual(['window', 'events', 'permits', 'stationReports', 'credit']);
    // A police station's area holds units of every regime.
    expect(shown({ role: 'inspector', stationId: 'PS-01' })).toEqual(['events', 'permits', 'stationReports']);
    // Pages not bound to regimes stay for everyone who may open them.
    expect(keys({ role: 'scheduler', brigadeId: 'B-WA' })).toEqual(
      expect.arrayContaining(['complaints', 'incidents', 'plan', 'draws']),
    );
  });

  it('lands each administrator on its own page, a scheduler on the plan, an inspector on their tasks', () => {
    expect(landingPath(p({ role: 'security_admin' }))).toBe('/admin/users');
    expect(landingPath(p({ role: 'audit_admin' }))).toBe('/admin/audit');
    expect(landingPath(p({ role: 'system_admin' }))).toBe('/admin/calendar');
    expect(landingPath(p({ role: 'inspector', brigadeId: 'B-ZA' }))).toBe('/tasks');
    // Scheduler first: an account that is both lands on the plan.
    expect(landingPath(p({ role: 'scheduler', brigadeId: 'B-ZA' }, { role: 'inspector', brigadeId: 'B-ZA' }))).toBe('/plan');
    expect(landingPath(p({ role: 'scheduler', brigadeId: 'B-ZA' }))).toBe('/plan');
    expect(landingPath(p({ role: 'leader' }))).toBe('/dashboard');
  });
});
