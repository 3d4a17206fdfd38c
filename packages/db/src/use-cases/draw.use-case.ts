/**
 * The draw use-cases (双随机、一公开, issue 9 §3): create a campaign or spot-check draw within the rules
 * (commitment and population hash at once), execute it with a beacon, ask for a redraw, and a leader's
 * approval or rejection of it; the CLI's redraw approved by a named officer. Each one is called alike
 * by the web pages, the JSON API and the CLI; each checks the actor's scope on the draw that exists
 * (its regime) as well as on what it writes, and writes its audit entry in the same transaction as
 * the change. Refusals are audited too ('denied' for scope, 'failure' for a broken rule or bad input).
 */
import {
  DrawRequestError,
  can,
  checkDrawWindow,
  checkYearlySpotCheckCap,
  defaultDrawWindowEnd,
  drawRuleOf,
  isIsoDate,
  resolveDrawShare,
  type DrawShare,
  type Permission,
  type PlanningRules,
  type RegimeCode,
} from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import {
  DrawError,
  decideRedrawRequest,
  executeDrawIn,
  freezeDrawIn,
  insertDraw,
  insertRedrawRequest,
  listRedrawRequests,
  lockDrawRow,
  lockRedrawRequest,
  redrawIn,
  spotChecksDrawnInYear,
  type ExecutedDraw,
} from '../repositories/draw.repository.js';
import { recordDrawExecuteFailure } from '../repositories/draw-failure.repository.js';
import type { Actor } from './actor.js';
import { runAudited } from './audited.js';

/** The audit actions of draws. */
export const DRAW_AUDIT = {
  create: 'draw.create',
  execute: 'draw.execute',
  redrawRequest: 'draw.redraw.request',
  redrawApprove: 'draw.redraw.approve',
  redrawReject: 'draw.redraw.reject',
  redraw: 'draw.redraw',
} as const;

/** The system actor (principal null) is trusted; an account needs the permission for the regime. */
function allowed(actor: Actor, permission: Permission, regime: string): boolean {
  return actor.principal === null || can(actor.principal, permission, { regime });
}

function denied(regime: string, permission: Permission): DrawError {
  return new DrawError(
    'DRAW-DENIED',
    `无权对 ${regime} 执行此操作（需要 ${permission}，且在本人所属大队的管辖范围内）`,
    `not allowed for ${regime} (requires ${permission} within your brigade's scope)`,
  );
}

/** A refusal from core's draw rules, as a DrawError naming the rule and the field. */
function ruleError(e: unknown): never {
  if (e instanceof DrawRequestError || (e instanceof Error && e.name === 'DrawRequestError')) {
    const r = e as DrawRequestError;
    throw new DrawError('DRAW-RULE', r.zh, r.en, r.field, r.rule);
  }
  throw e;
}

/** Runs `work` with its audit entry (runAudited); a DrawError is audited as the refusal it is. */
function audited<T>(
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  entityId: string | null,
  details: Record<string, unknown>,
  work: (trx: Kysely<DB>) => Promise<{ result: T; entityId: string; after?: unknown; details?: Record<string, unknown> }>,
): Promise<T> {
  return runAudited(db, actor, action, { type: 'draw', id: entityId }, details, work, (e) =>
    e instanceof DrawError
      ? {
          denied: e.code === 'DRAW-DENIED',
          code: e.code,
          details: { refusal: e.en, rule: e.rule ?? null, field: e.field ?? null },
        }
      : null,
  );
}

export interface CreateCampaignDrawInput {
  regime: RegimeCode;
  campaign: string;
  /** An exact decimal; defaults to the regime's rule (R09 ≥ 0.30, R10 ≥ 0.20, R14 ≤ 0.05). */
  share?: string;
  /** R14 spot checks: the number asked for. */
  requested?: number | null;
  /** The campaign window; defaults: today to the end of its period (R09 quarter, R10 half-year, R14 year). */
  windowFrom?: string;
  windowTo?: string;
  /** The bureau's date (Asia/Shanghai); the draw date. */
  today: string;
  /** 32 bytes as 64 hex digits from the caller's cryptographic source (node:crypto), kept secret. */
  seedHex: string;
  /** Only when a regime has no draw rule (the CLI's --share for other regimes). */
  allowWithoutRule?: boolean;
  rules?: PlanningRules;
}

