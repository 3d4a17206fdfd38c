/** One figure of the benchmark: a measured time against a baseline measured in the same run. */
export interface Figure {
  name: string;
  /** What the figure times, and what the baseline is. */
  what: string;
  baseline: string;
  runs: number;
  /** Medians, in milliseconds. */
  medianMs: number;
  baselineMs: number;
  /** medianMs ÷ baselineMs: the number to compare across machines and runs. */
  ratio: number;
  /** Where the project has a goal (issue 14), e.g. "≤ 2×" or "p95 ≤ 50 ms". */
  goal?: string;
  /** What medianMs and baselineMs hold when not milliseconds (e.g. 'MiB' for a resident set). */
  unit?: string;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `work` `runs` times and returns the times (ms). */
export async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    out.push(performance.now() - start);
  }
  return out;
}

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  return { ...f, ratio: f.baselineMs > 0 ? f.medianMs / f.baselineMs : Number.POSITIVE_INFINITY };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export function markdownTable(figures: readonly Figure[]): string {
  const lines = [
    '| figure | median | baseline | baseline median | ratio | goal | runs |',
    '| --- | ---: | --- | ---: | ---: | --- | ---: |',
    ...figures.map(
      (f) =>
        `| ${f.name}: ${f.what} | ${ms(f.medianMs)} ${f.unit ?? 'ms'} | ${f.baseline} | ${ms(f.baselineMs)} ${f.unit ?? 'ms'} | ${f.ratio.toFixed(2)}× | ${f.goal ?? '—'} | ${f.runs} |`,
    ),
  ];
  return lines.join('\n');
}
