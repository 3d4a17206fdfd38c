import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@supervise/db/testing';
import { createTestQueueBackend } from '@supervise/queue/testing';
import { demoSeedFigure } from './demo-seed.figure.js';
import { markdownTable, type Figure } from './measure.js';
import { queuePingFigures } from './queue-ping.figure.js';

export interface BenchReport {
  at: string;
  smoke: boolean;
  machine: { cpus: number; model: string; memoryGiB: number; node: string; loadAverage: number[] };
  figures: Figure[];
}

/** Every figure of the benchmark; `smoke`: one run each, to prove the benchmark itself works. */
export async function runBench(options: { smoke: boolean; log?: (line: string) => void }): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const runs = options.smoke ? 1 : 5;
  const figures: Figure[] = [];

  log('demo seed …');
  figures.push(await demoSeedFigure(options.smoke ? 1 : 3));

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

  return {
    at: new Date().toISOString(),
    smoke: options.smoke,
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

/** Writes `bench/results/<date>.json` and returns its path. */
export function saveReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.at.slice(0, 10)}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}

export { markdownTable };