export interface CreatedCampaignDraw {
  id: string;
  seedCommitment: string;
  populationSha256: string;
  population: number;
  inspectors: number;
}

/**
 * Creates a draw and freezes its population and roster in one step, so its seed commitment and
 * population hash are public from the moment it exists (verifiable-draw.md steps 1–2). Refused, with
 * the rule named: a regime without a campaign/spot-check rule (unless `allowWithoutRule`), a share
 * below R09's 30% / R10's 20% or above R14's 5%, a window outside one quarter (R09) / half-year (R10) /
 * year (R14), an R14 request above what is left of the year's 5%.
 */
export async function createCampaignDraw(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateCampaignDrawInput,
): Promise<CreatedCampaignDraw> {
  const details = {
    regime: input.regime,
    campaign: input.campaign,
    share: input.share ?? null,
    requested: input.requested ?? null,
    windowFrom: input.windowFrom ?? null,
    windowTo: input.windowTo ?? null,
  };
  return audited(db, actor, DRAW_AUDIT.create, null, details, async (trx) => {
    if (!allowed(actor, 'draws.manage', input.regime)) throw denied(input.regime, 'draws.manage');
    if (!input.campaign.trim()) throw new DrawError('DRAW-BAD-INPUT', '须给出专项名称', 'the campaign needs a name', 'campaign');
    const rule = drawRuleOf(input.regime, input.today, input.rules);
    if (!rule && !input.allowWithoutRule)
      throw new DrawError(
        'DRAW-RULE',
        `${input.regime} 没有专项督察或抽查规则（只有 R09、R10 专项督察和 R14 抽查）`,
        `${input.regime} has no campaign or spot-check rule (only R09 and R10 campaigns and R14 spot checks)`,
        'regime',
        null,
      );
    const from = input.windowFrom ?? input.today;
    if (!isIsoDate(from))
      throw new DrawError('DRAW-BAD-INPUT', `窗口起始日期无效：${from}`, `invalid window start: ${from}`, 'windowFrom');
    const to = input.windowTo ?? defaultDrawWindowEnd(input.regime, from);
    if (!isIsoDate(to)) throw new DrawError('DRAW-BAD-INPUT', `窗口结束日期无效：${to}`, `invalid window end: ${to}`, 'windowTo');
    let share: DrawShare;
    try {
      share = resolveDrawShare(
        { regime: input.regime, share: input.share, requested: input.requested },
        input.today,
        input.rules,
      );
      checkDrawWindow(input.regime, from, to, input.rules);
    } catch (e) {
      if (e instanceof Error && e.name === 'InvalidShareError')
        throw new DrawError(
          'DRAW-BAD-INPUT',
          `比例无效：${input.share ?? ''}`,
          `not a share in [0, 1]: ${input.share ?? ''}`,
          'share',
        );
      ruleError(e);
    }
    const requested = share.kind === 'max' ? (input.requested ?? null) : null;
    const created = await insertDraw(
      trx,
      {
        regime: input.regime,
        campaign: input.campaign,
        share,
        requested,
        windowFrom: from,
        windowTo: to,
        drawnOn: input.today,
        seedHex: input.seedHex,
        createdBy: actor.username,
        rules: input.rules,
      },
      null,
    );
    const frozen = await freezeDrawIn(trx, created.id, { rules: input.rules });
    if (share.kind === 'max' && requested !== null) {
      // R14 "抽查面不超过5%/年": this draw counts already (it is inserted); compare the rest of the year.
      const year = Number(input.today.slice(0, 4));
      const before = (await spotChecksDrawnInYear(trx, input.regime, year)) - requested;
      try {
        checkYearlySpotCheckCap(input.regime, share, requested, frozen.population.length, before, input.today, input.rules);
      } catch (e) {
        ruleError(e);
      }
    }
    return {
      result: {
        id: created.id,
        seedCommitment: created.seedCommitment,
        populationSha256: frozen.population_sha256,
        population: frozen.population.length,
        inspectors: frozen.inspectors.length,
      },
      entityId: created.id,
      after: {
        id: created.id,
        regime: input.regime,
        campaign: input.campaign.trim(),
        share,
        requested,
        window: [from, to],
        seed_commitment: created.seedCommitment,
        population_sha256: frozen.population_sha256,
        population: frozen.population.length,
        inspectors: frozen.inspectors.length,
        excluded: frozen.excludedCount,
      },
    };
  });
}

