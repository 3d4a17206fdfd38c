/**
 * Issue 14 §3: a draw whose execution fails is retried to completion or marked failed on the draw,
 * never left frozen in silence; its result is the one an uninterrupted execution gives (the verifier
 * recomputes it from the committed seed, the beacon and the frozen population). The failure is real:
 * the executing backend is terminated (pg_terminate_backend, this test's own database only) while it
 * waits on the draw's row lock, held by a second connection of the test.
 */
import { createHash } from 'node:crypto';
import { verifyDrawRecord } from '@supervise/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByUsername } from '../repositories/account.repository.js';
import { drawExecuteFailure } from '../repositories/draw-failure.repository.js';
import { DrawError, getDrawRecord } from '../repositories/draw.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, rawQuery, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { createCampaignDraw, executeDraw } from './draw.use-case.js';

const TODAY = '2026-11-27';
let t: TestDatabase;
let scheduler: Actor;
let holder: pg.Client;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: TODAY });
  const a = (await findAccountByUsername(t.db, 'scheduler'))!;
  scheduler = { id: a.id, username: a.username, principal: { roles: a.roles }, via: 'web' };
  holder = new pg.Client({ connectionString: t.url, application_name: 'draw-lock-holder' });
  await holder.connect();
});
afterAll(async () => {
  await holder?.end().catch(() => {});
  await t?.drop();
});

const terminated = new Set<number>();
/** Terminates the backend of this database that waits on a lock (the execution), once it waits. */
async function terminateWaitingExecution(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const rows = await rawQuery<{ pid: number }>(
      t.db,
      `select pid from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and application_name <> 'draw-lock-holder'`,
    );
    const pid = rows.map((r) => r.pid).find((p) => !terminated.has(p));
    if (pid !== undefined) {
      terminated.add(pid);
      await rawQuery(t.db, 'select pg_terminate_backend($1)', [pid]);
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no execution waited on the lock');
}

const executeAudits = (outcome: string) =>
  t.db.selectFrom('audit_log').select(['reason']).where('action', '=', 'draw.execute').where('outcome', '=', outcome).execute();

describe('a draw execution that fails', () => {
  let drawId: string;

  it('after its retries is marked failed on the draw, stays frozen with its commitment, and is audited', async () => {
    const created = await createCampaignDraw(t.db, scheduler, {
      regime: 'R09',
      campaign: '2026 专项督察 4/4',
      today: TODAY,
      seedHex: createHash('sha256').update('failure-drill').digest('hex'),
    });
    drawId = created.id;
    await holder.query('begin');
    await holder.query('select id from draw where id = $1 for update', [drawId]);
    const run = executeDraw(t.db, scheduler, drawId, { beacon: 'beacon-1', attempts: 2 }).catch((e: unknown) => e);
    await terminateWaitingExecution();
    await terminateWaitingExecution();
    // Marking the failure on the draw waits for the row too.
    await holder.query('rollback');
    const e = await run;
    expect(e).toBeInstanceOf(DrawError);
    expect((e as DrawError).code).toBe('DRAW-EXECUTE-FAILED');
    const row = await t.db
      .selectFrom('draw')
      .select(['status', 'seed_commitment'])
      .where('id', '=', drawId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'frozen', seed_commitment: created.seedCommitment });
    const failure = await drawExecuteFailure(t.db, drawId);
    expect(failure?.failures).toBe(1);
    expect(['57P01', 'connection-lost']).toContain(failure?.reason);
    expect((await executeAudits('failure')).map((a) => a.reason)).toEqual(['DRAW-EXECUTE-FAILED']);
    const tasks = await t.db.selectFrom('inspection').select('id').where('draw_id', '=', drawId).execute();
    expect(tasks).toHaveLength(0);
  });

  it('is retried to completion when its connection is lost once, with the result an uninterrupted draw gives', async () => {
    await holder.query('begin');
    await holder.query('select id from draw where id = $1 for update', [drawId]);
    const run = executeDraw(t.db, scheduler, drawId, { beacon: 'beacon-1' });
    await terminateWaitingExecution();
    // The retry waits on the lock again; released, it completes.
    await new Promise((r) => setTimeout(r, 300));
    await holder.query('commit');
    const executed = await run;
    expect(executed.selected.length).toBeGreaterThan(0);
    const record = await getDrawRecord(t.db, drawId);
    expect(record.beacon).toBe('beacon-1');
    expect(verifyDrawRecord(record).ok).toBe(true);
    expect(await executeAudits('success')).toHaveLength(1);
    const tasks = await t.db.selectFrom('inspection').select('id').where('draw_id', '=', drawId).execute();
    expect(tasks.length).toBe(executed.tasks.created);
  });
});
