import { backupDrill } from './backup.drill.js';
import type { Drill } from './drill.js';
import { fuzzDrill } from './fuzz.drill.js';
import { loadDrill } from './load.drill.js';

export type { Drill, DrillResult } from './drill.js';

/**
 * The drills `pnpm soak` runs, in order: THE list. Add yours here as
 * `{ name, what, run: () => Promise<{ name, tried, ok, figures }> }` (the worker's kill -9 and
 * Redis/PostgreSQL fault drills of apps/worker/src/drills/ return that shape). `pnpm soak --only a,b`
 * runs some of them. The short versions of these drills run in `npm test` (*.int.spec.ts here).
 */
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
];