/** Attempts of one execution before it is marked failed on the draw (issue 14 §3). */
export const DRAW_EXECUTE_ATTEMPTS = 3;

/**
 * A database error a new attempt may not meet: the connection lost or its backend terminated
 * (class 08, 57P01–57P03), a serialization failure or a deadlock (40001, 40P01).
 */
function isTransientDbError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('08') || ['57P01', '57P02', '57P03', '40001', '40P01'].includes(code)))
    return true;
  const message = e instanceof Error ? e.message : '';
  return /Connection terminated|connection error|ECONNRESET|ECONNREFUSED/i.test(message);
}

export interface ExecuteDrawUseCaseOptions {
  beacon?: string;
  rules?: PlanningRules;
  attempts?: number;
  /** Targets up to which tasks are created with the execution (default INLINE_DRAW_TASKS). */
  inlineTasks?: number;
  /** Asks the worker for the tasks of a larger draw (`create-draw-tasks`), after the commit. */
  enqueueTasks?: () => Promise<unknown>;
}

/**
 * Executes a frozen draw: reveals the seed, draws targets and inspectors with the beacon, creates the
 * inspection tasks (with the execution up to INLINE_DRAW_TASKS targets, else by the worker after it). A draw created but not yet frozen (an old CLI draw) is frozen first. Executing an
 * executed draw is refused (its result never changes).
 *
 * Issue 14 §3: the execution is one transaction, so a failure leaves nothing half-written and the
 * draw frozen with its commitment. A transient database failure is retried (the result is a pure
 * function of the committed seed, the beacon and the frozen population: a retry gives the same draw);
 * after DRAW_EXECUTE_ATTEMPTS the failure is marked on the draw (`execute_failures`, shown on its
 * page) and audited, and DRAW-EXECUTE-FAILED is thrown: never a draw silently stuck.
 */
export async function executeDraw(
  db: Kysely<DB>,
  actor: Actor,
  drawId: string,
  opts: ExecuteDrawUseCaseOptions = {},
): Promise<ExecutedDraw> {
  const attempts = opts.attempts ?? DRAW_EXECUTE_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      const executed = await executeDrawOnce(db, actor, drawId, opts);
      // After the commit: the worker is asked at once; if the queue refuses, its next tick finds the
      // owed tasks in the database all the same (createPendingDrawTasks), so the draw stands.
      if (executed.tasks.pending > 0 && opts.enqueueTasks) await opts.enqueueTasks().catch(() => {});
      return executed;
    } catch (e) {
      if (!isTransientDbError(e)) throw e;
      if (attempt < attempts) {
        await new Promise((r) => setTimeout(r, 200 * attempt));
        continue;
      }
      // The SQLSTATE when the server sent one; else the driver saw the connection drop.
      const reason = (e as { code?: string }).code ?? 'connection-lost';
      await recordDrawExecuteFailure(db, drawId, reason);
      const failed = new DrawError(
        'DRAW-EXECUTE-FAILED',
        `抽取 ${drawId} 执行失败（数据库连接中断，已重试 ${attempts} 次）；抽取仍为已冻结状态，承诺值不变，可再次执行，结果相同`,
        `draw ${drawId} failed to execute (database connection lost, ${attempts} attempts); it stays frozen with its commitment and may be executed again with the same result`,
      );
      // Audited like a refusal, in a transaction of its own (nothing else was written).
      await runAudited(
        db,
        actor,
        DRAW_AUDIT.execute,
        { type: 'draw', id: drawId },
        { reason },
        async () => {
          throw failed;
        },
        () => ({ denied: false, code: failed.code, details: { refusal: failed.en, attempts } }),
      ).catch(() => {});
      throw failed;
    }
  }
}

