import type { DrillResult } from './drill.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown table `pnpm soak` prints: drill, what, tried, result, figures. */
export function soakTable(rows: { what: string; result: DrillResult }[]): string {
  const lines = ['| drill | what | tried | result | figures |', '| --- | --- | --- | --- | --- |'];
  for (const { what, result } of rows) {
    const figures = Object.entries(result.figures)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    lines.push(
      `| ${cell(result.name)} | ${cell(what)} | ${cell(result.tried)} | ${result.ok ? 'ok' : '**FAILED**'} | ${cell(figures)} |`,
    );
  }
  return lines.join('\n');
}
