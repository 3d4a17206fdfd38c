/**
 * Issue 15 §2: `kill -9` of a process executing a draw, at random points, then executed to
 * completion: the draw must be the one an uninterrupted execution gives (the verifier recomputes the
 * targets and inspectors from the committed seed, the beacon and the frozen population), executed
 * once, with its tasks created once.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyDrawRecord } from '@supervise/core';
import { createCampaignDraw, getDrawRecord, seedDemo } from '@supervise/db';
import { createTestDatabase } from '@supervise/db/testing';
import { DRILL_TODAY, seededRandom } from './drill-fixture.js';
import type { DrillResult } from './drill-result.js';

const EXECUTOR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/drills/draw-executor.js');

export interface DrawKillDrillOptions {
  /** SIGKILLs of executing processes. Default 20. */
  kills?: number;
  /** Random wait between a start and its kill, ms. Default [150, 1500] (Node's start is in it). */
  killAfterMs?: readonly [number, number];
  seed?: number;
}

export interface DrawKillDrillFigures {
  kills: number;
  /** Kills that landed before the draw was executed (the rest hit a refused re-execution). */
  killsBeforeExecuted: number;
  /** The verifier recomputed the stored result from the seed, beacon and frozen population. */
  drawIdentical: boolean;
  /** Successful `draw.execute` audit entries (1: executed once). */
  executions: number;
  /** Inspections of the draw beyond one per assignment target (0: none doubled). */
  duplicateTasks: number;
}

function runExecutor(env: Record<string, string>): { kill: () => void; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [EXECUTOR], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { kill: () => child.kill('SIGKILL'), exited };
}

export async function runDrawKillDrill(options: DrawKillDrillOptions = {}): Promise<DrillResult<DrawKillDrillFigures>> {
  const kills = options.kills ?? 20;
  const [minWait, maxWait] = options.killAfterMs ?? [150, 1_500];
  const random = seededRandom(options.seed ?? 9);
  const t = await createTestDatabase();
  try {
    await seedDemo(t.db, { today: DRILL_TODAY });
    const created = await createCampaignDraw(
      t.db,
      { id: null, username: 'cli:draw-drill', principal: null, via: 'cli' },
      {
        regime: 'R09',
        campaign: 'drill',
        today: DRILL_TODAY,
        seedHex: createHash('sha256')
          .update(`draw-drill-${options.seed ?? 9}`)
          .digest('hex'),
      },
    );
    const env = { DATABASE_URL: t.url, DRAW_ID: created.id, DRAW_BEACON: 'drill-beacon' };
    const status = async () =>
      (await t.db.selectFrom('draw').select('status').where('id', '=', created.id).executeTakeFirstOrThrow()).status;
    let killsBeforeExecuted = 0;
    for (let i = 0; i < kills; i++) {
      const before = await status();
      const p = runExecutor(env);
      await new Promise((r) => setTimeout(r, minWait + random() * (maxWait - minWait)));
      p.kill();
      await p.exited;
      if (before !== 'executed') killsBeforeExecuted++;
    }
    // Then to completion, uninterrupted (or refused: already executed by a run the kill came too late for).
    const last = runExecutor(env);
    const code = await last.exited;
    const record = await getDrawRecord(t.db, created.id);
    const drawIdentical = (await status()) === 'executed' && verifyDrawRecord(record).ok;
    const executions = (
      await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'draw.execute')
        .where('outcome', '=', 'success')
        .execute()
    ).length;
    const tasks = await t.db.selectFrom('inspection').select(['entity_id']).where('draw_id', '=', created.id).execute();
    const duplicateTasks = tasks.length - new Set(tasks.map((r) => r.entity_id)).size;
    const figures: DrawKillDrillFigures = { kills, killsBeforeExecuted, drawIdentical, executions, duplicateTasks };
    const ok = (code === 0 || code === 3) && killsBeforeExecuted > 0 && drawIdentical && executions === 1 && duplicateTasks === 0;
    return { name: 'draw-kill-drill', tried: `${kills} SIGKILLs of a process executing a draw`, ok, figures };
  } finally {
    await t.db.destroy();
    await new Promise((r) => setTimeout(r, 200));
    await t.drop();
  }
}