async function executeDrawOnce(
  db: Kysely<DB>,
  actor: Actor,
  drawId: string,
  opts: ExecuteDrawUseCaseOptions,
): Promise<ExecutedDraw> {
  const beacon = (opts.beacon ?? '').trim();
  return audited(db, actor, DRAW_AUDIT.execute, drawId, { beacon }, async (trx) => {
    const row = await lockDrawRow(trx, drawId);
    if (!allowed(actor, 'draws.manage', row.regime_code)) throw denied(row.regime_code, 'draws.manage');
    if (row.status === 'executed')
      throw new DrawError(
        'DRAW-WRONG-STATUS',
        `抽取 ${row.id} 已执行，结果不可更改`,
        `draw ${row.id} is already executed; its result never changes`,
      );
    if (row.status === 'created') await freezeDrawIn(trx, drawId, { rules: opts.rules });
    const executed = await executeDrawIn(trx, drawId, { beacon, inlineTasks: opts.inlineTasks });
    return {
      result: executed,
      entityId: drawId,
      after: { status: 'executed', beacon, k: executed.k, selected: executed.selected, unstaffed: executed.unstaffed },
      details: { tasks: executed.tasks },
    };
  });
}

/** A scheduler asks for a redraw, with a reason; a leader decides (below). The draw is kept either way. */
export async function requestRedraw(
  db: Kysely<DB>,
  actor: Actor,
  drawId: string,
  reason: string,
): Promise<{ requestId: number }> {
  const why = reason.trim();
  return audited(db, actor, DRAW_AUDIT.redrawRequest, drawId, { reason: why }, async (trx) => {
    const row = await lockDrawRow(trx, drawId);
    if (!allowed(actor, 'draws.manage', row.regime_code)) throw denied(row.regime_code, 'draws.manage');
    if (!why) throw new DrawError('DRAW-BAD-INPUT', '重新抽取须说明理由', 'a redraw needs a reason', 'reason');
    const replaced = await trx.selectFrom('draw').select('id').where('replaces', '=', drawId).executeTakeFirst();
    if (replaced)
      throw new DrawError(
        'DRAW-ALREADY-REPLACED',
        `抽取 ${drawId} 已被 ${replaced.id} 取代`,
        `draw ${drawId} was already replaced by ${replaced.id}`,
      );
    if ((await listRedrawRequests(trx, { drawId, pending: true })).length > 0)
      throw new DrawError(
        'DRAW-REQUEST-PENDING',
        `抽取 ${drawId} 已有待批准的重新抽取申请`,
        `draw ${drawId} already has a redraw request awaiting approval`,
      );
    const requestId = await insertRedrawRequest(trx, {
      drawId,
      reason: why,
      requestedBy: actor.id,
      requestedByUsername: actor.username,
    });
    return { result: { requestId }, entityId: drawId, after: { requestId, status: 'pending' } };
  });
}

export interface RedrawDecisionInput {
  requestId: number;
  decision: 'approve' | 'reject';
  today: string;
  /** For the new draw (approve). */
  seedHex: string;
  rules?: PlanningRules;
}

/**
 * A leader approves or rejects a pending redraw request. Approval creates the new draw (naming the
 * one it replaces, the reason and the approving account) and freezes it, and cancels the old draw's
 * tasks still planned; the old draw is kept. One may not approve one's own request.
 */
