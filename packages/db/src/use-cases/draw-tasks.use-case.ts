/**
 * Issue 14 §2: the tasks a province's draw owes after its execution committed (`tasks_pending_from`),
 * created by the worker's `create-draw-tasks` job (and the CLI after `draw execute`) a bounded batch per
 * transaction. The database says what is owed, so a lost job, a wiped queue or a stopped worker only
 * delays the tasks: the next run resumes at the rank the last batch committed.
 */
import type { Assignment } from '@supervise/core';
import type { Kysely } from 'kysely';
import type { DB } from '../generated/db.js';
import { recordAudit } from '../repositories/audit.repository.js';
import { DRAW_TASK_BATCH, writeDrawTasks } from '../repositories/draw-tasks.js';
import { auditActor, type Actor } from './actor.js';

/** The worker creating the tasks (the draw's execution, by its account, was audited already). */
const SYSTEM: Actor = { id: null, username: 'system', principal: null, via: 'worker' };

export interface PendingDrawTasksResult {
  /** The draws worked on, with the tasks created for each. */
  draws: { id: string; created: number; done: boolean }[];
}

/**
 * Creates the owed tasks of every executed draw that has some (`tasks_pending_from` not null), oldest
 * execution first, `batch` targets per transaction: the draw row is locked, the next ranks' tasks
 * written and the rank moved on together, so a crash between batches loses nothing and creates
 * nothing twice. A replaced draw owes nothing (the redraw clears the rank under the same lock).
 * `shouldStop` is asked between batches (a worker stopping on SIGTERM): the rest waits for the next run.
 * The last batch of a draw writes its audit entry (the system's, once per draw).
 */
export async function createPendingDrawTasks(
  db: Kysely<DB>,
  opts: {
    /** Only this draw's (the CLI, after executing it). */
    drawId?: string;
    batch?: number;
    shouldStop?: () => boolean;
    onBatch?: (drawId: string, done: number, k: number) => void;
  } = {},
): Promise<PendingDrawTasksResult> {
  const batch = Math.max(1, opts.batch ?? DRAW_TASK_BATCH);
  let owed = db.selectFrom('draw').select('id').where('tasks_pending_from', 'is not', null);
  if (opts.drawId !== undefined) owed = owed.where('id', '=', opts.drawId);
  const pending = await owed.orderBy('executed_at').orderBy('id').execute();
  const result: PendingDrawTasksResult = { draws: [] };
  for (const { id } of pending) {
    if (opts.shouldStop?.()) break;
    // The lists never change once a draw is executed (draw_guard): read once, not per batch.
    const draw = await db
      .selectFrom('draw')
      .select(['id', 'regime_code', 'share_kind', 'window_from', 'drawn_on', 'selected', 'assignments'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const selected = draw.selected ?? [];
    const assignmentOf = new Map((draw.assignments as unknown as Assignment[]).map((a) => [a.target, a]));
    const work = { id, created: 0, done: false };
    result.draws.push(work);
    while (!work.done && !opts.shouldStop?.()) {
      work.done = await db.transaction().execute(async (trx) => {
        const head = await trx
          .selectFrom('draw')
          .select('tasks_pending_from')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const from = head.tasks_pending_from;
        if (from === null) return true;
        const to = Math.min(selected.length, from + batch);
        const targets = selected.slice(from, to);
        const assignments = targets.flatMap((t) => assignmentOf.get(t) ?? []);
        work.created += await writeDrawTasks(trx, draw, targets, assignments);
        const done = to >= selected.length;
        await trx
          .updateTable('draw')
          .set({ tasks_pending_from: done ? null : to })
          .where('id', '=', id)
          .execute();
        if (done) {
          const tasks = await trx
            .selectFrom('inspection')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('draw_id', '=', id)
            .executeTakeFirstOrThrow();
          await recordAudit(trx, {
            action: 'draw.tasks',
            ...auditActor(SYSTEM),
            entityType: 'draw',
            entityId: id,
            after: { tasks: Number(tasks.n), selected: selected.length },
            details: { via: 'worker' },
          });
        }
        opts.onBatch?.(id, to, selected.length);
        return done;
      });
    }
  }
  return result;
}
