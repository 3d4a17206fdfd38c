import { bureauDate } from '@supervise/core';
import { createCaseFixture, tableRowCounts, type TestDatabase } from '@supervise/db/testing';
import { createAccount, createOpenInspection, sessionCookie } from '../accounts.js';
import { demoDatabase } from '../drill-database.js';
import { startWebApp, type WebApp } from '../web-server.js';

/**
 * What the HTTP fuzzers aim at: the BUILT web app on a database of its own holding the demo district,
 * a signed-in session per role, an open inspection (its inspector may write it) and a closed one with
 * a hazard (its inspector may record a penalty). It counts what the server said it stored, so the
 * tables can be checked against it afterwards.
 */
export interface FuzzSite {
  t: TestDatabase;
  app: WebApp;
  cookies: { leader: string; scheduler: string; inspector: string; caseInspector: string; complaints: string; sysadmin: string };
  openInspectionId: number;
  caseInspectionId: number;
  caseHazardId: number;
  /** Rows the server acknowledged creating, by table. */
  acks: { complaint: number; hazard: number; penalty: number; import_batch: number };
  /** SHA-256 of each registry file whose preview the server acknowledged. */
  importedFiles: Set<string>;
  countsBefore: Record<string, number>;
  close(): Promise<void>;
}

export async function openFuzzSite(): Promise<FuzzSite> {
  const t = await demoDatabase();
  try {
    const db = t.db;
    const open = await createOpenInspection(db, 'F1');
    const fixture = await createCaseFixture(db, { regime: 'R09', inspectedOn: bureauDate(new Date()), tag: 'fz1' });
    const sysadminId = await createAccount(db, 'soak_sysadmin', 'system_admin');
    // An administrator's session past the second factor (its enrolment is tested elsewhere).
    await db
      .updateTable('app_user')
      .set({ totp_enabled_at: new Date(), totp_secret_enc: 'v1:unused' })
      .where('id', '=', sysadminId)
      .execute();
    const cookies = {
      leader: await sessionCookie(db, await createAccount(db, 'soak_leader', 'leader')),
      scheduler: await sessionCookie(db, await createAccount(db, 'soak_scheduler', 'scheduler', 'B-ZA')),
      inspector: open.cookie,
      caseInspector: await sessionCookie(db, fixture.officers[0]!.userId),
      complaints: await sessionCookie(db, await createAccount(db, 'soak_complaints', 'complaints_officer')),
      sysadmin: await sessionCookie(db, sysadminId),
    };
    const countsBefore = await tableRowCounts(db);
    const app = await startWebApp(t.url);
    return {
      t,
      app,
      cookies,
      openInspectionId: open.inspectionId,
      caseInspectionId: fixture.inspectionId,
      caseHazardId: fixture.hazardId,
      acks: { complaint: 0, hazard: 0, penalty: 0, import_batch: 0 },
      importedFiles: new Set(),
      countsBefore,
      async close() {
        await app.stop();
        await t.drop();
      },
    };
  } catch (e) {
    await t.drop();
    throw e;
  }
}

export interface Answer {
  status: number;
  /** A form action's result type (success, failure, redirect, error) when the response is one. */
  type: string | null;
  body: string;
}

/** A 5xx, or a form action that failed on the server: what the fuzzers never accept. */
export class ServerFailure extends Error {}

/**
 * One request. A connection the client reused just as the server closed it as idle (undici's
 * keep-alive race: `fetch failed`, the request never reached the server) is sent again once on a new
 * connection — but only while the server is running: a server that died answering is a failure.
 */
async function fetchOnce(site: FuzzSite, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (!site.app.running()) {
      const log = site.app.log().split('\n').slice(-15).join('\n');
      throw new ServerFailure(`${init.method} ${url} → the server died: ${String(e)}\n--- server log ---\n${log}`);
    }
    return fetch(url, init);
  }
}

export async function send(
  site: FuzzSite,
  method: string,
  path: string,
  init: { cookie?: string; body?: string | FormData; contentType?: string; ip?: string; action?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { origin: site.app.base };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.contentType) headers['content-type'] = init.contentType;
  if (init.ip) headers['x-forwarded-for'] = init.ip;
  if (init.action) {
    headers['x-sveltekit-action'] = 'true';
    headers.accept = 'application/json';
  }
  const res = await fetchOnce(site, site.app.base + path, { method, headers, body: init.body, redirect: 'manual' });
  const body = await res.text();
  let type: string | null = null;
  if (init.action && res.headers.get('content-type')?.includes('application/json')) {
    try {
      type = (JSON.parse(body) as { type?: string }).type ?? null;
    } catch {
      type = null;
    }
  }
  if (res.status >= 500 || type === 'error') {
    const log = site.app.log().split('\n').slice(-15).join('\n');
    throw new ServerFailure(`${method} ${path} → ${res.status} ${type ?? ''}: ${body.slice(0, 300)}\n--- server log ---\n${log}`);
  }
  return { status: res.status, type, body };
}

/** A text field, or a file part of the given name holding the bytes. */
export function appendField(form: FormData, name: string, value: string | Uint8Array, fileName: string): void {
  if (typeof value === 'string') form.append(name, value);
  else form.append(name, new Blob([value as Uint8Array<ArrayBuffer>]), fileName);
}
