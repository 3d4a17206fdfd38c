/**
 * Issue 14 §2: a draw of more than `inlineTasks` targets is recorded without its tasks, and
 * `createPendingDrawTasks` (the worker's `create-draw-tasks`, the CLI after `draw execute`) creates
 * them a batch per transaction: the same tasks and officers the execution would have created, resumed
 * where a stopped run left off, never twice, none for a replaced draw, audited once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByUsername } from '../repositories/account.repository.js';
import { findDrawSummary } from '../repositories/draw.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { createPendingDrawTasks } from './draw-tasks.use-case.js';
import { createCampaignDraw, executeDraw, redrawApprovedByOfficer } from './draw.use-case.js';

const TODAY = '2026-11-27';
const seedHex = (label: string) => createHash('sha256').update(label).digest('hex');

let t: TestDatabase;
let scheduler: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: TODAY });
  const a = (await findAccountByUsername(t.db, 'scheduler'))!;
  scheduler = { id: a.id, username: a.username, principal: { roles: a.roles }, via: 'web' };
});
afterAll(async () => t?.drop());

/** The draw's tasks as (entity code, officers sorted), by rank of creation. */
async function tasksOf(drawId: string) {
  const rows = await t.db
    .selectFrom('inspection as i')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .leftJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
    .leftJoin('officer as o', 'o.id', 'io.officer_id')
    .select(['i.id', 'e.code', 'o.code as officer', 'i.status', 'i.trigger'])
    .where('i.draw_id', '=', drawId)
    .orderBy('i.id')
    .orderBy('o.code')
    .execute();
  const byTask = new Map<string, { code: string; status: string; officers: string[] }>();
  for (const r of rows) {
    const task = byTask.get(String(r.id)) ?? { code: r.code, status: r.status, officers: [] };
    if (r.officer) task.officers.push(r.officer);
    byTask.set(String(r.id), task);
  }
  return [...byTask.values()];
}

async function drawn(label: string) {
  const created = await createCampaignDraw(t.db, scheduler, {
    regime: 'R09',
    campaign: label,
    today: TODAY,
    seedHex: seedHex(label),
  });
  return created.id;
}

describe('a draw whose tasks the worker creates after it', () => {
  it('is recorded without tasks, then gets exactly the tasks and officers of its record, a batch at a time', async () => {
    const id = await drawn('deferred-1');
    const executed = await executeDraw(t.db, scheduler, id, { beacon: 'b', inlineTasks: 0 });
    expect(executed.k).toBeGreaterThan(3);
    expect(executed.tasks).toEqual({ created: 0, existing: 0, pending: executed.k });
    expect(await tasksOf(id)).toEqual([]);
    expect((await findDrawSummary(t.db, id))!.tasksPending).toBe(executed.k);

    // A run stopped after its first batch of 2 (a worker's SIGTERM): 2 tasks, the rest still owed.
    let batches = 0;
    const first = await createPendingDrawTasks(t.db, { batch: 2, shouldStop: () => batches > 0, onBatch: () => batches++ });
    expect(first.draws).toEqual([{ id, created: 2, done: false }]);
    expect((await findDrawSummary(t.db, id))!.tasksPending).toBe(executed.k - 2);

    // The next run resumes at rank 2 and finishes; a third finds nothing owed.
    const rest = await createPendingDrawTasks(t.db, { batch: 2 });
    expect(rest.draws).toEqual([{ id, created: executed.k - 2, done: true }]);
    expect((await createPendingDrawTasks(t.db)).draws).toEqual([]);
    expect((await findDrawSummary(t.db, id))!.tasksPending).toBe(0);

    // The tasks are the record's: every target in rank order, its two drawn officers (none if unstaffed).
    const staffed = new Map(executed.assignments.map((a) => [a.target, [...a.inspectors].sort()]));
    expect(await tasksOf(id)).toEqual(
      executed.selected.map((code) => ({ code, status: 'planned', officers: staffed.get(code) ?? [] })),
    );
    const audits = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'draw.tasks')
      .where('entity_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toEqual({ tasks: executed.k, selected: executed.k });

    // Executing it again is refused: its result never changes.
    const again = await executeDraw(t.db, scheduler, id).catch((e: Error) => e);
    expect((again as { code?: string }).code).toBe('DRAW-WRONG-STATUS');
  });

  it('asks the worker after the commit, and a refused queue does not undo the draw', async () => {
    const id = await drawn('deferred-2');
    let asked = 0;
    const executed = await executeDraw(t.db, scheduler, id, {
      inlineTasks: 0,
      enqueueTasks: async () => {
        asked++;
        throw new Error('queue unavailable');
      },
    });
    expect(asked).toBe(1);
    expect((await findDrawSummary(t.db, id))!).toMatchObject({ status: 'executed', tasksPending: executed.k });
    await createPendingDrawTasks(t.db, { drawId: id });
    expect(await tasksOf(id)).toHaveLength(executed.k);
  });

  it('a district-sized draw still creates its tasks with its execution and asks nobody', async () => {
    const id = await drawn('inline');
    let asked = 0;
    const executed = await executeDraw(t.db, scheduler, id, { enqueueTasks: async () => asked++ });
    expect(executed.tasks).toEqual({ created: executed.k, existing: 0, pending: 0 });
    expect(asked).toBe(0);
    expect(await tasksOf(id)).toHaveLength(executed.k);
  });

  it('a draw replaced while its tasks are owed gets no more: the created ones are cancelled, the rest never made', async () => {
    const id = await drawn('deferred-3');
    const executed = await executeDraw(t.db, scheduler, id, { inlineTasks: 0 });
    let batches = 0;
    await createPendingDrawTasks(t.db, { batch: 1, shouldStop: () => batches > 0, onBatch: () => batches++ });
    const cli: Actor = { id: null, username: 'cli:test', principal: null, via: 'cli' };
    await redrawApprovedByOfficer(t.db, cli, {
      replaces: id,
      reason: '被抽中单位名单有误',
      approvedByOfficerCode: (
        await t.db.selectFrom('officer').select('code').where('active', '=', true).executeTakeFirstOrThrow()
      ).code,
      today: TODAY,
      seedHex: seedHex('redo'),
    });
    expect((await findDrawSummary(t.db, id))!.tasksPending).toBe(0);
    expect((await createPendingDrawTasks(t.db)).draws).toEqual([]);
    const tasks = await tasksOf(id);
    expect(tasks.map((x) => x.status)).toEqual(['cancelled']);
    expect(executed.k).toBeGreaterThan(1);
  });
});
