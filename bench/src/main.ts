/**
 * `pnpm bench`: measures and reports, never fails on a slow machine. Each figure is a time against a
 * baseline measured in the same run; the ratio is what to compare. Writes bench/results/<date>.json
 * and prints a Markdown table (for the README). `--smoke`: one run of each, nothing written.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, runBench, saveReport } from './run-bench.js';

const smoke = process.argv.includes('--smoke');
const report = await runBench({ smoke, log: (l) => process.stderr.write(`bench: ${l}\n`) });
const m = report.machine;
console.log(
  `Machine: ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, Node ${m.node}, load average ${m.loadAverage.join(' / ')} (${report.at})\n`,
);
console.log(markdownTable(report.figures));
if (!smoke) {
  const file = saveReport(report, join(dirname(fileURLToPath(import.meta.url)), '../results'));
  process.stderr.write(`bench: written ${file}\n`);
}