export async function decideRedraw(
  db: Kysely<DB>,
  actor: Actor,
  input: RedrawDecisionInput,
): Promise<{ newDraw: CreatedCampaignDraw | null; drawId: string }> {
  const action = input.decision === 'approve' ? DRAW_AUDIT.redrawApprove : DRAW_AUDIT.redrawReject;
  const pre = await db.selectFrom('draw_redraw_request').select('draw_id').where('id', '=', input.requestId).executeTakeFirst();
  return audited<{ newDraw: CreatedCampaignDraw | null; drawId: string }>(
    db,
    actor,
    action,
    pre?.draw_id ?? null,
    { requestId: input.requestId },
    async (trx) => {
      const request = await lockRedrawRequest(trx, input.requestId);
      if (!request)
        throw new DrawError(
          'DRAW-REQUEST-NOT-FOUND',
          `未找到重新抽取申请：${input.requestId}`,
          `no such redraw request: ${input.requestId}`,
        );
      const old = await lockDrawRow(trx, request.drawId);
      if (!allowed(actor, 'draws.approve', old.regime_code)) throw denied(old.regime_code, 'draws.approve');
      if (request.status !== 'pending')
        throw new DrawError(
          'DRAW-REQUEST-DECIDED',
          `该申请已处理（${request.status}）`,
          `the request was already decided (${request.status})`,
        );
      if (actor.id !== null && request.requestedBy === actor.id)
        throw new DrawError('DRAW-SELF-APPROVAL', '不能批准本人提出的申请', 'one may not decide one’s own request');
      if (input.decision === 'reject') {
        await decideRedrawRequest(trx, request.id, {
          status: 'rejected',
          decidedBy: actor.id,
          decidedByUsername: actor.username,
          newDrawId: null,
        });
        return {
          result: { newDraw: null, drawId: old.id },
          entityId: old.id,
          after: { requestId: request.id, status: 'rejected' },
        };
      }
      const created = await redrawIn(trx, {
        replaces: old.id,
        reason: request.reason,
        seedHex: input.seedHex,
        createdBy: request.requestedByUsername,
        drawnOn: input.today,
        approval: actor.id === null ? {} : { approvedByUser: actor.id },
      });
      const frozen = await freezeDrawIn(trx, created.id, { rules: input.rules });
      await decideRedrawRequest(trx, request.id, {
        status: 'approved',
        decidedBy: actor.id,
        decidedByUsername: actor.username,
        newDrawId: created.id,
      });
      const newDraw: CreatedCampaignDraw = {
        id: created.id,
        seedCommitment: created.seedCommitment,
        populationSha256: frozen.population_sha256,
        population: frozen.population.length,
        inspectors: frozen.inspectors.length,
      };
      return {
        result: { newDraw, drawId: old.id },
        entityId: old.id,
        after: { requestId: request.id, status: 'approved', replacedBy: created.id, reason: request.reason },
      };
    },
  );
}

export interface OfficerApprovedRedrawInput {
  replaces: string;
  reason: string;
  /** The approving officer's police number (the CLI's --approved-by). */
  approvedByOfficerCode: string;
  today: string;
  seedHex: string;
  rules?: PlanningRules;
}

/**
 * The CLI's redraw: the operator names the approving officer (`--approved-by`); the new draw is
 * created and frozen at once, the old one kept and its planned tasks cancelled.
 */
export async function redrawApprovedByOfficer(
  db: Kysely<DB>,
  actor: Actor,
  input: OfficerApprovedRedrawInput,
): Promise<CreatedCampaignDraw> {
  const details = { reason: input.reason.trim(), approvedBy: input.approvedByOfficerCode };
  return audited(db, actor, DRAW_AUDIT.redraw, input.replaces, details, async (trx) => {
    const old = await lockDrawRow(trx, input.replaces);
    if (!allowed(actor, 'draws.manage', old.regime_code)) throw denied(old.regime_code, 'draws.manage');
    const approver = await trx
      .selectFrom('officer')
      .select('id')
      .where('code', '=', input.approvedByOfficerCode)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!approver)
      throw new DrawError(
        'DRAW-OFFICER-NOT-FOUND',
        `未找到批准人（在职民警）：${input.approvedByOfficerCode}`,
        `no active officer with code ${input.approvedByOfficerCode} to approve the redraw`,
        'approvedBy',
      );
    const created = await redrawIn(trx, {
      replaces: old.id,
      reason: input.reason,
      seedHex: input.seedHex,
      createdBy: actor.username,
      drawnOn: input.today,
      approval: { approvedBy: approver.id },
    });
    const frozen = await freezeDrawIn(trx, created.id, { rules: input.rules });
    return {
      result: {
        id: created.id,
        seedCommitment: created.seedCommitment,
        populationSha256: frozen.population_sha256,
        population: frozen.population.length,
        inspectors: frozen.inspectors.length,
      },
      entityId: old.id,
      after: { replacedBy: created.id, seed_commitment: created.seedCommitment, population_sha256: frozen.population_sha256 },
    };
  });
}
