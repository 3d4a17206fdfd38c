/**
 * `pnpm bench`: measures and reports, never fails on a slow machine. Each figure is a time against a
 * baseline measured in the same run; the ratio is what to compare. Writes bench/results/<date>.json
 * and prints a Markdown table (for the README). `--smoke`: one run of each, nothing written.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIGURE_GROUPS, markdownTable, runBench, saveReport, type FigureGroup } from './run-bench.js';

const smoke = process.argv.includes('--smoke');
/** `--entities N`, `--officers N`, `--years N`: the province's scale (default: issue 14's). */
const option = (name: string): number | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`bench: --${name} needs a whole number ≥ 1, got ${process.argv[i + 1] ?? 'nothing'}\n`);
    process.exit(2);
  }
  return n;
};
const province = Object.fromEntries(
  (['entities', 'officers', 'years'] as const).flatMap((k) => (option(k) === undefined ? [] : [[k, option(k)]])),
);
/** `--only dashboard,draw`: some figure groups (FIGURE_GROUPS); the results file is then named after them. */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? undefined : (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean);
const unknown = only?.filter((g) => !(FIGURE_GROUPS as readonly string[]).includes(g)) ?? [];
if (only && (only.length === 0 || unknown.length > 0)) {
  process.stderr.write(`bench: --only takes some of ${FIGURE_GROUPS.join(',')}; got ${unknown.join(',') || 'nothing'}\n`);
  process.exit(2);
}
const report = await runBench({
  smoke,
  province,
  only: only as FigureGroup[] | undefined,
  keepProvince: process.argv.includes('--keep-province'),
  log: (l) => process.stderr.write(`bench: ${l}\n`),
});
const m = report.machine;
const p = report.province;
console.log(
  `Machine: ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, Node ${m.node}, load average ${m.loadAverage.join(' / ')} (${report.at}); province: ${p.entities.toLocaleString('en')} entities, ${p.officers.toLocaleString('en')} officers, ${p.years} years\n`,
);
console.log(markdownTable(report.figures));
for (const f of report.failures) console.log(`\nFAILED: ${f}`);
if (!smoke) {
  const file = saveReport(report, join(dirname(fileURLToPath(import.meta.url)), '../results'), only?.join('+'));
  process.stderr.write(`bench: written ${file}\n`);
}
// A pool or socket of a figure may linger a moment after its stop; the report is out: end here.
process.exit(0);
