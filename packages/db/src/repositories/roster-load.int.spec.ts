import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { insertRosteredInspections, loadRosterContext, rebuildRosterLoad, unitDayKey } from './roster.repository.js';

// Migration 0023: the roster's load counters, kept by trigger, always equal what a from-scratch
// aggregation of the inspections gives — after inserts, cancellations, moves, officer swaps, deletes.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
});
afterAll(async () => t?.drop());

type Row = { key: string; n: number };
async function counters(): Promise<Row[]> {
  const r = await sql<Row>`
    select 'u|' || unit || '|' || day as key, n from roster_load_unit_day where n <> 0
    union all select 'o|' || officer_id || '|' || day, n from roster_load_officer_day where n <> 0
    order by 1`.execute(t.db);
  return r.rows;
}
async function fromScratch(): Promise<Row[]> {
  const r = await sql<Row>`
    select 'u|' || coalesce(e.station_id, e.brigade_id) || '|' || i.planned_on as key, count(*)::int as n
      from inspection i join entity e on e.id = i.entity_id where i.status <> 'cancelled' group by 1
    union all
    select 'o|' || io.officer_id || '|' || i.planned_on, count(*)::int
      from inspection_officer io join inspection i on i.id = io.inspection_id where i.status <> 'cancelled' group by 1
    order by 1`.execute(t.db);
  return r.rows;
}

describe('roster load counters', () => {
  it('hold the demo data and follow every kind of change', async () => {
    const start = await counters();
    expect(start.length).toBeGreaterThan(10);
    expect(start).toEqual(await fromScratch());

    const live = await t.db
      .selectFrom('inspection')
      .select(['id', 'planned_on'])
      .where('status', '=', 'planned')
      .orderBy('id')
      .limit(6)
      .execute();
    expect(live.length).toBe(6);
    const [a, b, c, d] = live;
    await t.db.updateTable('inspection').set({ status: 'cancelled' }).where('id', '=', a!.id).execute();
    await t.db.updateTable('inspection').set({ planned_on: '2026-12-30' }).where('id', '=', b!.id).execute();
    await t.db.deleteFrom('inspection_officer').where('inspection_id', '=', c!.id).execute();
    const officer = await t.db.selectFrom('officer').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('inspection_officer')
      .values({ inspection_id: c!.id, officer_id: officer.id, assigned_by: 'manual' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // Several rows in one statement, some of them changing, one not.
    await t.db
      .updateTable('inspection')
      .set({ planned_on: sql`planned_on + 1` })
      .where('id', 'in', [d!.id, live[4]!.id])
      .execute();
    await t.db.updateTable('inspection').set({ status: 'planned' }).where('id', '=', live[5]!.id).execute();
    expect(await counters()).toEqual(await fromScratch());

    // A new inspection with two officers, then deleted (its officers go with it, by cascade).
    const two = await t.db.selectFrom('officer').select('id').orderBy('id').limit(2).execute();
    const added = await t.db
      .insertInto('inspection')
      .values({
        entity_id: (await t.db.selectFrom('entity').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
        regime_code: 'R09',
        trigger: 'spot_check',
        planned_on: '2026-12-15',
        status: 'planned',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('inspection_officer')
      .values(two.map((o) => ({ inspection_id: added.id, officer_id: o.id, assigned_by: 'manual' })))
      .execute();
    expect(await counters()).toEqual(await fromScratch());
    await t.db.deleteFrom('inspection').where('id', '=', added.id).execute();
    expect(await counters()).toEqual(await fromScratch());

    // A rebuild from scratch changes nothing.
    const before = await counters();
    await rebuildRosterLoad(t.db);
    expect(await counters()).toEqual(before);
  });

  it("gives the planner a page's units and officers with their load in the window", async () => {
    const entity = await t.db
      .selectFrom('inspection as i')
      .innerJoin('entity as e', 'e.id', 'i.entity_id')
      .innerJoin('inspection_officer as io', 'io.inspection_id', 'i.id')
      .select(['e.id', 'e.brigade_id', 'e.station_id', 'i.planned_on', 'io.officer_id'])
      .where('i.status', '<>', 'cancelled')
      .where('i.trigger', '=', 'census')
      .orderBy('i.id')
      .executeTakeFirstOrThrow();
    const [y, m] = entity.planned_on.split('-').map(Number) as [number, number];
    const windowStart = `${entity.planned_on.slice(0, 7)}-01`;
    const windowEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const ctx = await loadRosterContext(t.db, {
      windowStart,
      windowEnd,
      entities: [{ entityId: Number(entity.id), brigadeId: entity.brigade_id, stationId: entity.station_id }],
    });
    const unit = entity.station_id ?? entity.brigade_id;
    const expected = await sql<{ n: number }>`
      select count(*)::int as n from inspection i join entity e on e.id = i.entity_id
      where i.status <> 'cancelled' and coalesce(e.station_id, e.brigade_id) = ${unit} and i.planned_on = ${entity.planned_on}`.execute(
      t.db,
    );
    if (entity.planned_on <= windowEnd)
      expect(ctx.unitDayLoad.get(unitDayKey(unit, entity.planned_on))).toBe(expected.rows[0]!.n);
    // Every officer offered serves the entity's unit.
    expect(ctx.officers.length).toBeGreaterThan(0);
    for (const o of ctx.officers)
      expect(o.stationId ? o.stationId === entity.station_id : o.brigadeId === entity.brigade_id).toBe(true);
  });

  it("stores a rostered inspection's unit as the caller read it, else as the trigger finds it; the counters follow", async () => {
    // Census obligations of December for two entities with a police station (the demo has none:
    // the worker plans them).
    const open = (
      await sql<{ id: string; entity_id: string; regime: string; station_id: string; brigade_id: string }>`
        insert into obligation (key, type, regime, rule_id, rule_version, kind, entity_id, period_start, period_end,
            window_start, window_end, clause, quota_source, cadence)
          select 'census:roster-unit-test-' || e.id, 'census', e.regime_code, e.regime_code || '-TEST',
            e.regime_code || '@2026-01-01', e.kind, e.id, '2026-12-01', '2026-12-31', '2026-12-01', '2026-12-31',
            'test', 'rulebook', 'month'
          from (select * from entity where station_id is not null order by id limit 2) e
        returning id, entity_id, regime,
          (select station_id from entity where id = entity_id) as station_id,
          (select brigade_id from entity where id = entity_id) as brigade_id`.execute(t.db)
    ).rows;
    expect(open.length).toBe(2);
    const [given, omitted] = open;
    const two = await t.db.selectFrom('officer').select('id').orderBy('id').limit(2).execute();
    const row = (o: (typeof open)[number]) => ({
      obligationId: Number(o.id),
      entityId: Number(o.entity_id),
      regime: o.regime,
      plannedOn: '2026-12-16',
      officerIds: [Number(two[0]!.id), Number(two[1]!.id)] as const,
    });
    // The unit read with the obligation (here the brigade, as if the entity had no station then).
    const created = await insertRosteredInspections(t.db, [{ ...row(given!), rosterUnit: given!.brigade_id }, row(omitted!)]);
    expect(created).toBe(2);
    const units = await t.db
      .selectFrom('inspection')
      .select(['obligation_id', 'roster_unit'])
      .where('obligation_id', 'in', [Number(given!.id), Number(omitted!.id)])
      .orderBy('obligation_id')
      .execute();
    expect(units.map((u) => u.roster_unit)).toEqual([given!.brigade_id, omitted!.station_id]);
    const before = await counters();
    await rebuildRosterLoad(t.db);
    expect(await counters()).toEqual(before);
  });
});
