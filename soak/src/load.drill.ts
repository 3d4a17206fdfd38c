import { createAccount, createOpenInspection, sessionCookie, type OpenInspection } from './accounts.js';
import { demoDatabase } from './drill-database.js';
import type { DrillResult } from './drill.js';
import { startWebApp } from './web-server.js';

/**
 * Issue 15 §4, load: leaders reading the dashboard (the page and its JSON API, a think time between
 * requests) while inspectors add hazards to their inspection records, on loopback against the BUILT
 * web app. It checks no 5xx, that every write the server acknowledged is stored exactly once (no lost,
 * no doubled write: each hazard carries a unique description), and reports the server's RSS at start
 * and at end. It never judges a time.
 */
export interface LoadOptions {
  dashboards: number;
  inspectors: number;
  seconds: number;
  /** Pause of a dashboard session between two requests. */
  dashboardThinkMs: number;
  /** Pause of an inspector between two saves. */
  inspectorThinkMs: number;
}

export interface LoadReport {
  requests: number;
  dashboardOk: number;
  writesAcknowledged: number;
  /** Answered 4xx (a refusal: a bug here, since every write is valid). */
  refused: number;
  serverErrors: number;
  /** No answer (a network error): the write may or may not be stored. */
  noAnswer: number;
  stored: number;
  lost: number;
  doubled: number;
  unexpected: number;
  rssStartMiB: number;
  /** After a fifth of the run: the server warmed up (its heap grown to its working size). */
  rssWarmMiB: number;
  rssEndMiB: number;
  /** Ten seconds after the load stopped: what the server keeps once its queue has drained. */
  rssSettledMiB: number;
  firstErrors: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const t = await demoDatabase();
  let app: Awaited<ReturnType<typeof startWebApp>> | undefined;
  try {
    const leaders: string[] = [];
    for (let i = 0; i < o.dashboards; i++) {
      leaders.push(await sessionCookie(t.db, await createAccount(t.db, `soak_leader_${i}`, 'leader')));
    }
    const inspectors: OpenInspection[] = [];
    for (let i = 0; i < o.inspectors; i++) inspectors.push(await createOpenInspection(t.db, `L${i}`));
    app = await startWebApp(t.url);
    const base = app.base;

    const r: LoadReport = {
      requests: 0,
      dashboardOk: 0,
      writesAcknowledged: 0,
      refused: 0,
      serverErrors: 0,
      noAnswer: 0,
      stored: 0,
      lost: 0,
      doubled: 0,
      unexpected: 0,
      rssStartMiB: app.rssMiB(),
      rssWarmMiB: 0,
      rssEndMiB: 0,
      rssSettledMiB: 0,
      firstErrors: [],
    };
    const note = (line: string) => {
      if (r.firstErrors.length < 5) r.firstErrors.push(line);
    };
    const acknowledged = new Set<string>();
    const until = Date.now() + o.seconds * 1000;

    const dashboard = async (cookie: string, i: number) => {
      for (let n = 0; Date.now() < until; n++) {
        const path = (n + i) % 2 === 0 ? '/dashboard' : '/api/v1/dashboard';
        r.requests++;
        try {
          const res = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
          await res.arrayBuffer();
          if (res.status >= 500) {
            r.serverErrors++;
            note(`GET ${path}: ${res.status}`);
          } else if (res.status === 200) r.dashboardOk++;
          else {
            r.refused++;
            note(`GET ${path}: ${res.status}`);
          }
        } catch (e) {
          r.noAnswer++;
          note(`GET ${path}: ${String(e)}`);
        }
        await sleep(o.dashboardThinkMs);
      }
    };

    const inspector = async (x: OpenInspection, i: number) => {
      for (let n = 0; Date.now() < until; n++) {
        const description = `压测隐患 load-${i}-${n}`;
        const form = new FormData();
        form.set('severity', 'general');
        form.set('description', description);
        r.requests++;
        try {
          const res = await fetch(`${base}/api/v1/inspections/${x.inspectionId}/hazards`, {
            method: 'POST',
            headers: { cookie: x.cookie, origin: base },
            body: form,
          });
          const text = await res.text();
          if (res.status === 201) {
            r.writesAcknowledged++;
            acknowledged.add(description);
          } else if (res.status >= 500) {
            r.serverErrors++;
            note(`POST hazards: ${res.status} ${text.slice(0, 200)}`);
          } else {
            r.refused++;
            note(`POST hazards: ${res.status} ${text.slice(0, 200)}`);
          }
        } catch (e) {
          r.noAnswer++;
          note(`POST hazards: ${String(e)}`);
        }
        await sleep(o.inspectorThinkMs);
      }
    };

    const server = app;
    const warm = setTimeout(() => (r.rssWarmMiB = server.rssMiB()), o.seconds * 200);
    await Promise.all([...leaders.map((c, i) => dashboard(c, i)), ...inspectors.map((x, i) => inspector(x, i))]);
    clearTimeout(warm);
    r.rssEndMiB = app.rssMiB();
    await sleep(10_000);
    r.rssSettledMiB = app.rssMiB();

    const rows = await t.db
      .selectFrom('hazard')
      .select('description')
      .where(
        'inspection_id',
        'in',
        inspectors.map((x) => x.inspectionId),
      )
      .execute();
    const seen = new Map<string, number>();
    for (const { description } of rows) seen.set(description, (seen.get(description) ?? 0) + 1);
    r.stored = rows.length;
    r.lost = [...acknowledged].filter((d) => !seen.has(d)).length;
    r.doubled = [...seen.values()].filter((n) => n > 1).length;
    r.unexpected = [...seen.keys()].filter((d) => !acknowledged.has(d)).length;
    return r;
  } finally {
    await app?.stop();
    await t.drop();
  }
}

/**
 * The drill's row: ok when nothing failed on the server, every acknowledged write is there once, and
 * memory stayed flat: the RSS ten seconds after the load (its queue drained) within 30 % of the RSS once
 * warmed up (a fifth into the run). The RSS at the end, under load, is reported: on a loaded machine it
 * holds the requests still queued.
 */
export async function loadDrill(o: LoadOptions): Promise<DrillResult> {
  const r = await runLoad(o);
  const memoryFlat = r.rssSettledMiB <= r.rssWarmMiB * 1.3;
  const ok =
    r.serverErrors === 0 &&
    r.lost === 0 &&
    r.doubled === 0 &&
    r.unexpected <= r.noAnswer &&
    r.refused === 0 &&
    r.writesAcknowledged > 0 &&
    memoryFlat;
  return {
    name: 'load',
    tried: `${o.dashboards} dashboard sessions + ${o.inspectors} inspectors saving hazards for ${o.seconds} s`,
    ok,
    figures: {
      requests: r.requests,
      '5xx': r.serverErrors,
      refused: r.refused,
      'no answer': r.noAnswer,
      'writes acked': r.writesAcknowledged,
      stored: r.stored,
      lost: r.lost,
      doubled: r.doubled,
      'RSS start MiB': r.rssStartMiB,
      'RSS warm MiB': r.rssWarmMiB,
      'RSS end MiB': r.rssEndMiB,
      'RSS settled MiB': r.rssSettledMiB,
      memory: memoryFlat ? 'flat' : 'grew',
      ...(r.firstErrors.length ? { 'first error': r.firstErrors[0]! } : {}),
    },
  };
}
