import { createHash } from 'node:crypto';
import { verifyDrawRecord } from '@supervise/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { createDraw, executeFrozenDraw, freezeCreatedDraw, getDrawRecord } from './draw.repository.js';
import { createPendingDrawTasks } from '../use-cases/draw-tasks.use-case.js';

// Issue 14 §3: a draw whose population and selection exceed what one statement may bind (65,535
// parameters; node-pg wraps the count at 65,536). Before the fix, freezing bound every population code
// in `in (…)` and executing inserted every task in one statement: both failed above ~36,000 R09
// entities. 70,000 extra hotels make both limits bite. Nothing here is timed.
const EXTRA_HOTELS = 70_000;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  await sql`
    insert into entity (code, name, address, kind, regime_code, brigade_id, registered_on)
    select 'SCALE-HOTEL-' || lpad(n::text, 6, '0'), '规模测试宾馆' || n, '测试路' || n || '号', 'hotel', 'R09', 'B-ZA', date '2020-01-01'
    from generate_series(1, ${EXTRA_HOTELS}::int) as n`.execute(t.db);
}, 300_000);
afterAll(async () => t?.drop());

describe('a draw over a population larger than one statement can bind', () => {
  it('freezes, executes and verifies, with one task per selected target and two officers each', async () => {
    const created = await createDraw(t.db, {
      regime: 'R09',
      campaign: 'scale: 2026 special inspection',
      windowFrom: '2026-12-01',
      windowTo: '2026-12-31',
      drawnOn: '2026-11-27',
      seedHex: createHash('sha256').update('scale draw').digest('hex'),
      createdBy: 'test',
    });
    const frozen = await freezeCreatedDraw(t.db, created.id);
    expect(frozen.population.length).toBeGreaterThan(EXTRA_HOTELS);

    const executed = await executeFrozenDraw(t.db, created.id, { beacon: 'scale' });
    expect(executed.k).toBe(Math.ceil((frozen.population.length * 30) / 100));
    // Issue 14 §2: more than INLINE_DRAW_TASKS targets: recorded first, the tasks created after it.
    expect(executed.tasks).toEqual({ created: 0, existing: 0, pending: executed.k });
    expect((await executeFrozenDraw(t.db, created.id)).tasks).toEqual({ created: 0, existing: 0, pending: executed.k });
    expect((await createPendingDrawTasks(t.db)).draws).toEqual([{ id: created.id, created: executed.k, done: true }]);

    const tasks = await sql<{ n: string; staffed: string }>`
      select count(*) as n, count(*) filter (where (select count(*) from inspection_officer io where io.inspection_id = i.id) = 2) as staffed
      from inspection i where i.draw_id = ${created.id}`.execute(t.db);
    expect(Number(tasks.rows[0]!.n)).toBe(executed.k);
    expect(Number(tasks.rows[0]!.staffed)).toBe(executed.k - executed.unstaffed.length);

    // Executing again creates nothing twice, and the public record (names included) still verifies.
    expect((await executeFrozenDraw(t.db, created.id)).tasks).toEqual({ created: 0, existing: executed.k, pending: 0 });
    expect(verifyDrawRecord(await getDrawRecord(t.db, created.id))).toEqual({ ok: true });
  }, 600_000);
});
