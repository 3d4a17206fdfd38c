/**
 * The reconcile's roster session (issue 14 §3): a police station's brigade is read only when the
 * station cannot staff an obligation, and then staffs it as it always did — its officers available,
 * their recusals for the page's entities kept — while a job whose stations staff everything never
 * reads the brigade's officers or their loads.
 */
import {
  insertBrigades,
  insertEntities,
  insertObligations,
  insertOfficers,
  insertPoliceStations,
  insertRosteredInspections,
  listCensusRosters,
  registryUnits,
  type CensusObligationToRoster,
} from '@supervise/db';
import { createTestDatabase, statementRecorder, type TestDatabase } from '@supervise/db/testing';
import { DEFAULT_PLANNING_RULES, planPeriod, type RegistryEntity } from '@supervise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RosterSession } from './roster-session.js';

const WINDOW = { start: '2026-11-01', end: '2026-11-30' };
const DAYS = { days: ['2026-11-27', '2026-11-30'], fallbackDay: '2026-11-27', note: null };

describe('RosterSession: a station that cannot staff falls back to its brigade, read only then', () => {
  let t: TestDatabase;
  let officers: Map<string, number>;
  let entities: Map<string, number>;

  beforeAll(async () => {
    t = await createTestDatabase();
    await insertBrigades(t.db, [{ id: 'B-FB', name_zh: '治安大队', name_en: 'Public order brigade' }]);
    await insertPoliceStations(t.db, [
      { id: 'S-ONE', name_zh: '一所', name_en: 'Station 1' },
      { id: 'S-TWO', name_zh: '二所', name_en: 'Station 2' },
    ]);
    // S-ONE has one officer (it cannot staff a census alone), S-TWO three; the brigade three of its own.
    const roster = [
      ['ONE-1', 'S-ONE'],
      ['TWO-1', 'S-TWO'],
      ['TWO-2', 'S-TWO'],
      ['TWO-3', 'S-TWO'],
      ['BRG-1', null],
      ['BRG-2', null],
      ['BRG-3', null],
    ] as const;
    const ids = await insertOfficers(
      t.db,
      roster.map(([code, station]) => ({
        code,
        name: code,
        brigade_id: 'B-FB',
        station_id: station,
        credential_no: `C-${code}`,
        credential_expires_on: '2030-12-31',
      })),
    );
    officers = new Map(roster.map(([code], i) => [code, ids[i]!]));
    const hotels = [
      ['H-ONE', 'S-ONE'],
      ['H-TWO', 'S-TWO'],
    ] as const;
    const entityIds = await insertEntities(
      t.db,
      hotels.map(([code, station]) => ({
        code,
        regime_code: 'R09',
        kind: 'hotel',
        name: code,
        address: 'test',
        brigade_id: 'B-FB',
        station_id: station,
        registered_on: '2020-01-01',
      })),
    );
    entities = new Map(hotels.map(([code], i) => [code, entityIds[i]!]));
    // BRG-1 is recused from the hotel of S-ONE: the brigade read late must still know it.
    await t.db
      .insertInto('officer_recusal')
      .values({
        officer_id: officers.get('BRG-1')!,
        entity_id: entities.get('H-ONE')!,
        declared_on: '2026-01-05',
        reason: '亲属',
      })
      .execute();
  });
  afterAll(async () => {
    await t?.db.destroy();
    await t?.drop();
  });

  /** The census obligations of November for these hotels, inserted, as the reconcile hands them over. */
  async function obligationsOf(codes: readonly string[]): Promise<CensusObligationToRoster[]> {
    const snapshot: RegistryEntity[] = codes.map((c) => ({ id: String(entities.get(c)!), kind: 'hotel' }));
    const planned = planPeriod({ entities: snapshot }, DEFAULT_PLANNING_RULES, WINDOW).filter((o) => o.type === 'census');
    const created = await insertObligations(t.db, planned);
    const byKey = new Map(created.map((c) => [c.key, c.id]));
    return planned.map((o) => {
      const entityId = Number(o.type === 'census' ? o.entityId : NaN);
      const code = [...entities].find(([, id]) => id === entityId)![0];
      return {
        obligationId: byKey.get(o.key)!,
        entityId,
        regime: o.regime,
        windowStart: o.window.start,
        windowEnd: o.window.end,
        brigadeId: 'B-FB',
        stationId: code === 'H-ONE' ? 'S-ONE' : 'S-TWO',
      };
    });
  }

  /** The officers of each census inspection of the hotel, by code. */
  async function rostersOf(entity: string): Promise<string[][]> {
    const rows = (await listCensusRosters(t.db, { from: WINDOW.start, to: WINDOW.end })).filter(
      (r) => r.entityId === entities.get(entity),
    );
    const codeOf = new Map([...officers].map(([code, id]) => [id, code]));
    return rows.map((r) => r.officerIds.map((id) => codeOf.get(id)!).sort());
  }

  it('a job whose stations staff everything never reads the brigade', async () => {
    const recorder = statementRecorder();
    const db = t.db.withPlugin(recorder.plugin);
    const session = new RosterSession(db, WINDOW, DAYS, (rows) => insertRosteredInspections(db, rows));
    session.expectUnits(await registryUnits(db, { afterId: 0, upToId: null, kinds: ['hotel'] }));
    const items = await obligationsOf(['H-TWO']);
    expect(items.length).toBeGreaterThan(0);
    await session.add(items);
    await session.flush();
    expect([session.rostered, session.unrostered]).toEqual([items.length, 0]);
    const rosters = await rostersOf('H-TWO');
    expect(rosters).toHaveLength(items.length);
    for (const r of rosters) expect(r.every((c) => c.startsWith('TWO-'))).toBe(true);
    // Officers were read for the stations only: no statement named the brigade.
    expect(recorder.statements.some((s) => s.includes('"B-FB"'))).toBe(false);
  });

  it("a station with one officer: its brigade's officers staff it, the recused one left out", async () => {
    const session = new RosterSession(t.db, WINDOW, DAYS, (rows) => insertRosteredInspections(t.db, rows));
    session.expectUnits(await registryUnits(t.db, { afterId: 0, upToId: null, kinds: ['hotel'] }));
    const items = await obligationsOf(['H-ONE']);
    await session.add(items);
    await session.flush();
    expect([session.rostered, session.unrostered]).toEqual([items.length, 0]);
    expect(await rostersOf('H-ONE')).toEqual(items.map(() => ['BRG-2', 'BRG-3']));
  });
});
