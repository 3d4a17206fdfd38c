import { describe, expect, it } from 'vitest';
import { ROLES, can, hasRole, isRole, landingPath, rolesOf } from './permissions.js';
import { safeRedirectTarget } from './guard.js';

const user = (...roles: string[]) => ({ roles: roles.map((role) => ({ role, brigadeId: null, stationId: null })) });

describe('permissions', () => {
  it('lets the working roles view the dashboard', () => {
    for (const r of ['leader', 'scheduler', 'inspector', 'complaints_officer']) expect(can(user(r), 'dashboard.view')).toBe(true);
  });

  it('keeps the three administrators (三权分立) and strangers out of the statistics', () => {
    for (const r of ['system_admin', 'security_admin', 'audit_admin', 'unknown'])
      expect(can(user(r), 'dashboard.view')).toBe(false);
    expect(can(user(), 'dashboard.view')).toBe(false);
    expect(can(null, 'dashboard.view')).toBe(false);
    expect(can(undefined, 'dashboard.view')).toBe(false);
  });

  it('any one granting role is enough', () => {
    expect(can(user('audit_admin', 'leader'), 'dashboard.view')).toBe(true);
  });

  it('knows its roles', () => {
    expect(ROLES).toHaveLength(7);
    expect(isRole('leader')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(rolesOf(user('leader', 'leader', 'bogus'))).toEqual(['leader']);
    expect(hasRole(user('inspector'), 'inspector')).toBe(true);
    expect(hasRole(null, 'inspector')).toBe(false);
    expect(landingPath(user('leader'))).toBe('/dashboard');
    expect(landingPath(user('system_admin'))).toBe('/admin/calendar');
  });

  it('lets every signed-in role read the calendar and the rules; only the system administrator manages the calendar', () => {
    for (const r of ROLES) {
      expect(can(user(r), 'calendar.view')).toBe(true);
      expect(can(user(r), 'rules.view')).toBe(true);
      expect(can(user(r), 'penalties.check')).toBe(true);
      expect(can(user(r), 'calendar.manage')).toBe(r === 'system_admin');
    }
    expect(can(null, 'calendar.view')).toBe(false);
  });
});

describe('safeRedirectTarget', () => {
  it('follows same-site paths only', () => {
    expect(safeRedirectTarget('/dashboard?x=1', '/d')).toBe('/dashboard?x=1');
    expect(safeRedirectTarget('//evil.example', '/d')).toBe('/d');
    expect(safeRedirectTarget('/\\evil.example', '/d')).toBe('/d');
    expect(safeRedirectTarget('https://evil.example', '/d')).toBe('/d');
    expect(safeRedirectTarget(null, '/d')).toBe('/d');
  });
});
