import { createHash } from 'node:crypto';
import { createCampaignDraw, createPendingDrawTasks, executeDraw } from '@supervise/db';
import { createRoleActor, rawQuery, type TestDatabase } from '@supervise/db/testing';
import { figure, type Figure } from './measure.js';
import { BENCH_TODAY } from './province.js';

/**
 * Issue 14 §2: an R09 special inspection (≥ 30 %) with officer assignment over `population` active
 * R09 entities, through the real use-cases (createCampaignDraw freezes population and roster,
 * executeDraw draws targets and inspectors and publishes the record), against reading the same ids in
 * sorted order. Then its tasks, created after the record as the worker's `create-draw-tasks` creates
 * them (createPendingDrawTasks), against the draw itself. A province's draw (30,000 targets) is past
 * INLINE_DRAW_TASKS anyway; the smoke run's 300 are sent the same way (`inlineTasks: 0`) so both
 * figures exist at every scale. The province's R09 units are topped up with hotels spread over its police stations
 * (one INSERT … SELECT) to reach `population`. Run last: it adds entities and tasks.
 */
export async function drawFigures(t: TestDatabase, population: number): Promise<Figure[]> {
  const have = Number(
    (await rawQuery<{ n: string }>(t.db, `select count(*) as n from entity where regime_code = 'R09' and status = 'active'`))[0]!
      .n,
  );
  if (have < population)
    await rawQuery(
      t.db,
      `insert into entity (code, name, address, kind, regime_code, brigade_id, station_id, registered_on)
       select 'R09-HOTEL-B' || lpad(n::text, 6, '0'), '基准测试宾馆' || n, '测试路' || n || '号', 'hotel', 'R09', 'B-ZA',
              (select id from police_station order by id offset (n % (select count(*) from police_station)) limit 1),
              date '2020-01-01'
       from generate_series(1, $1::int) as n`,
      [population - have],
    );
  await rawQuery(t.db, 'analyze entity');
  const scheduler = await createRoleActor(t.db, { username: 'bench-scheduler', role: 'scheduler', brigadeId: 'B-ZA' });

  const sortStart = performance.now();
  const ids = await rawQuery<{ code: string }>(
    t.db,
    `select code from entity where regime_code = 'R09' and status = 'active' order by code`,
  );
  const sortMs = performance.now() - sortStart;

  const start = performance.now();
  const created = await createCampaignDraw(t.db, scheduler, {
    regime: 'R09',
    campaign: 'bench: province special inspection',
    today: BENCH_TODAY,
    seedHex: createHash('sha256').update('bench draw').digest('hex'),
  });
  const createdAt = performance.now();
  const executed = await executeDraw(t.db, scheduler, created.id, { beacon: 'bench', inlineTasks: 0 });
  const ms = performance.now() - start;
  const createMs = createdAt - start;

  const tasksStart = performance.now();
  const made = await createPendingDrawTasks(t.db, { drawId: created.id });
  const tasksMs = performance.now() - tasksStart;
  const tasks = made.draws.reduce((n, d) => n + d.created, 0);
  const draw = figure({
    name: 'draw',
    what: `R09 ≥ 30 % of ${created.population.toLocaleString('en')} entities with officers (${executed.k.toLocaleString('en')} tasks, ${executed.unstaffed.length} unstaffed): create + execute (${Math.round(createMs)} + ${Math.round(ms - createMs)} ms)`,
    baseline: `reading the ${ids.length.toLocaleString('en')} codes sorted`,
    runs: 1,
    medianMs: ms,
    baselineMs: sortMs,
    goal: '< 2 s',
  });
  return [
    draw,
    figure({
      name: 'draw tasks',
      what: `the draw's ${tasks.toLocaleString('en')} inspection tasks with their officers, created after its record (createPendingDrawTasks, ${made.draws.length === 1 && made.draws[0]!.done ? 'done' : 'NOT done'})`,
      baseline: 'the draw (create + execute)',
      runs: 1,
      medianMs: tasksMs,
      baselineMs: ms,
    }),
  ];
}
