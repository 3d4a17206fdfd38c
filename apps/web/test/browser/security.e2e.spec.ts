import { DEMO_PASSWORD, seedDemo } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type WebServer } from './harness.js';

/**
 * Issue 15 against the built web app: security headers on every response, a NUL in the path or the
 * query a 400 with a message, a 10 kB username a 400 that is throttled and audited, and no open
 * redirect after login through a control character in `redirectTo`.
 */
let t: TestDatabase;
let web: WebServer;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  web = await startServer(t.url);
}, 300_000);
afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

function login(username: string, password: string, redirectTo?: string) {
  const q = redirectTo === undefined ? '' : `?redirectTo=${encodeURIComponent(redirectTo)}`;
  return fetch(`${web.base}/login${q}`, {
    method: 'POST',
    redirect: 'manual',
    // As a browser posts a form without scripts (else SvelteKit answers a JSON action result with 200).
    headers: { origin: web.base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
}

describe('security headers', () => {
  it('a page carries a CSP with a nonce and frame-ancestors none, and the other headers', async () => {
    const r = await fetch(`${web.base}/login`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('same-origin');
    expect(r.headers.get('permissions-policy')).toContain('geolocation=()');
    // The page's inline script carries the nonce the policy names.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(await r.text()).toContain(`nonce="${nonce}"`);
  });

  it('an endpoint and an error carry them too', async () => {
    for (const path of ['/healthz', '/no-such-page', '/api/v1/tasks']) {
      const r = await fetch(`${web.base}${path}`);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });
});

describe('bad input is a 4xx with a message', () => {
  it('a NUL in the query or the path', async () => {
    const q = await fetch(`${web.base}/public/draws?q=a%00b`);
    expect(q.status).toBe(400);
    expect(await q.text()).toContain('NUL');
    const p = await fetch(`${web.base}/registry/R09%00`);
    expect(p.status).toBe(400);
    const api = await fetch(`${web.base}/api/v1/tasks?x=%00`);
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { code: 'BAD_REQUEST', field: 'query' } });
  });

  it('a 10 kB username: 400, throttled and audited under its first 64 characters', async () => {
    const long = 'z'.repeat(10_000);
    const r = await login(long, 'wrong-password');
    expect(r.status).toBe(400);
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'outcome'])
      .where('action', '=', 'auth.login')
      .where('actor_username', '=', 'z'.repeat(64))
      .execute();
    expect(audited).toEqual([{ actor_username: 'z'.repeat(64), outcome: 'failure' }]);
    const counter = await t.db
      .selectFrom('login_throttle')
      .select('failures')
      .where('key', '=', `account:${'z'.repeat(64)}`)
      .executeTakeFirst();
    expect(counter?.failures).toBe(1);
  });
});

describe('redirect after login', () => {
  it('a control character in redirectTo cannot lead off the site', async () => {
    const r = await login('leader', DEMO_PASSWORD, '/\t/evil.example');
    expect(r.status).toBe(303);
    const location = r.headers.get('location') ?? '';
    expect(location.startsWith('/')).toBe(true);
    expect(location).not.toMatch(/evil/);
  });
});
