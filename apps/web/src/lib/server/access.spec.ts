import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { actionName, mayUse, requireAccount, requireRoute, safeRedirectTarget } from './access.js';
import { ApiError } from './api-error.js';

const user = (role: string, brigadeId: string | null = null): App.User => ({
  id: 7,
  username: 'u',
  displayName: 'U',
  roles: [{ role, brigadeId, stationId: null }],
  loginNotice: null,
});

function event(
  routeId: string,
  opts: {
    method?: string;
    path?: string;
    user?: App.User | null;
    pending?: App.PendingLogin | null;
    params?: Record<string, string>;
  } = {},
) {
  const url = new URL(`http://x${opts.path ?? routeId}`);
  // Route ids are typed as the app's own; these tests also ask for ones the app does not have.
  return <Parameters<typeof requireAccount>[0]>(<unknown>{
    locals: { user: opts.user ?? null, pending: opts.pending ?? null, sessionIdHash: null },
    url,
    route: { id: routeId },
    request: new Request(url, { method: opts.method ?? 'GET' }),
    params: opts.params ?? {},
  });
}

/** What a call threw: `{ status, location? }` for SvelteKit's errors and redirects and ApiErrors. */
function thrown(fn: () => unknown): { status: number; location?: string; code?: string } | 'returned' {
  try {
    fn();
    return 'returned';
  } catch (e) {
    if (isRedirect(e)) return { status: e.status, location: e.location };
    if (isHttpError(e)) return { status: e.status };
    if (e instanceof ApiError) return { status: e.status, code: e.code };
    throw e;
  }
}

describe('requireRoute (the one guard, over core ROUTE_TABLE)', () => {
  it('returns the user a rule allows', () => {
    expect(requireRoute(event('/admin/users', { user: user('security_admin') })).id).toBe(7);
    expect(requireRoute(event('/inbox', { method: 'POST', path: '/inbox?/read', user: user('leader') })).id).toBe(7);
  });

  it('sends a page request without a session to the login page, with the way back', () => {
    expect(thrown(() => requireRoute(event('/admin/users', { path: '/admin/users?q=1' })))).toEqual({
      status: 303,
      location: '/login?redirectTo=%2Fadmin%2Fusers%3Fq%3D1',
    });
  });

  it('answers 403 without the permission, outside the scope, and for anything missing from the table', () => {
    expect(thrown(() => requireRoute(event('/admin/users', { user: user('leader') })))).toEqual({ status: 403 });
    const scoped = (regime: string) => event('/dashboard/[regime]', { user: user('scheduler', 'B-JJ'), params: { regime } });
    expect(thrown(() => requireRoute(scoped('R09')))).toEqual({ status: 403 });
    expect(requireRoute(scoped('R03')).id).toBe(7);
    // An action the table does not list, a route it does not list, a method it does not list.
    const admin = user('security_admin');
    expect(
      thrown(() => requireRoute(event('/admin/users/[id]', { method: 'POST', path: '/admin/users/1?/drop', user: admin }))),
    ).toEqual({
      status: 403,
    });
    expect(thrown(() => requireRoute(event('/nowhere', { user: admin })))).toEqual({ status: 403 });
    expect(thrown(() => requireRoute(event('/admin/users', { method: 'DELETE', user: admin })))).toEqual({ status: 403 });
  });

  it('answers the JSON API with 401 / 403 ApiErrors, never a redirect', () => {
    expect(thrown(() => requireRoute(event('/api/v1/rules')))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(thrown(() => requireRoute(event('/api/v1/calendar/import', { method: 'POST', user: user('leader') })))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(requireRoute(event('/api/v1/calendar/import', { method: 'POST', user: user('system_admin') })).id).toBe(7);
  });

  it('lets public routes through with the user or null, and only when they say so', () => {
    expect(requireRoute(event('/login'), { public: true })).toBeNull();
    expect(requireRoute(event('/login', { user: user('leader') }), { public: true })?.id).toBe(7);
    expect(() => requireRoute(event('/login'))).toThrow(/public/);
    // The flag does not open a guarded route.
    expect(thrown(() => requireRoute(event('/admin/users'), { public: true }))).toMatchObject({ status: 303 });
  });
});

describe('requireAccount', () => {
  const pending = (step: App.PendingLogin['step']): App.PendingLogin => ({
    userId: 3,
    username: 'p',
    displayName: 'P',
    step,
    roles: [{ role: 'system_admin', brigadeId: null, stationId: null }],
  });

  it('serves the pending step on its own page and sends other steps to theirs', () => {
    expect(requireAccount(event('/account/totp', { pending: pending('enrol') }), 'enrol')).toEqual({
      userId: 3,
      username: 'p',
      pending: true,
    });
    expect(thrown(() => requireAccount(event('/account/totp', { pending: pending('password') }), 'enrol'))).toEqual({
      status: 303,
      location: '/account/password',
    });
  });

  it('falls back to requireRoute for a signed-in user, and to the login page without a session', () => {
    expect(requireAccount(event('/account/password', { user: user('leader') }), 'password').pending).toBe(false);
    expect(thrown(() => requireAccount(event('/account/password'), 'password'))).toMatchObject({ status: 303 });
  });
});

describe('helpers', () => {
  it('names the form action of a POST', () => {
    expect(actionName(new URL('http://x/a?/grant'))).toBe('grant');
    expect(actionName(new URL('http://x/a'))).toBe('default');
  });

  it('tells a page whether to show a link or form of another route', () => {
    expect(mayUse(user('system_admin'), '/admin/calendar', 'POST', 'import')).toBe(true);
    expect(mayUse(user('leader'), '/admin/calendar', 'POST', 'import')).toBe(false);
    expect(mayUse(null, '/admin/calendar')).toBe(false);
    expect(mayUse(user('leader'), '/nowhere')).toBe(false);
  });

  it('follows same-site paths only after login', () => {
    expect(safeRedirectTarget('/dashboard?x=1', '/d')).toBe('/dashboard?x=1');
    expect(safeRedirectTarget('//evil.example', '/d')).toBe('/d');
    expect(safeRedirectTarget('/\\evil.example', '/d')).toBe('/d');
    expect(safeRedirectTarget('https://evil.example', '/d')).toBe('/d');
    expect(safeRedirectTarget(null, '/d')).toBe('/d');
  });
});
