import type { Command } from 'commander';
import { dirtyRollupCount, rebuildDashboardRollups, refreshDashboardRollups } from '@supervise/db';
import { CliError, EXIT_REFUSED, printJson, printLines, reportCliErrors } from '../cli-output.js';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { operatorActor } from '../operator-actor.js';
import { logErr } from '../output.js';

/**
 * The leaders' dashboard's rollups (issue 12 §5): `rebuild` recounts every cell from the source
 * rows (audited, the same use-case the tests call); `refresh` runs the worker's cycle once (the
 * cells marked since); `status` says how many cells wait for the worker.
 */
export function registerDashboard(program: Command): void {
  const dashboard = program.command('dashboard').description("the leaders' dashboard's rollups / 领导驾驶舱统计汇总");

  dashboard
    .command('rebuild')
    .description('recount every rollup cell from the records (the figures stay the same) / 从业务数据重新计算全部汇总')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      reportCliErrors(async () => {
        const r = await withAppDb(parseEnv(), logErr, (db) => rebuildDashboardRollups(db, operatorActor()));
        if (!r.ok) throw new CliError('无权重建汇总', 'not allowed to rebuild the rollups', EXIT_REFUSED);
        if (opts.json) printJson(r);
        else printLines([`汇总已重建：${r.cells} 个单元 / rollups rebuilt: ${r.cells} cells`]);
      }),
    );

  dashboard
    .command('refresh')
    .description("recount the cells changed since the last cycle (the worker's job, once) / 按变更更新汇总（同后台任务）")
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      reportCliErrors(async () => {
        const r = await withAppDb(parseEnv(), logErr, (db) => refreshDashboardRollups(db));
        if (opts.json) printJson(r);
        else printLines([`已更新 ${r.marks} 处变更，剩余 ${r.left} / refreshed ${r.marks} marks, ${r.left} left`]);
      }),
    );

  dashboard
    .command('status')
    .description('how many changed cells wait for the worker / 待更新的汇总数')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      reportCliErrors(async () => {
        const waiting = await withAppDb(parseEnv(), logErr, (db) => dirtyRollupCount(db));
        if (opts.json) printJson({ waiting });
        else printLines([`待更新 ${waiting} / waiting ${waiting}`]);
      }),
    );
}
