import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTE_TABLE, allows, type Grant, type RouteRule } from '@supervise/core';
import { createAccount } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type WebServer } from '../browser/harness.js';

/**
 * THE permission matrix: every route, method and form action of the route table × every role, over
 * HTTP against the BUILT server (`node build`), each asserting allowed or 403 (401 for the JSON API).
 * Also fails when a route, endpoint method or form action under src/routes is missing from the table.
 * Build first: `pnpm exec turbo run build --filter=@supervise/web...`.
 */
const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ROUTES_DIR = join(WEB_DIR, 'src/routes');

const PRINCIPALS: Record<string, Grant[]> = {
  leader: [{ role: 'leader' }],
  'scheduler@B-ZA': [{ role: 'scheduler', brigadeId: 'B-ZA' }],
  'scheduler@B-JJ': [{ role: 'scheduler', brigadeId: 'B-JJ' }],
  'inspector@B-ZA': [{ role: 'inspector', brigadeId: 'B-ZA' }],
  complaints_officer: [{ role: 'complaints_officer' }],
  system_admin: [{ role: 'system_admin' }],
  security_admin: [{ role: 'security_admin' }],
  audit_admin: [{ role: 'audit_admin' }],
};

let t: TestDatabase;
let server: WebServer | undefined;
let base: string;
const userIds = new Map<string, number>();
let targetId = 0;

/** Every route id under src/routes with its GET/POST handlers and form actions, read from the files. */
function discoverRoutes(): { route: string; method: 'GET' | 'POST'; action?: string }[] {
  const out: { route: string; method: 'GET' | 'POST'; action?: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      const route = '/' + relative(ROUTES_DIR, dir).split('\\').join('/');
      const id = route === '/' ? '/' : route.replace(/\/$/, '');
      if (e.name === '+page.svelte') out.push({ route: id, method: 'GET' });
      if (e.name === '+page.server.ts') {
        const src = readFileSync(p, 'utf8');
        const block = src.split(/export const actions[^=]*=\s*{/)[1];
        if (block) for (const m of block.matchAll(/^ {2}(\w+)\s*[:(]/gm)) out.push({ route: id, method: 'POST', action: m[1]! });
      }
      if (e.name === '+server.ts') {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          out.push({ route: id, method: m[1] as 'GET' | 'POST' });
        }
      }
    }
  };
  walk(ROUTES_DIR);
  return out;
}

/** A fresh live session for this principal (one live session per account: the old one ends). */
async function sessionFor(name: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const userId = userIds.get(name)!;
  const now = new Date();
  await t.db
    .updateTable('user_session')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
  await t.db
    .insertInto('user_session')
    .values({
      id_hash: createHash('sha256').update(token).digest('hex'),
      user_id: userId,
      expires_at: new Date(now.getTime() + 3_600_000),
    })
    .execute();
  return `sid=${token}`;
}

function pathOf(rule: { route: string }, params: Record<string, string>): string {
  return rule.route.replace(/\[(\w+)\]/g, (_, k: string) => params[k]!);
}

async function request(rule: RouteRule, path: string, cookie: string | null): Promise<Response> {
  const headers: Record<string, string> = { origin: base };
  if (cookie) headers.cookie = cookie;
  if (rule.method === 'GET') return fetch(base + path, { headers, redirect: 'manual' });
  if (rule.action) {
    // A form action with an empty form: allowed means it got past the permission check (200/303/400).
    return fetch(rule.action === 'default' ? base + path : `${base}${path}?/${rule.action}`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'x-sveltekit-action': 'true',
      },
      body: '',
      redirect: 'manual',
    });
  }
  return fetch(base + path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: '{}',
    redirect: 'manual',
  });
}

