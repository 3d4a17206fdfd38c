/**
 * `supervise draw …`: verifiable random draws (双随机、一公开), algorithm consistent-sampler/v1
 * (shared/verifiable-draw.md). The seed is drawn here, from node:crypto, never in core; the commitment
 * is printed as soon as the draw is created (its population frozen with it), before the seed is revealed.
 * Every step is a use-case of @supervise/db (draw.use-case.ts): scoped to `--by USER` when given, and
 * audited whichever way it went.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { Command } from 'commander';
import {
  DrawRecordFormatError,
  parseDrawRecord,
  parseShare,
  seedHexOf,
  verifyDrawRecord,
  type DrawRecord,
  type IsoDate,
  type RegimeCode,
} from '@supervise/core';
import {
  DrawError,
  createCampaignDraw,
  createPendingDrawTasks,
  executeDraw,
  findAccountByUsername,
  getDrawRecord,
  redrawApprovedByOfficer,
  type Actor,
  type Database,
  type ExecutedDraw,
} from '@supervise/db';
import { parseIsoDate, parseRegimeCode, parseWholeNumber } from '../args.js';
import { badArgument, CliError, EXIT_BAD_INPUT, EXIT_REFUSED, printJson, printLines, reportCliErrors } from '../cli-output.js';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { logErr, todayInShanghai } from '../output.js';
import { operatorActor } from '../operator-actor.js';

/** A share as an exact decimal in [0, 1], e.g. 0.30. */
export function parseShareOption(value: string): string {
  try {
    parseShare(value.trim());
  } catch {
    throw badArgument(
      `比例应为 0 到 1 之间的小数，如 0.30：${value}`,
      `a share is a decimal between 0 and 1, e.g. 0.30: ${value}`,
    );
  }
  return value.trim();
}

export interface DrawRunOptions {
  regime: RegimeCode;
  campaign: string;
  share?: string;
  requested?: number;
  beacon?: string;
  from?: IsoDate;
  to?: IsoDate;
  by?: string;
  json?: boolean;
}

/**
 * Who acts: `--by USER` is that account, with its roles and scope (a scheduler draws only for their
 * brigade's regimes); without it, the operator at the server's console, trusted as the system and
 * recorded as `cli:<os user>`. Either way the use-case audits the step.
 */
export async function cliActor(db: Database, by: string | undefined): Promise<Actor> {
  if (by === undefined) return operatorActor();
  const account = await findAccountByUsername(db, by);
  if (!account || account.disabledAt)
    throw new CliError(`没有这个（在用的）用户：${by}`, `no such (enabled) user: ${by}`, EXIT_BAD_INPUT);
  return { id: account.id, username: account.username, principal: { roles: account.roles }, via: 'cli' };
}

/** 32 bytes from the operating system's cryptographic random source. */
const newSeedHex = (): string => seedHexOf(randomBytes(32));

/** A refusal of a use-case: bad input or a broken rule exit 2, a refusal (scope, status) exits 1. */
function asCliError(e: unknown): never {
  if (e instanceof DrawError) {
    const bad = e.code === 'DRAW-NOT-FOUND' || e.code === 'DRAW-BAD-INPUT' || e.code === 'DRAW-RULE';
    throw new CliError(e.zh, e.en, bad ? EXIT_BAD_INPUT : EXIT_REFUSED);
  }
  throw e;
}

function announceCreated(created: { id: string; seedCommitment: string }, json: boolean | undefined): void {
  // The commitment is public before the seed is revealed.
  const line = `抽取 ${created.id} 已创建，种子承诺 / draw created, seed commitment: ${created.seedCommitment}`;
  if (json) logErr(line);
  else printLines([line]);
}

function resultLines(record: DrawRecord, executed: ExecutedDraw): string[] {
  const officers = (a: { inspectors: string[] }) => a.inspectors.join(', ');
  const staffed = new Map(record.assignments.map((a) => [a.target, a]));
  return [
    `已冻结 / frozen: ${record.population.length} 个对象 entities (population_sha256 ${record.population_sha256}), ${record.inspectors.length} 名检查人员 inspectors, ${record.excluded.length} 项回避/排除 exclusions`,
    `已执行 / executed: k = ${record.k}（${record.share.kind === 'min' ? '≥' : '≤'} ${record.share.value}${record.requested === null ? '' : `, requested ${record.requested}`}）, seed ${record.seed}, beacon ${JSON.stringify(record.beacon)}`,
    ...record.selected.map((t, i) => {
      const a = staffed.get(t);
      return `${String(i + 1).padStart(3)}. ${t}  ${a ? officers(a) : '未配备 UNSTAFFED'}`;
    }),
    `检查任务 / inspection tasks: 新建 created ${executed.tasks.created}, 已有 existing ${executed.tasks.existing}${executed.tasks.pending ? `, 待生成 pending ${executed.tasks.pending}` : ''}${record.unstaffed.length ? `; 未配备 unstaffed ${record.unstaffed.length}` : ''}`,
  ];
}

async function finishDraw(
  db: Database,
  actor: Actor,
  created: { id: string },
  beacon: string | undefined,
  json: boolean | undefined,
): Promise<void> {
  const executed = await executeDraw(db, actor, created.id, { beacon: beacon ?? '' });
  // Issue 14 §2: a large draw is recorded first; its tasks are created here, as the worker would.
  if (executed.tasks.pending > 0) {
    const done = await createPendingDrawTasks(db, { drawId: created.id });
    const n = done.draws.reduce((sum, d) => sum + d.created, 0);
    executed.tasks = { created: n, existing: executed.tasks.existing, pending: executed.tasks.pending - n };
  }
  const record = await getDrawRecord(db, created.id);
  if (json) printJson({ ...record, tasks: executed.tasks });
  else printLines(resultLines(record, executed));
}

