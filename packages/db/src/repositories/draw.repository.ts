import {
  DRAW_ALGORITHM,
  REGIME_CATALOGUE,
  drawRuleOf,
  freezeDrawGrouped,
  candidateInspectors,
  drawCount,
  samplerSeedString,
  startDrawExecution,
  isSeedHex,
  officerUnavailability,
  seedCommitment,
  type Assignment,
  type DrawOutcome,
  type DrawRecord,
  type DrawShare,
  type ExclusionGroup,
  type GroupedFrozenDraw,
  type OfficerAvailabilityFacts,
  type PlanningRules,
  type RegimeCode,
} from '@supervise/core';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { DB, Draw } from '../generated/db.js';
import { anyOf } from './any-of.js';
import { excludedPairsOf, unpackExclusions } from './draw-exclusions.js';
import { INLINE_DRAW_TASKS, writeDrawTasks } from './draw-tasks.js';
import { splitJoinedCodes, textArray } from './joined-codes.js';
import { candidateKeyBlocks, startKeyThreads } from './draw-ticket-keys.js';
import { loadOfficerAvailability } from './roster.repository.js';

/**
 * Verifiable draws (双随机、一公开, shared/verifiable-draw.md): create (seed committed, kept in escrow),
 * freeze (population and roster fixed), execute (seed revealed, targets and inspectors drawn, tasks
 * created), redraw (a new draw naming the one it replaces). Rows are never deleted or overwritten: the
 * database's `draw_guard` trigger refuses it. Each step runs in its own transaction, the draw row locked.
 */

export type DrawRow = Selectable<Draw>;
export type DrawStatus = 'created' | 'frozen' | 'executed';

export type DrawErrorCode =
  | 'DRAW-NOT-FOUND'
  | 'DRAW-WRONG-STATUS'
  | 'DRAW-NO-RULE'
  | 'DRAW-BAD-INPUT'
  | 'DRAW-OFFICER-NOT-FOUND'
  | 'DRAW-ALREADY-REPLACED'
  | 'DRAW-NO-BRIGADE'
  | 'DRAW-DENIED'
  | 'DRAW-RULE'
  | 'DRAW-REQUEST-NOT-FOUND'
  | 'DRAW-REQUEST-PENDING'
  | 'DRAW-REQUEST-DECIDED'
  | 'DRAW-SELF-APPROVAL'
  | 'DRAW-EXECUTE-FAILED';

/** A refusal, in Chinese and English. */
export class DrawError extends Error {
  override readonly name = 'DrawError';
  constructor(
    readonly code: DrawErrorCode,
    readonly zh: string,
    readonly en: string,
    /** The input at fault (a form field), when one is. */
    readonly field?: string,
    /** The rule broken, e.g. "R09-SPECIAL（R09 监督检查方式 2）". */
    readonly rule?: string | null,
  ) {
    super(`${zh} / ${en}`);
  }
}

export interface CreateDrawInput {
  regime: RegimeCode;
  campaign: string;
  /** Defaults to the regime's rule in force on `drawnOn` (R09 min 0.30, R10 min 0.20, R14 max 0.05). */
  share?: DrawShare;
  /** Required for a maximum share (R14), null for a minimum share. */
  requested?: number | null;
  /** The campaign window: officers on leave overlapping it are excluded; tasks are planned in it. */
  windowFrom: string;
  windowTo: string;
  /** The draw date (Asia/Shanghai): officers need a credential valid on it. */
  drawnOn: string;
  /** 32 bytes as 64 lowercase hex digits, from the caller's cryptographic random source. Kept secret. */
  seedHex: string;
  createdBy: string;
  rules?: PlanningRules;
}

export interface CreatedDraw {
  id: string;
  seedCommitment: string;
}

/** The columns that grow with the population (100,000 codes, a million exclusions in a province). */
const DRAW_LISTS = ['population', 'inspectors', 'excluded', 'selected', 'assignments', 'unstaffed'] as const;
type DrawListColumn = (typeof DRAW_LISTS)[number];
/** A draw row without its lists: what a lock, a status or a scope check needs. */
export type DrawHead = Omit<DrawRow, DrawListColumn>;
const DRAW_HEAD = [
  'id',
  'algorithm',
  'regime_code',
  'campaign',
  'window_from',
  'window_to',
  'drawn_on',
  'status',
  'share_kind',
  'share_value',
  'requested',
  'seed_commitment',
  'population_sha256',
  'k',
  'seed',
  'beacon',
  'replaces',
  'replace_reason',
  'approved_by',
  'approved_by_user',
  'created_by',
  'created_at',
  'frozen_at',
  'executed_at',
  'execute_failures',
  'last_execute_failure',
  'last_execute_failed_at',
  'tasks_pending_from',
] as const satisfies readonly Exclude<keyof DrawRow, DrawListColumn>[];

