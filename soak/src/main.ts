/**
 * `pnpm soak [--only name,name] [--list]`: the long drills of issue 15 (not part of `npm test`, which
 * runs their short versions). Runs each drill of drills.ts in turn, prints what it tried as a
 * Markdown table, and exits 1 when any drill failed. A drill that throws is a failed row with why.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { drills, type DrillResult } from './drills.js';
import { soakTable } from './report-table.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};

if (process.argv.includes('--list')) {
  for (const d of drills) console.log(`${d.name.padEnd(12)} ${d.what}`);
  process.exit(0);
}
const only = arg('--only')?.split(',');
const unknown = only?.filter((n) => !drills.some((d) => d.name === n)) ?? [];
if (unknown.length) {
  process.stderr.write(`soak: unknown drill(s) ${unknown.join(', ')}; known: ${drills.map((d) => d.name).join(', ')}\n`);
  process.exit(2);
}

const rows: { what: string; result: DrillResult }[] = [];
for (const d of drills.filter((x) => !only || only.includes(x.name))) {
  process.stderr.write(`soak: ${d.name}: ${d.what} …\n`);
  const started = Date.now();
  let result: DrillResult;
  try {
    result = await d.run();
  } catch (e) {
    result = {
      name: d.name,
      tried: 'did not finish',
      ok: false,
      figures: {
        error: String((e as Error).stack ?? e)
          .split('\n')
          .slice(0, 3)
          .join(' '),
      },
    };
  }
  result.figures = { ...result.figures, 'drill s': Math.round((Date.now() - started) / 1000) };
  process.stderr.write(`soak: ${d.name}: ${result.ok ? 'ok' : 'FAILED'}\n`);
  rows.push({ what: d.what, result });
}
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')} (${new Date().toISOString()})\n`,
);
console.log(soakTable(rows));
process.exit(rows.every((r) => r.result.ok) ? 0 : 1);
