/**
 * `supervise roster override`: a scheduler replaces one officer of a planned inspection by hand, with
 * a reason (issue 4 §3). The roster-change use-case (the same the web's roster page calls) checks the
 * scheduler's scope, refuses a recused, on-leave, inactive or credential-less officer (core's one
 * availability rule), logs every override and audits it, refusals too; the dashboard counts them.
 */
import type { Command } from 'commander';
import { actorForUsername, changeRoster, type OfficerUnavailability, type RosterChangeResult } from '@supervise/db';
import { parseWholeNumber } from '../args.js';
import { CliError, EXIT_BAD_INPUT, EXIT_REFUSED, printJson, printLines, reportCliErrors } from '../cli-output.js';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { logErr } from '../output.js';

type Refusal = Extract<RosterChangeResult, { ok: false }>;

const UNAVAILABLE: Record<OfficerUnavailability, [string, string]> = {
  inactive: ['已停用', 'inactive'],
  credential_missing: ['无执法证', 'no enforcement credential'],
  credential_expired: ['执法证已过期', 'credential expired'],
  on_leave: ['当日休假', 'on leave that day'],
  recused: ['已申请回避该对象', 'recused from this entity'],
};

/** The refusal in both languages, and whether it is the input that is wrong (exit 2) or the rule (exit 1). */
export function describeRefusal(r: Refusal): { zh: string; en: string; exitCode: number } {
  const who = r.officerCode ?? '';
  switch (r.code) {
    case 'INSPECTION_NOT_FOUND':
      return { zh: '没有这项检查任务', en: 'no such inspection', exitCode: EXIT_BAD_INPUT };
    case 'INSPECTION_NOT_PLANNED':
      return { zh: '该检查已完成或已取消，不能调整人员', en: 'the inspection is no longer planned', exitCode: EXIT_REFUSED };
    case 'USER_NOT_FOUND':
      return { zh: '没有这个用户', en: 'no such user', exitCode: EXIT_BAD_INPUT };
    case 'OFFICER_NOT_FOUND':
      return { zh: `没有警号为 ${who} 的民警`, en: `no officer with code ${who}`, exitCode: EXIT_BAD_INPUT };
    case 'NOT_ON_ROSTER':
      return { zh: `${who} 不在该检查的人员中`, en: `${who} is not on this inspection`, exitCode: EXIT_BAD_INPUT };
    case 'ALREADY_ON_ROSTER':
      return { zh: `${who} 已在该检查的人员中`, en: `${who} is already on this inspection`, exitCode: EXIT_REFUSED };
    case 'REASON_REQUIRED':
      return { zh: '调整人员须写明理由', en: 'an override needs a reason', exitCode: EXIT_BAD_INPUT };
    case 'OUT_OF_SCOPE':
      return { zh: '该检查不在此用户的管辖范围内', en: "the inspection is outside this user's scope", exitCode: EXIT_REFUSED };
    case 'OFFICER_OUT_OF_UNIT':
      return {
        zh: `${who} 不属于该对象的主管大队或派出所`,
        en: `${who} is not of the entity's responsible brigade or police station`,
        exitCode: EXIT_REFUSED,
      };
    case 'OFFICER_UNAVAILABLE': {
      const why = (r.unavailability ?? []).map((u) => UNAVAILABLE[u]);
      return {
        zh: `${who} 不能参加该检查：${why.map((w) => w[0]).join('、')}`,
        en: `${who} may not take this inspection: ${why.map((w) => w[1]).join(', ')}`,
        exitCode: EXIT_REFUSED,
      };
    }
  }
}

export function registerRoster(program: Command): void {
  const roster = program.command('roster').description('inspection rosters: two officers per inspection / 检查人员安排');
  roster
    .command('override')
    .description('replace one officer of a planned inspection, with a reason / 人工调整检查人员')
    .requiredOption('--inspection <id>', 'the planned inspection', parseWholeNumber)
    .requiredOption('--replace <officer>', 'police number of the officer to take off')
    .requiredOption('--with <officer>', 'police number of the officer to put on')
    .requiredOption('--reason <text>', 'why (logged, counted on the dashboard)')
    .requiredOption('--by <username>', 'the scheduler making the change')
    .option('--json', 'print the result as JSON')
    .action((opts: { inspection: number; replace: string; with: string; reason: string; by: string; json?: boolean }) =>
      reportCliErrors(async () => {
        const result = await withAppDb(parseEnv(), logErr, async (db) => {
          // An unknown --by is refused by the use-case as USER_NOT_FOUND (and audited as denied).
          const actor = (await actorForUsername(db, opts.by, 'cli')) ?? {
            id: null,
            username: opts.by,
            principal: { roles: [] },
            via: 'cli' as const,
          };
          return changeRoster(db, actor, {
            inspectionId: opts.inspection,
            replaceOfficerCode: opts.replace,
            withOfficerCode: opts.with,
            reason: opts.reason,
          });
        });
        if (!result.ok) {
          const r = describeRefusal(result);
          if (opts.json) printJson({ ok: false, code: result.code, zh: r.zh, en: r.en });
          throw new CliError(r.zh, r.en, r.exitCode);
        }
        if (opts.json) printJson(result);
        else
          printLines([
            `检查 ${opts.inspection}（${result.plannedOn}）人员已调整为 ${result.officerCodes.join('、')} / inspection ${opts.inspection} (${result.plannedOn}) now staffed by ${result.officerCodes.join(', ')}`,
          ]);
      }),
    );
}
