import {
  runDrawKillDrill,
  runKillDrill,
  runPgTerminateDrill,
  runRedisWipeDrill,
  runSigtermDrill,
} from '@supervise/worker/drills';
import { backupDrill } from './backup.drill.js';
import type { Drill, DrillResult } from './drill.js';
import { fuzzDrill } from './fuzz.drill.js';
import { loadDrill } from './load.drill.js';

export type { Drill, DrillResult } from './drill.js';

/**
 * The drills `pnpm soak` runs, in order: THE list. Add yours here as
 * `{ name, what, run: () => Promise<{ name, tried, ok, figures }> }` (the worker's kill -9 and
 * Redis/PostgreSQL fault drills of apps/worker/src/drills/ return that shape). `pnpm soak --only a,b`
 * runs some of them. The short versions of these drills run in `npm test` (*.int.spec.ts here).
 */
/** The worker's drills report typed figures (booleans among them): the table shows them as text. */
async function tabled(run: Promise<{ name: string; tried: string; ok: boolean; figures: object }>): Promise<DrillResult> {
  const r = await run;
  const figures: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(r.figures)) figures[k] = typeof v === 'number' ? v : String(v);
  return { name: r.name, tried: r.tried, ok: r.ok, figures };
}

const seed = () => Number(process.env.SOAK_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

export const drills: Drill[] = [
  {
    name: 'backup',
    what: 'the demo district backed up (pg_dump), restored into a fresh database: migrations, every table and a query the same',
    run: backupDrill,
  },
  {
    name: 'fuzz',
    what: 'fast-check over /api/v1, the login, registry import, inspection record, /report and penalty forms and the import parser: no 5xx, nothing malformed stored',
    run: () => fuzzDrill({ runs: Number(process.env.SOAK_FUZZ_RUNS ?? 200), seed: seed() }),
  },
  {
    name: 'load',
    what: '200 dashboard sessions and 20 inspectors saving records for two minutes on loopback: no 5xx, no lost or doubled write, memory flat',
    run: () =>
      loadDrill({
        dashboards: 200,
        inspectors: 20,
        seconds: Number(process.env.SOAK_LOAD_SECONDS ?? 120),
        dashboardThinkMs: 1000,
        inspectorThinkMs: 250,
      }),
  },
  {
    name: 'worker-kill',
    what: "kill -9 of the worker 20 times at random points of a month's generation: 0 missing, 0 duplicate obligations, no half roster",
    run: () => tabled(runKillDrill({ kills: 20 })),
  },
  {
    name: 'draw-kill',
    what: 'kill -9 of a process executing a draw 20 times: the draw identical to an uninterrupted one, executed once',
    run: () => tabled(runDrawKillDrill({ kills: 20 })),
  },
  {
    name: 'redis-wipe',
    what: "the queue prefix's Redis keys deleted and its connections killed mid-generation: the running worker reconnects, re-declares its schedulers, the reconcile rebuilds; 0 missing, 0 duplicates",
    run: () => tabled(runRedisWipeDrill()),
  },
  {
    name: 'pg-terminate',
    what: "the worker's PostgreSQL backends terminated mid-batch: no partial batch, each job retried and done once",
    run: () => tabled(runPgTerminateDrill()),
  },
  {
    name: 'sigterm',
    what: 'SIGTERM with the alert scan in hand: the worker exits within 10 s, the job back in the queue, resumed from its checkpoint',
    run: () => tabled(runSigtermDrill()),
  },
];