export function registerDraw(program: Command): void {
  const draw = program
    .command('draw')
    .description('verifiable random draws of targets and inspectors (双随机、一公开) / 随机抽取');

  draw
    .command('run')
    .description('create (commitment printed), freeze, execute a draw and create its inspection tasks / 执行一次抽取')
    .requiredOption('--regime <code>', 'the regime, e.g. R09', parseRegimeCode)
    .requiredOption('--campaign <name>', 'the campaign, e.g. "2026 special inspection 4 of 4" / 专项名称')
    .option('--share <decimal>', "the share, e.g. 0.30 (default: the regime's rule) / 抽查比例", parseShareOption)
    .option('--requested <n>', 'R14 spot checks: the number asked for (capped at the share) / 请求抽查数', parseWholeNumber)
    .option('--beacon <text>', 'a public value unknown at freeze time (witness dice, a lottery result) / 公开信标')
    .option('--from <date>', 'the campaign window starts (default: today, Asia/Shanghai)', parseIsoDate)
    .option('--to <date>', 'the campaign window ends (default: end of the quarter; R10 half-year; R14 year)', parseIsoDate)
    .option('--by <username>', 'the account drawing (its scope applies; default: the console operator)')
    .option('--json', 'print the published record and the tasks as JSON')
    .action((opts: DrawRunOptions) =>
      reportCliErrors(async () => {
        const today = todayInShanghai();
        const env = parseEnv();
        await withAppDb(env, logErr, async (db) => {
          const actor = await cliActor(db, opts.by);
          try {
            const created = await createCampaignDraw(db, actor, {
              regime: opts.regime,
              campaign: opts.campaign,
              share: opts.share,
              requested: opts.requested ?? null,
              windowFrom: opts.from,
              windowTo: opts.to,
              today,
              seedHex: newSeedHex(),
              // The console may draw for a regime without a rule when it names the share (--share).
              allowWithoutRule: opts.share !== undefined,
            });
            announceCreated(created, opts.json);
            await finishDraw(db, actor, created, opts.beacon, opts.json);
          } catch (e) {
            asCliError(e);
          }
        });
      }),
    );

  draw
    .command('export')
    .argument('<draw-id>', 'the draw, e.g. DRAW-2026-00001')
    .description('print the published record (JSON) of an executed draw / 导出抽取公开记录')
    .action((drawId: string) =>
      reportCliErrors(async () => {
        const env = parseEnv();
        const record = await withAppDb(env, logErr, (db) => getDrawRecord(db, drawId).catch(asCliError));
        process.stdout.write(JSON.stringify(record, null, 2) + '\n');
      }),
    );

  draw
    .command('verify')
    .argument('<file>', 'a published draw record (JSON)')
    .description('re-compute a published record offline: OK (exit 0) or the first difference (exit 1) / 验证抽取记录')
    .option('--json', 'print { ok, difference } as JSON')
    .action((file: string, opts: { json?: boolean }) =>
      reportCliErrors(async () => {
        let record: DrawRecord;
        try {
          record = parseDrawRecord(JSON.parse(await readFile(file, 'utf8')) as unknown);
        } catch (e) {
          if (e instanceof DrawRecordFormatError)
            throw new CliError(`抽取记录格式错误：${e.field}`, `malformed draw record: ${e.field}: ${e.detail}`, EXIT_BAD_INPUT);
          const why = (e as Error).message;
          throw new CliError(`无法读取抽取记录 ${file}：${why}`, `cannot read the draw record ${file}: ${why}`, EXIT_BAD_INPUT);
        }
        const result = verifyDrawRecord(record);
        if (opts.json) printJson(result);
        else printLines([result.ok ? 'OK' : `不一致 DIFFERENT: ${result.difference}`]);
        if (!result.ok) process.exitCode = EXIT_REFUSED;
      }),
    );

  draw
    .command('redraw')
    .argument('<draw-id>', 'the draw to replace (it is kept)')
    .description('a new draw replacing one, with a reason and the approving officer; the old one is kept / 重新抽取')
    .requiredOption('--reason <text>', 'why the draw is redone / 重新抽取的理由')
    .requiredOption('--approved-by <officer-code>', 'the approving officer (警号) / 批准人警号')
    .option('--beacon <text>', 'a public value unknown at freeze time / 公开信标')
    .option('--by <username>', 'the account redrawing (its scope applies; default: the console operator)')
    .option('--json', 'print the new published record and the tasks as JSON')
    .action((drawId: string, opts: { reason: string; approvedBy: string; beacon?: string; by?: string; json?: boolean }) =>
      reportCliErrors(async () => {
        const env = parseEnv();
        await withAppDb(env, logErr, async (db) => {
          const actor = await cliActor(db, opts.by);
          try {
            const created = await redrawApprovedByOfficer(db, actor, {
              replaces: drawId,
              reason: opts.reason,
              approvedByOfficerCode: opts.approvedBy,
              seedHex: newSeedHex(),
              today: todayInShanghai(),
            });
            announceCreated(created, opts.json);
            if (!opts.json) printLines([`取代 / replaces: ${drawId}（保留 kept）`]);
            await finishDraw(db, actor, created, opts.beacon, opts.json);
          } catch (e) {
            asCliError(e);
          }
        });
      }),
    );
}
