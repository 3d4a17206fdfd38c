import fc from 'fast-check';
import type { DrillResult } from './drill.js';
import { apiProperty } from './fuzz/api.fuzz.js';
import { formCases, formProperty, type FormName } from './fuzz/forms.fuzz.js';
import { openFuzzSite } from './fuzz/fuzz-site.js';
import { importParserProperty } from './fuzz/import-parser.fuzz.js';
import { storedProblems } from './fuzz/stored-check.js';

/**
 * Issue 15 §5, fuzzing with fast-check: the /api/v1 endpoints, the main forms' actions and the
 * import parser, a bounded number of runs each from a seed (printed on failure, as fast-check does:
 * run again with SOAK_FUZZ_SEED=<seed>), then the tables checked. The normal suite runs it short with
 * a fixed seed; `pnpm soak` long with a fresh seed it reports.
 */
export interface FuzzOptions {
  /** Runs per HTTP target (the API counts as one target) and, ×10, for the in-process parser. */
  runs: number;
  seed: number;
}

export interface FuzzReport {
  seed: number;
  runs: Record<string, number>;
  /** fast-check's report of each failing target (with its seed and path). */
  failures: string[];
  storedProblems: string[];
  /** Rows the server acknowledged creating, by table (how far the fuzzed inputs got). */
  acks: Record<string, number>;
}

async function check(
  name: string,
  property: fc.IAsyncProperty<[unknown]>,
  o: { numRuns: number; seed: number },
): Promise<string | null> {
  const details = await fc.check(property, { numRuns: o.numRuns, seed: o.seed, endOnFailure: false });
  if (!details.failed) return null;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return `${name}: ${fc.defaultReportMessage(details) ?? 'failed'}\n${error}`;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const runs: Record<string, number> = {};
  const failures: string[] = [];
  const note = (f: string | null) => {
    if (f) failures.push(f);
  };
  runs['import parser'] = o.runs * 10;
  note(
    await check('import parser', importParserProperty() as fc.IAsyncProperty<[unknown]>, { numRuns: o.runs * 10, seed: o.seed }),
  );
  const site = await openFuzzSite();
  try {
    runs['/api/v1'] = o.runs * 3;
    note(await check('/api/v1', apiProperty(site) as fc.IAsyncProperty<[unknown]>, { numRuns: o.runs * 3, seed: o.seed }));
    for (const name of Object.keys(formCases) as FormName[]) {
      runs[name] = o.runs;
      note(await check(name, formProperty(site, name) as fc.IAsyncProperty<[unknown]>, { numRuns: o.runs, seed: o.seed }));
    }
    return { seed: o.seed, runs, failures, storedProblems: await storedProblems(site), acks: { ...site.acks } };
  } finally {
    await site.close();
  }
}

export async function fuzzDrill(o: FuzzOptions): Promise<DrillResult> {
  const r = await runFuzz(o);
  // The table keeps a line; the whole report (counterexample, server log) goes to stderr.
  for (const f of r.failures) process.stderr.write(`soak: fuzz: ${f}\n`);
  for (const p of r.storedProblems) process.stderr.write(`soak: fuzz: stored: ${p}\n`);
  const total = Object.values(r.runs).reduce((a, b) => a + b, 0);
  return {
    name: 'fuzz',
    tried: `fast-check, seed ${r.seed}: ${Object.entries(r.runs)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}`,
    ok: r.failures.length === 0 && r.storedProblems.length === 0,
    figures: {
      runs: total,
      seed: r.seed,
      'stored problems': r.storedProblems.length,
      ...Object.fromEntries(Object.entries(r.acks).map(([k, n]) => [`${k} stored`, n])),
      'failing targets': r.failures.length,
      ...(r.failures.length ? { 'first failure': r.failures[0]!.split('\n').slice(0, 3).join(' ') } : {}),
      ...(r.storedProblems.length ? { 'first stored problem': r.storedProblems[0]! } : {}),
    },
  };
}
