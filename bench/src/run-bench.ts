import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@supervise/db/testing';
import { createTestQueueBackend } from '@supervise/queue/testing';
import { REDIS_WIPE_DRILL_ENTITIES } from '@supervise/worker/drills';
import { demoSeedFigure } from './demo-seed.figure.js';
import { markdownTable, type Figure } from './measure.js';
import { queuePingFigures } from './queue-ping.figure.js';
import { dashboardLoadFigures } from './dashboard-load.figure.js';
import { drawFigures } from './draw.figure.js';
import { keyWipeFigure } from './key-wipe.figure.js';
import { benchProvince, type ProvinceScale } from './province.js';
import { queueThroughputFigures } from './queue-throughput.figure.js';
import { reconcileYearFigures } from './reconcile-year.figure.js';

export interface BenchReport {
  at: string;
  smoke: boolean;
  /** The province the province figures ran on. */
  province: ProvinceScale;
  /** Figure groups that failed (named, with the error); their figures are missing. */
  failures: string[];
  machine: { cpus: number; model: string; memoryGiB: number; node: string; loadAverage: number[] };
  figures: Figure[];
}

/** The full run's province (issue 14: 200,000 entities, 1,000 officers, five years); `--entities` etc. scale it. */
export const FULL_PROVINCE: ProvinceScale = { entities: 200_000, officers: 1000, years: 5 };
/** `--smoke`: a province small enough for `npm test`. */
export const SMOKE_PROVINCE: ProvinceScale = { entities: 600, officers: 60, years: 1 };

/**
 * Every figure of the benchmark; `smoke`: one run each on a tiny province, to prove the benchmark
 * itself works. `province` overrides the full run's scale.
 */
/** The figure groups, in the order they run; `--only` picks some of them. */
export const FIGURE_GROUPS = [
  'demo-seed',
  'queue-ping',
  'key-wipe',
  'reconcile',
  'queue-throughput',
  'dashboard',
  'draw',
] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

export async function runBench(options: {
  smoke: boolean;
  province?: Partial<ProvinceScale>;
  /** Only these groups (default: all). */
  only?: readonly FigureGroup[];
  /** Keep the seeded province and reuse it in later runs (`--keep-province`). */
  keepProvince?: boolean;
  log?: (line: string) => void;
}): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const scale: ProvinceScale = { ...(options.smoke ? SMOKE_PROVINCE : FULL_PROVINCE), ...options.province };
  const runs = options.smoke ? 1 : 5;
  const figures: Figure[] = [];
  const wanted = (g: FigureGroup) => !options.only || options.only.includes(g);

  if (wanted('demo-seed')) {
    log('demo seed …');
    figures.push(await demoSeedFigure(options.smoke ? 1 : 3));
  }

  if (wanted('queue-ping')) {
    const t = await createTestDatabase();
    try {
      for (const kind of ['redis', 'postgres'] as const) {
        log(`queue ping (${kind}) …`);
        const backend = createTestQueueBackend(kind, t.url);
        try {
          figures.push(...(await queuePingFigures(backend.config, runs)));
        } finally {
          await backend.cleanup();
        }
      }
    } finally {
      await t.drop();
    }
  }

  const failures: string[] = [];
  if (wanted('key-wipe')) {
    // On its own database (the drill's synthetic hotels, as many as the province has entities).
    log('key wipe …');
    try {
      // Never below the drill's own size (four census batches: some must wait to be lost); the smoke
      // run at that size.
      const entities = options.smoke ? REDIS_WIPE_DRILL_ENTITIES : Math.max(scale.entities, REDIS_WIPE_DRILL_ENTITIES);
      const r = await keyWipeFigure(entities, log);
      figures.push(r.figure);
      if (r.failure) failures.push(r.failure);
    } catch (e) {
      failures.push(`key-wipe: ${(e as Error).message}`);
      log(`key-wipe FAILED: ${(e as Error).stack ?? String(e)}`);
    }
  }

  const provinceGroups: FigureGroup[] = ['reconcile', 'queue-throughput', 'dashboard', 'draw'];
  if (!provinceGroups.some(wanted)) return report(options.smoke, scale, failures, figures);
  log(`province: ${scale.entities} entities, ${scale.officers} officers, ${scale.years} years …`);
  const province = await benchProvince(scale, options.keepProvince === true, log);
  // A group of figures that fails is reported and the run goes on: the others are still worth having.
  const group = async (name: FigureGroup, run: () => Promise<Figure | Figure[]>) => {
    if (!wanted(name)) return;
    log(`${name} …`);
    try {
      figures.push(...[await run()].flat());
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message}`);
      log(`${name} FAILED: ${(e as Error).stack ?? String(e)}`);
    }
  };
  try {
    if (province.figure) figures.push(province.figure);
    await group('reconcile', () => reconcileYearFigures(province.t, log));
    await group('queue-throughput', () => queueThroughputFigures(province.t, options.smoke ? 40 : 2000, log));
    await group('dashboard', () =>
      dashboardLoadFigures(
        province.t,
        options.smoke ? { clients: 5, requests: 10, maxMs: 10_000 } : { clients: 50, requests: 1000, maxMs: 60_000 },
        log,
      ),
    );
    await group('draw', () => drawFigures(province.t, options.smoke ? 1000 : 100_000));
  } finally {
    await province.t.drop();
  }
  return report(options.smoke, scale, failures, figures);
}

function report(smoke: boolean, scale: ProvinceScale, failures: string[], figures: Figure[]): BenchReport {
  return {
    at: new Date().toISOString(),
    smoke,
    province: scale,
    failures,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    },
    figures,
  };
}

/** Writes `bench/results/<date>.json` (`<date>.<groups>.json` for a partial run) and returns its path. */
export function saveReport(report: BenchReport, dir: string, part?: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.at.slice(0, 10)}${part ? `.${part}` : ''}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}

export { markdownTable };