/**
 * Locks a draw and reads it without its lists (issue 14: reading them is megabytes of JSON a province's
 * draw need not parse twice). The lists are read once, by the step that uses them.
 */
async function lockDraw(trx: Kysely<DB>, id: string): Promise<DrawHead> {
  const row = await trx.selectFrom('draw').select(DRAW_HEAD).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new DrawError('DRAW-NOT-FOUND', `未找到抽取：${id}`, `no such draw: ${id}`);
  return row;
}

/**
 * A draw's lists. Issue 14: the population (100,000 codes) travels as one string joined by line
 * breaks, not as an array literal the client parses code by code; as an array only if a code holds a
 * line break (then the split does not give back as many codes as the array has).
 */
async function drawLists(trx: Kysely<DB>, id: string): Promise<Pick<DrawRow, DrawListColumn>> {
  const row = await trx
    .selectFrom('draw')
    .select(DRAW_LISTS.filter((c) => c !== 'population'))
    .select([
      sql<string | null>`array_to_string(population, E'\n')`.as('joined'),
      sql<number | null>`cardinality(population)`.as('n'),
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const { joined, n, ...lists } = row;
  if (n === null) return { ...lists, population: null };
  const population =
    splitJoinedCodes(joined, n) ??
    (await trx.selectFrom('draw').select('population').where('id', '=', id).executeTakeFirstOrThrow()).population;
  return { ...lists, population };
}

function wrongStatus(row: DrawHead, expected: string): DrawError {
  return new DrawError(
    'DRAW-WRONG-STATUS',
    `抽取 ${row.id} 的状态为 ${row.status}，应为 ${expected}`,
    `draw ${row.id} is ${row.status}, expected ${expected}`,
  );
}

function resolveShare(input: CreateDrawInput): { share: DrawShare; requested: number | null } {
  const rule = drawRuleOf(input.regime, input.drawnOn, input.rules);
  const share = input.share ?? rule?.share;
  if (!share)
    throw new DrawError(
      'DRAW-NO-RULE',
      `${input.regime} 没有抽查规则：请给出比例`,
      `${input.regime} has no campaign or spot-check rule: give a share`,
    );
  const requested = input.requested ?? null;
  if (share.kind === 'max' && requested === null)
    throw new DrawError(
      'DRAW-BAD-INPUT',
      `最高比例抽查（${share.value}）须给出请求数`,
      `a maximum-share draw (${share.value}) needs the requested number`,
    );
  if (share.kind === 'min' && requested !== null)
    throw new DrawError('DRAW-BAD-INPUT', '最低比例抽查不接受请求数', 'a minimum-share draw takes no requested number');
  return { share, requested };
}

/** Step 1: stores the draw and its seed commitment; the seed goes to escrow, not to the draw row. */
export async function createDraw(db: Kysely<DB>, input: CreateDrawInput): Promise<CreatedDraw> {
  return db.transaction().execute((trx) => insertDraw(trx, input, null));
}

/** The approval of a redraw: an officer (CLI `--approved-by`) or a leader's account (the web). */
export interface RedrawApproval {
  id: string;
  reason: string;
  approvedBy?: number | null;
  approvedByUser?: number | null;
}

/** Step 1 inside the caller's transaction (a use-case composes it with its audit entry). */
export async function insertDraw(trx: Kysely<DB>, input: CreateDrawInput, replaces: RedrawApproval | null): Promise<CreatedDraw> {
  if (!isSeedHex(input.seedHex))
    throw new DrawError('DRAW-BAD-INPUT', '种子应为 32 字节（64 位十六进制）', 'the seed must be 32 bytes (64 hex digits)');
  if (!input.campaign.trim()) throw new DrawError('DRAW-BAD-INPUT', '须给出专项名称', 'the campaign needs a name');
  const { share, requested } = resolveShare(input);
  const commitment = seedCommitment(input.seedHex);
  const row = await trx
    .insertInto('draw')
    .values({
      algorithm: DRAW_ALGORITHM,
      regime_code: input.regime,
      campaign: input.campaign.trim(),
      window_from: input.windowFrom,
      window_to: input.windowTo,
      drawn_on: input.drawnOn,
      share_kind: share.kind,
      share_value: share.value,
      requested,
      seed_commitment: commitment,
      replaces: replaces?.id ?? null,
      replace_reason: replaces?.reason ?? null,
      approved_by: replaces?.approvedBy ?? null,
      approved_by_user: replaces?.approvedByUser ?? null,
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('draw_seed_escrow').values({ draw_id: row.id, seed: input.seedHex }).execute();
  return { id: row.id, seedCommitment: commitment };
}

/** The roster and population a draw would freeze, with every exclusion and its reason (grouped). */
export async function loadDrawFrame(
  db: Kysely<DB>,
  draw: Pick<DrawRow, 'regime_code' | 'drawn_on' | 'window_from' | 'window_to'>,
  rules?: PlanningRules,
): Promise<GroupedFrozenDraw> {
  const regime = draw.regime_code as RegimeCode;
  const rule = drawRuleOf(regime, draw.drawn_on, rules);
  const kinds = rule?.kinds ?? REGIME_CATALOGUE.find((r) => r.code === regime)?.targetKinds ?? [];
  const brigadeName = (rule?.brigade ?? REGIME_CATALOGUE.find((r) => r.code === regime)?.brigade)?.zh;
  const brigade = brigadeName
    ? await db.selectFrom('brigade').select('id').where('name_zh', '=', brigadeName).executeTakeFirst()
    : undefined;
  if (!brigade)
    throw new DrawError('DRAW-NO-BRIGADE', `未找到 ${regime} 的主管大队`, `no brigade found responsible for ${regime}`);

  // Population: active entities of the regime's kinds, by their stable public code.
  const population = kinds.length === 0 ? [] : await populationCodes(db, regime, kinds, draw.drawn_on);

  // Roster: the brigade's officers in office with an enforcement credential valid on the draw date;
  // exclusions: core's availability rule (`officerUnavailability`) over the days the tasks may be
  // carried out, from the planned day (the window's start, or the draw date if later) to the window's end.
  const candidates = await db
    .selectFrom('officer')
    .select(['id', 'code'])
    .where('brigade_id', '=', brigade.id)
    .where('active', '=', true)
    .where('credential_no', 'is not', null)
    .execute();
  const taskFrom = draw.window_from > draw.drawn_on ? draw.window_from : draw.drawn_on;
  // Recusals are read below, with their entities' codes (issue 14: not 100,000 entity ids bound here).
  const facts = await loadOfficerAvailability(db, {
    officerIds: candidates.map((o) => Number(o.id)),
    from: taskFrom,
    to: draw.window_to,
    entityIds: [],
  });
  const officers = candidates.filter((o) =>
    officerUnavailability(facts.get(Number(o.id))!, { on: draw.drawn_on }).every((r) => r === 'on_leave'),
  );

  const excluded: ExclusionGroup[] = [];
  if (population.length > 0 && officers.length > 0) {
    // 回避 in force in the window, for entities of the population: the public record carries the fact
    // and its date, not the private reason (the latest declaration of a pair).
    const declared = await db
      .selectFrom('officer_recusal as r')
      .innerJoin('entity as e', 'e.id', 'r.entity_id')
      .select(['r.officer_id', 'r.entity_id', 'e.code', 'r.declared_on', 'r.withdrawn_on'])
      .where(
        'r.officer_id',
        '=',
        anyOf(
          officers.map((o) => o.id),
          'bigint',
        ),
      )
      .where((eb) => eb.or([eb('r.withdrawn_on', 'is', null), eb('r.withdrawn_on', '>', taskFrom)]))
      .where((eb) => inPopulation(eb, regime, kinds, draw.drawn_on))
      .orderBy('r.declared_on')
      .execute();
    const recusalsOf = new Map<string, Map<string, { code: string; declaredOn: string; withdrawnOn: string | null }>>();
    for (const r of declared) {
      const officerId = String(r.officer_id);
      let byEntity = recusalsOf.get(officerId);
      if (!byEntity) recusalsOf.set(officerId, (byEntity = new Map()));
      byEntity.set(String(r.entity_id), { code: r.code, declaredOn: String(r.declared_on), withdrawnOn: r.withdrawn_on });
    }
    // Issue 14 §2: core's rule is asked once per officer, and again with the entity only for the entities
    // the officer declared a recusal for (only those can change the answer). A reason that holds for
    // every entity is one group ('population'), never 100,000 entries; core's freeze keeps each pair's
    // first reason, as it did for the list.
    const reasonsOf = (f: OfficerAvailabilityFacts, e: { id: string; declaredOn: string } | null) =>
      officerUnavailability(f, { ...(e ? { entityId: e.id } : {}), on: taskFrom, through: draw.window_to })
        .map((w) =>
          w === 'recused'
            ? `recusal: declared ${e?.declaredOn ?? ''}`
            : w === 'on_leave'
              ? // The published record names the fact, not the officer's leave dates (personal data).
                'leave: during the campaign window'
              : w === 'credential_expired'
                ? `credential: expires ${f.credentialExpiresOn ?? ''}`
                : null,
        )
        .filter((r): r is string => r !== null);
    for (const o of officers) {
      const f = facts.get(Number(o.id))!;
      for (const reason of reasonsOf(f, null)) excluded.push({ inspector: o.code, reason, targets: 'population' });
      const recusals = recusalsOf.get(String(o.id));
      if (!recusals) continue;
      const withRecusals: OfficerAvailabilityFacts = {
        ...f,
        recusals: [...recusals].map(([entityId, r]) => ({ entityId, withdrawnOn: r.withdrawnOn })),
      };
      const targetsOf = new Map<string, string[]>();
      for (const [id, r] of recusals)
        for (const reason of reasonsOf(withRecusals, { id, declaredOn: r.declaredOn })) {
          const targets = targetsOf.get(reason);
          if (targets) targets.push(r.code);
          else targetsOf.set(reason, [r.code]);
        }
      for (const [reason, targets] of targetsOf) excluded.push({ inspector: o.code, reason, targets });
    }
  }

  return freezeDrawGrouped({ population, inspectors: officers.map((o) => o.code), excluded });
}

/**
 * The codes of a draw's population in UTF-8 byte order (collation "C" of a UTF-8 database), so core
 * only checks the order. Issue 14: one row, the codes joined by line breaks, rather than 100,000 rows
 * for the client to parse one by one; read a row a code only if a code holds a line break.
 */
async function populationCodes(db: Kysely<DB>, regime: string, kinds: readonly string[], drawnOn: string): Promise<string[]> {
  const joined = await db
    .selectFrom('entity as e')
    .select([
      sql<string | null>`string_agg(e.code, E'\n' order by e.code collate "C")`.as('codes'),
      sql<number>`count(*)`.as('n'),
    ])
    .where((eb) => inPopulation(eb, regime, kinds, drawnOn))
    .executeTakeFirstOrThrow();
  const codes = splitJoinedCodes(joined.codes, Number(joined.n));
  if (codes) return codes;
  const rows = await db
    .selectFrom('entity as e')
    .select('e.code')
    .where((eb) => inPopulation(eb, regime, kinds, drawnOn))
    .orderBy(sql`e.code collate "C"`)
    .execute();
  return rows.map((e) => e.code);
}

/** The draw's population: active entities of the regime's kinds registered by the draw date (`entity as e`). */
function inPopulation(
  eb: ExpressionBuilder<DB & { e: DB['entity'] }, 'e'>,
  regime: string,
  kinds: readonly string[],
  drawnOn: string,
) {
  return eb.and([
    eb('e.regime_code', '=', regime),
    eb('e.kind', 'in', [...kinds]),
    eb('e.status', '=', 'active'),
    eb('e.registered_on', '<=', drawnOn),
  ]);
}

/** Step 2: fixes the population, its hash, the roster and the exclusions. */
export async function freezeCreatedDraw(
  db: Kysely<DB>,
  id: string,
  opts: { rules?: PlanningRules } = {},
): Promise<GroupedFrozenDraw> {
  return db.transaction().execute((trx) => freezeDrawIn(trx, id, opts));
}

/** Step 2 inside the caller's transaction. */
export async function freezeDrawIn(
  trx: Kysely<DB>,
  id: string,
  opts: { rules?: PlanningRules } = {},
): Promise<GroupedFrozenDraw> {
  const row = await lockDraw(trx, id);
  if (row.status !== 'created') throw wrongStatus(row, 'created');
  const frozen = await loadDrawFrame(trx, row, opts.rules);
  await trx
    .updateTable('draw')
    .set({
      status: 'frozen',
      population: textArray(frozen.population),
      population_sha256: frozen.population_sha256,
      inspectors: frozen.inspectors,
      // Grouped as packExclusions would group the list (issue 14), built so from the start.
      excluded: JSON.stringify(frozen.exclusions),
      frozen_at: sql<string>`now()`,
    })
    .where('id', '=', id)
    .execute();
  return frozen;
}

export interface ExecutedDraw extends DrawOutcome {
  id: string;
  seed: string;
  beacon: string;
  tasks: TaskResult;
}

export interface TaskResult {
  /** Inspections created now. */
  created: number;
  /** Inspections that already existed (executing twice creates nothing twice). */
  existing: number;
  /**
   * Tasks the worker creates after the execution (issue 14: a draw of more than INLINE_DRAW_TASKS
   * targets), counted from `tasks_pending_from`; 0 when every task exists.
   */
  pending: number;
}

/** Step 3: reveals the seed, draws targets and inspectors, and creates the inspection tasks. Idempotent. */
export async function executeFrozenDraw(db: Kysely<DB>, id: string, opts: ExecuteDrawOptions = {}): Promise<ExecutedDraw> {
  return db.transaction().execute((trx) => executeDrawIn(trx, id, opts));
}

export interface ExecuteDrawOptions {
  beacon?: string;
  /** Targets up to which the tasks are created in the execution's transaction (default INLINE_DRAW_TASKS). */
  inlineTasks?: number;
}

/**
 * Step 3 inside the caller's transaction. The draw is recorded with its result; its tasks are written
 * in the same transaction when there are at most `inlineTasks`, else the rank from which they are owed
 * is recorded (`tasks_pending_from` = 0) and the worker creates them after the commit (issue 14 §2:
 * a province's 30,000 tasks take longer to write than the whole draw may). Executing an executed draw
 * again creates the tasks it lacks, unless the worker still owes them.
 */
export async function executeDrawIn(trx: Kysely<DB>, id: string, opts: ExecuteDrawOptions = {}): Promise<ExecutedDraw> {
  const row = await lockDraw(trx, id);
  if (row.status !== 'executed' && row.status !== 'frozen') throw wrongStatus(row, 'frozen');
  const lists = await drawLists(trx, id);
  if (row.status === 'executed') {
    const outcome = outcomeOf({ ...row, ...lists });
    const owed = row.tasks_pending_from === null ? 0 : outcome.selected.length - row.tasks_pending_from;
    const created = owed > 0 ? 0 : await writeDrawTasks(trx, row, outcome.selected, outcome.assignments);
    const existing = outcome.selected.length - owed - created;
    return { id, ...outcome, seed: row.seed!, beacon: row.beacon!, tasks: { created, existing, pending: owed } };
  }
  const escrow = await trx.selectFrom('draw_seed_escrow').select('seed').where('draw_id', '=', id).executeTakeFirstOrThrow();
  const seed = escrow.seed;
  const beacon = opts.beacon ?? '';
  const population = lists.population!;
  const excluded = excludedPairsOf(lists.excluded, population);
  const share = { kind: row.share_kind as DrawShare['kind'], value: row.share_value };
  const seedString = samplerSeedString(seed, beacon);
  // Issue 14: a province's inspector tickets (5 million) are computed on every core ahead of the
  // choice, by threads that start now and load while the targets are drawn; a district's draw starts
  // none, its blocks come without keys and its assigner computes them itself.
  const threads = startKeyThreads(
    seedString,
    candidateInspectors(lists.inspectors!, excluded),
    drawCount(share, row.requested, population.length),
  );
  const assignments: Assignment[] = [];
  const unstaffed: string[] = [];
  let drawn: { k: number; selected: string[] };
  try {
    const { k, selected, assigner } = startDrawExecution(
      { population, inspectors: lists.inspectors!, excluded },
      share,
      row.requested,
      seed,
      beacon,
    );
    drawn = { k, selected };
    for await (const block of candidateKeyBlocks(seedString, selected, assigner.candidateIds, { started: threads })) {
      const part = assigner.step(block.targets, block.keys);
      for (const a of part.assignments) assignments.push(a);
      for (const t of part.unstaffed) unstaffed.push(t);
    }
  } finally {
    await threads?.close();
  }
  const { k, selected } = drawn;
  const inline = selected.length <= (opts.inlineTasks ?? INLINE_DRAW_TASKS);
  await trx
    .updateTable('draw')
    .set({
      status: 'executed',
      seed,
      beacon,
      k,
      selected,
      assignments: JSON.stringify(assignments),
      unstaffed,
      executed_at: sql<string>`now()`,
      tasks_pending_from: inline || selected.length === 0 ? null : 0,
    })
    .where('id', '=', id)
    .execute();
  const created = inline ? await writeDrawTasks(trx, row, selected, assignments) : 0;
  const tasks = inline
    ? { created, existing: selected.length - created, pending: 0 }
    : { created: 0, existing: 0, pending: selected.length };
  return { id, k, selected, assignments, unstaffed, seed, beacon, tasks };
}

function outcomeOf(row: Pick<DrawRow, 'k' | 'selected' | 'assignments' | 'unstaffed'>): DrawOutcome {
  return {
    k: row.k!,
    selected: row.selected!,
    assignments: row.assignments as unknown as Assignment[],
    unstaffed: row.unstaffed!,
  };
}

export interface RedrawInput {
  replaces: string;
  reason: string;
  approvedByOfficerCode: string;
  seedHex: string;
  createdBy: string;
  drawnOn: string;
}

/** A redraw inside the caller's transaction, approved by an officer or a leader's account. */
export async function redrawIn(
  trx: Kysely<DB>,
  input: Omit<RedrawInput, 'approvedByOfficerCode'> & { approval: { approvedBy?: number; approvedByUser?: number } },
): Promise<CreatedDraw> {
  const old = await lockDraw(trx, input.replaces);
  if (!input.reason.trim()) throw new DrawError('DRAW-BAD-INPUT', '重新抽取须说明理由', 'a redraw needs a reason', 'reason');
  const already = await trx.selectFrom('draw').select('id').where('replaces', '=', old.id).executeTakeFirst();
  if (already)
    throw new DrawError(
      'DRAW-ALREADY-REPLACED',
      `抽取 ${old.id} 已被 ${already.id} 取代`,
      `draw ${old.id} was already replaced by ${already.id}`,
    );
  await trx
    .updateTable('inspection')
    .set({ status: 'cancelled' })
    .where('draw_id', '=', old.id)
    .where('status', '=', 'planned')
    .execute();
  // Tasks the worker still owed the replaced draw are not created (issue 14; the old row is locked).
  if (old.tasks_pending_from !== null)
    await trx.updateTable('draw').set({ tasks_pending_from: null }).where('id', '=', old.id).execute();
  return insertDraw(
    trx,
    {
      regime: old.regime_code as RegimeCode,
      campaign: old.campaign,
      share: { kind: old.share_kind as DrawShare['kind'], value: old.share_value },
      requested: old.requested,
      windowFrom: old.window_from,
      windowTo: old.window_to,
      drawnOn: input.drawnOn,
      seedHex: input.seedHex,
      createdBy: input.createdBy,
    },
    { id: old.id, reason: input.reason.trim(), ...input.approval },
  );
}

/** A draw's public summary: never the seed before execution. */
export async function findDraw(db: Kysely<DB>, id: string): Promise<DrawRow | undefined> {
  return db.selectFrom('draw').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Draws of a regime (and campaign), newest first, replaced ones included. */
export async function listDraws(db: Kysely<DB>, filter: { regime?: string; campaign?: string } = {}): Promise<DrawRow[]> {
  let q = db.selectFrom('draw').selectAll();
  if (filter.regime) q = q.where('regime_code', '=', filter.regime);
  if (filter.campaign) q = q.where('campaign', '=', filter.campaign);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** The published record of an executed draw, field for field as shared/verifiable-draw.md shows it. */
export async function getDrawRecord(db: Kysely<DB>, id: string): Promise<DrawRecord> {
  const row = await db
    .selectFrom('draw')
    .selectAll()
    .select(
      sql<string>`to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`.as('created_at_local'),
    )
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DrawError('DRAW-NOT-FOUND', `未找到抽取：${id}`, `no such draw: ${id}`);
  if (row.status !== 'executed') throw wrongStatus(row, 'executed');
  return {
    algorithm: DRAW_ALGORITHM,
    draw_id: row.id,
    regime: row.regime_code,
    campaign: row.campaign,
    created_at: row.created_at_local,
    population: row.population!,
    population_sha256: row.population_sha256!,
    inspectors: row.inspectors!,
    share: { kind: row.share_kind as DrawShare['kind'], value: row.share_value },
    requested: row.requested,
    k: row.k!,
    seed_commitment: row.seed_commitment,
    seed: row.seed!,
    beacon: row.beacon!,
    selected: row.selected!,
    assignments: row.assignments as unknown as Assignment[],
    unstaffed: row.unstaffed!,
    excluded: unpackExclusions(row.excluded, row.population!),
    replaces: row.replaces,
    names: await drawRecordNames(db, row.population!, row.inspectors!),
  };
}

/**
 * Who the codes of a record are, for readers (一公开): entity codes → names, officers' police numbers →
 * names. Nothing else about an officer is published. Not part of the verification.
 */
async function drawRecordNames(
  db: Kysely<DB>,
  population: readonly string[],
  inspectors: readonly string[],
): Promise<NonNullable<DrawRecord['names']>> {
  const entities = population.length
    ? await db
        .selectFrom('entity')
        .select(['code', 'name'])
        .where('code', '=', anyOf(population, 'text'))
        .orderBy('code')
        .execute()
    : [];
  const officers = inspectors.length
    ? await db
        .selectFrom('officer')
        .select(['code', 'name'])
        .where('code', '=', anyOf(inspectors, 'text'))
        .orderBy('code')
        .execute()
    : [];
  return {
    entities: Object.fromEntries(entities.map((e) => [e.code, e.name])),
    officers: Object.fromEntries(officers.map((o) => [o.code, o.name])),
  };
}

/**
 * R14 "抽查面不超过5%/年": what the year's live spot-check draws of a regime already cover (k once
 * executed, else the requested number). A replaced draw no longer counts.
 */
export async function spotChecksDrawnInYear(db: Kysely<DB>, regime: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('draw as d')
    .select(sql<string>`coalesce(sum(coalesce(d.k, d.requested)), 0)`.as('n'))
    .where('d.regime_code', '=', regime)
    .where('d.share_kind', '=', 'max')
    .where('d.drawn_on', '>=', `${year}-01-01`)
    .where('d.drawn_on', '<=', `${year}-12-31`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('draw as r').select('r.id').whereRef('r.replaces', '=', 'd.id'))))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The draw that replaces `id`, if any. */
export async function replacementOf(db: Kysely<DB>, id: string): Promise<string | null> {
  const row = await db.selectFrom('draw').select('id').where('replaces', '=', id).executeTakeFirst();
  return row?.id ?? null;
}

/** A draw as a list or the public page shows it: never the seed before execution. */
export interface DrawSummary {
  id: string;
  regime: string;
  campaign: string;
  status: DrawStatus;
  share: DrawShare;
  requested: number | null;
  windowFrom: string;
  windowTo: string;
  createdAt: string;
  createdBy: string;
  seedCommitment: string;
  populationSha256: string | null;
  populationSize: number | null;
  k: number | null;
  replaces: string | null;
  replacedBy: string | null;
  /** Tasks the worker still owes an executed draw (issue 14 §2); 0 when all exist. */
  tasksPending: number;
}

/** Draws, newest first, replaced ones included; `regimes` limits them to a scope. */
export async function listDrawSummaries(
  db: Kysely<DB>,
  filter: { regimes?: readonly string[]; id?: string } = {},
): Promise<DrawSummary[]> {
  if (filter.regimes && filter.regimes.length === 0) return [];
  let q = db
    .selectFrom('draw as d')
    .leftJoin('draw as r', 'r.replaces', 'd.id')
    .select([
      'd.id',
      'd.regime_code',
      'd.campaign',
      'd.status',
      'd.share_kind',
      'd.share_value',
      'd.requested',
      'd.window_from',
      'd.window_to',
      'd.created_by',
      'd.seed_commitment',
      'd.population_sha256',
      'd.k',
      'd.replaces',
      'd.tasks_pending_from',
      'r.id as replaced_by',
      sql<number | null>`cardinality(d.population)`.as('population_size'),
      sql<string>`to_char(d.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`.as('created_at_local'),
    ]);
  if (filter.regimes) q = q.where('d.regime_code', 'in', [...filter.regimes]);
  if (filter.id !== undefined) q = q.where('d.id', '=', filter.id);
  const rows = await q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    regime: r.regime_code,
    campaign: r.campaign,
    status: r.status as DrawStatus,
    share: { kind: r.share_kind as DrawShare['kind'], value: r.share_value },
    requested: r.requested,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    createdAt: r.created_at_local,
    createdBy: r.created_by,
    seedCommitment: r.seed_commitment,
    populationSha256: r.population_sha256,
    populationSize: r.population_size === null ? null : Number(r.population_size),
    k: r.k,
    replaces: r.replaces,
    replacedBy: r.replaced_by,
    tasksPending: r.tasks_pending_from === null ? 0 : (r.k ?? 0) - r.tasks_pending_from,
  }));
}

export async function findDrawSummary(db: Kysely<DB>, id: string): Promise<DrawSummary | undefined> {
  return (await listDrawSummaries(db, { id }))[0];
}

export type RedrawRequestStatus = 'pending' | 'approved' | 'rejected';

export interface RedrawRequestRow {
  id: number;
  drawId: string;
  reason: string;
  requestedBy: number | null;
  requestedByUsername: string;
  requestedAt: string;
  status: RedrawRequestStatus;
  decidedByUsername: string | null;
  decidedAt: string | null;
  newDrawId: string | null;
}

const requestColumns = [
  'id',
  'draw_id',
  'reason',
  'requested_by',
  'requested_by_username',
  'status',
  'decided_by_username',
  'new_draw_id',
  sql<string>`to_char(requested_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`.as('requested_at_local'),
  sql<string | null>`to_char(decided_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`.as('decided_at_local'),
] as const;

function toRequest(r: {
  id: number;
  draw_id: string;
  reason: string;
  requested_by: number | null;
  requested_by_username: string;
  status: string;
  decided_by_username: string | null;
  new_draw_id: string | null;
  requested_at_local: string;
  decided_at_local: string | null;
}): RedrawRequestRow {
  return {
    id: Number(r.id),
    drawId: r.draw_id,
    reason: r.reason,
    requestedBy: r.requested_by === null ? null : Number(r.requested_by),
    requestedByUsername: r.requested_by_username,
    requestedAt: r.requested_at_local,
    status: r.status as RedrawRequestStatus,
    decidedByUsername: r.decided_by_username,
    decidedAt: r.decided_at_local,
    newDrawId: r.new_draw_id,
  };
}

/** The redraw requests of a draw, or (no draw id) every pending one, oldest first. */
export async function listRedrawRequests(
  db: Kysely<DB>,
  filter: { drawId?: string; pending?: boolean },
): Promise<RedrawRequestRow[]> {
  let q = db.selectFrom('draw_redraw_request').select(requestColumns);
  if (filter.drawId) q = q.where('draw_id', '=', filter.drawId);
  if (filter.pending) q = q.where('status', '=', 'pending');
  return (await q.orderBy('id').execute()).map(toRequest);
}

/** One request, locked for its decision. */
export async function lockRedrawRequest(trx: Kysely<DB>, id: number): Promise<RedrawRequestRow | undefined> {
  const row = await trx
    .selectFrom('draw_redraw_request')
    .select(requestColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export async function insertRedrawRequest(
  trx: Kysely<DB>,
  r: { drawId: string; reason: string; requestedBy: number | null; requestedByUsername: string },
): Promise<number> {
  const row = await trx
    .insertInto('draw_redraw_request')
    .values({ draw_id: r.drawId, reason: r.reason, requested_by: r.requestedBy, requested_by_username: r.requestedByUsername })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function decideRedrawRequest(
  trx: Kysely<DB>,
  id: number,
  d: { status: 'approved' | 'rejected'; decidedBy: number | null; decidedByUsername: string; newDrawId: string | null },
): Promise<void> {
  await trx
    .updateTable('draw_redraw_request')
    .set({
      status: d.status,
      decided_by: d.decidedBy,
      decided_by_username: d.decidedByUsername,
      decided_at: sql<string>`now()`,
      new_draw_id: d.newDrawId,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Locks a draw row for a use-case's scope check and status read. */
export async function lockDrawRow(trx: Kysely<DB>, id: string): Promise<DrawHead> {
  return lockDraw(trx, id);
}