/** 403 (pages, actions) or 401/403 (the JSON API, which answers 401 only without a session). */
async function refused(r: Response): Promise<boolean> {
  if (r.status === 403 || r.status === 401) return true;
  // A form action's denial arrives as {type:'error', status:403} with HTTP 403 too; be explicit.
  if (r.headers.get('content-type')?.includes('application/json') && r.status === 200) {
    const body = (await r.clone().json()) as { type?: string; status?: number };
    return body.type === 'error' && body.status === 403;
  }
  return false;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db
    .insertInto('brigade')
    .values(['B-CRJ', 'B-JJ', 'B-ZA', 'B-WA'].map((id) => ({ id, name_zh: id, name_en: id })))
    .execute();
  const now = new Date();
  for (const [name, roles] of Object.entries(PRINCIPALS)) {
    const id = await createAccount(t.db, {
      username: name.replace(/[@-]/g, '_').toLowerCase(),
      displayName: name,
      passwordHash: '$argon2id$unused',
      mustChangePassword: false,
      roles: roles.map((g) => ({ role: g.role, brigadeId: g.brigadeId ?? null, stationId: null })),
      now,
    });
    // Administrators must have a second factor to get past the enrolment step: mark it enrolled.
    await t.db.updateTable('app_user').set({ totp_enabled_at: now, totp_secret_enc: 'v1:unused' }).where('id', '=', id).execute();
    userIds.set(name, id);
  }
  targetId = await createAccount(t.db, {
    username: 'target',
    displayName: 'T',
    passwordHash: 'x',
    mustChangePassword: false,
    roles: [{ role: 'leader', brigadeId: null, stationId: null }],
    now,
  });

  server = await startServer(t.url);
  base = server.base;
});

afterAll(async () => {
  await server?.stop();
  await t?.drop();
});

describe('the route table is complete', () => {
  it('lists every route, endpoint method and form action under src/routes', () => {
    const key = (r: { route: string; method: string; action?: string }) =>
      `${r.method} ${r.route}${r.action ? ` ?/${r.action}` : ''}`;
    const table = new Set(ROUTE_TABLE.map(key));
    const missing = discoverRoutes()
      .map(key)
      .filter((k) => !table.has(k));
    expect(missing, 'add these to ROUTE_TABLE in packages/core/src/permissions/routes.ts').toEqual([]);
  });
});

const defaultParams = () => ({ id: String(targetId), regime: 'R09' });
const guarded = ROUTE_TABLE.filter((r) => r.access !== 'public' && r.route !== '/login/totp');

describe.each(Object.keys(PRINCIPALS))('as %s', (name) => {
  it.each(guarded.map((r) => [`${r.method} ${r.route}${r.action ? ' ?/' + r.action : ''}`, r] as const))(
    '%s',
    async (_label, rule) => {
      const params = defaultParams();
      const principal = { roles: PRINCIPALS[name]! };
      const expected = allows(rule, principal, params);
      const r = await request(rule, pathOf(rule, params), await sessionFor(name));
      const location = r.headers.get('location') ?? '';
      if (expected) {
        expect(await refused(r), `${r.status} ${location}`).toBe(false);
        expect(location.startsWith('/login'), location).toBe(false);
      } else {
        expect(await refused(r), `${r.status} ${location}`).toBe(true);
      }
    },
  );
});

describe('scoped routes', () => {
  const rule = ROUTE_TABLE.find((r) => r.route === '/dashboard/[regime]')!;
  it.each([
    ['scheduler@B-ZA', 'R03', 403],
    ['scheduler@B-ZA', 'R09', 200],
    ['scheduler@B-JJ', 'R03', 200],
    ['scheduler@B-JJ', 'R09', 403],
    ['inspector@B-ZA', 'R02', 403],
    ['leader', 'R03', 200],
  ] as const)('%s asking for %s → %i', async (name, regime, status) => {
    const r = await request(rule, `/dashboard/${regime}`, await sessionFor(name));
    expect(r.status).toBe(status);
  });

  it('sends a visitor without a session to the login page, and the API answers 401', async () => {
    const page = await fetch(`${base}/admin/users`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    const api = await fetch(`${base}/api/v1/rules`, { redirect: 'manual' });
    expect(api.status).toBe(401);
  });
});
