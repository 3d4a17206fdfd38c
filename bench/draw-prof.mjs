// Profiling scratch (not committed): clone a prepared province, time create + execute with phases.
import { createHash } from 'node:crypto';
import { createCampaignDraw, executeDraw, migrateToLatest, seedCalendarFromPackage } from '@supervise/db';
import { cloneDatabase, databaseExists, keepDatabase, createRoleActor, rawQuery } from '@supervise/db/testing';
const BASE = 'draw_prof_base';
if (!(await databaseExists(BASE))) {
  const t = await cloneDatabase('bench_province_200000e_1000o_5y');
  await migrateToLatest(t.db);
  await seedCalendarFromPackage(t.db);
  const have = Number((await rawQuery(t.db, `select count(*) as n from entity where regime_code = 'R09' and status = 'active'`))[0].n);
  await rawQuery(t.db, `insert into entity (code, name, address, kind, regime_code, brigade_id, station_id, registered_on)
       select 'R09-HOTEL-B' || lpad(n::text, 6, '0'), '基准测试宾馆' || n, '测试路' || n || '号', 'hotel', 'R09', 'B-ZA',
              (select id from police_station order by id offset (n % (select count(*) from police_station)) limit 1), date '2020-01-01'
       from generate_series(1, $1::int) as n`, [100000 - have]);
  await rawQuery(t.db, 'vacuum analyze');
  const k = await keepDatabase(t, BASE);
  await k.drop();
}
for (let run = 0; run < Number(process.argv[2] ?? 1); run++) {
  const t = await cloneDatabase(BASE);
  const scheduler = await createRoleActor(t.db, { username: 'bench-scheduler', role: 'scheduler', brigadeId: 'B-ZA' });
  const s0 = performance.now();
  const created = await createCampaignDraw(t.db, scheduler, { regime: 'R09', campaign: 'prof', today: '2026-11-27', seedHex: createHash('sha256').update('bench draw' + run).digest('hex') });
  const s1 = performance.now();
  const ex = await executeDraw(t.db, scheduler, created.id, { beacon: 'bench', inlineTasks: 0 });
  const s2 = performance.now();
  console.log(`run ${run}: create ${Math.round(s1 - s0)} execute ${Math.round(s2 - s1)} total ${Math.round(s2 - s0)} (k ${ex.k})`);
  await t.drop();
}
