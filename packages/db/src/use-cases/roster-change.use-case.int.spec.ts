/**
 * The roster-change and leave-replacement use-cases on a demo district in their own database: scope
 * on the inspection that exists, core's availability rule (leave, recusal, credential), the unit of
 * the officer put on, the swap and its audit entry in one transaction, refusals audited, and a
 * leave's replacements confirmed all or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { confirmLeaveReplacements, leaveReplacementOffer } from './leave-replacement.use-case.js';
import { actorForUsername, changeRoster } from './roster-change.use-case.js';

let t: TestDatabase;
let scheduler: Actor;
let otherBrigade: Actor;
let officers: { id: number; code: string }[];
let stationOfficer: string;
let hotelId: number;
let inspectionId: number;

const DAY = '2026-12-08';

async function newInspection(entityId: number, on: string, officerIds: number[]): Promise<number> {
  const row = await t.db
    .insertInto('inspection')
    .values({ entity_id: entityId, regime_code: 'R09', trigger: 'census', planned_on: on, status: 'planned' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('inspection_officer')
    .values(officerIds.map((officer_id) => ({ inspection_id: row.id, officer_id, assigned_by: 'roster' })))
    .execute();
  return Number(row.id);
}

const rosterOf = async (id: number) =>
  (
    await t.db
      .selectFrom('inspection_officer as io')
      .innerJoin('officer as o', 'o.id', 'io.officer_id')
      .select('o.code')
      .where('io.inspection_id', '=', id)
      .orderBy('o.code')
      .execute()
  ).map((r) => r.code);

const auditOf = (action: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  officers = (
    await t.db
      .selectFrom('officer')
      .select(['id', 'code'])
      .where('brigade_id', '=', 'B-ZA')
      .where('station_id', 'is', null)
      .where('active', '=', true)
      .where('credential_no', 'is not', null)
      .where('credential_expires_on', '>', '2027-06-30')
      .orderBy('code')
      .execute()
  ).map((o) => ({ id: Number(o.id), code: o.code }));
  expect(officers.length).toBeGreaterThanOrEqual(7);
  const hotel = await t.db
    .selectFrom('entity')
    .select(['id', 'station_id'])
    .where('kind', '=', 'hotel')
    .where('station_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  hotelId = Number(hotel.id);
  // A station officer of ANOTHER station than the hotel's: outside the hotel's responsible unit.
  stationOfficer = (
    await t.db
      .selectFrom('officer')
      .select('code')
      .where('station_id', 'is not', null)
      .where('station_id', '<>', hotel.station_id!)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
  inspectionId = await newInspection(hotelId, DAY, [officers[0]!.id, officers[1]!.id]);
  scheduler = (await actorForUsername(t.db, 'scheduler', 'web'))!;
  // The same account as if it were scoped to the traffic brigade: R09 is not its business.
  otherBrigade = { ...scheduler, principal: { roles: [{ role: 'scheduler', brigadeId: 'B-JJ' }] } };
});
afterAll(async () => {
  await t?.drop();
});

describe('changeRoster', () => {
  const input = () => ({
    inspectionId,
    replaceOfficerCode: officers[0]!.code,
    withOfficerCode: officers[2]!.code,
    reason: '原民警出差',
  });

  it('refuses a scheduler of another brigade, audited as denied, and changes nothing', async () => {
    const r = await changeRoster(t.db, otherBrigade, input());
    expect(r).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const [a] = await auditOf('roster.change');
    expect(a).toMatchObject({ outcome: 'denied', reason: 'out_of_scope', entity_id: String(inspectionId) });
    expect(await rosterOf(inspectionId)).toEqual([officers[0]!.code, officers[1]!.code].sort());
  });

  it('refuses an officer on leave that day, one recused from the entity, one without a credential — each named', async () => {
    await t.db
      .insertInto('officer_leave')
      .values({ officer_id: officers[2]!.id, from_on: DAY, to_on: DAY, reason: '病假' })
      .execute();
    expect(await changeRoster(t.db, scheduler, input())).toEqual({
      ok: false,
      code: 'OFFICER_UNAVAILABLE',
      officerCode: officers[2]!.code,
      unavailability: ['on_leave'],
    });
    await t.db
      .insertInto('officer_recusal')
      .values({ officer_id: officers[3]!.id, entity_id: hotelId, reason: '亲属经营', declared_on: '2026-11-01' })
      .execute();
    expect(await changeRoster(t.db, scheduler, { ...input(), withOfficerCode: officers[3]!.code })).toMatchObject({
      code: 'OFFICER_UNAVAILABLE',
      unavailability: ['recused'],
    });
    await t.db.updateTable('officer').set({ credential_no: null }).where('id', '=', officers[4]!.id).execute();
    expect(await changeRoster(t.db, scheduler, { ...input(), withOfficerCode: officers[4]!.code })).toMatchObject({
      code: 'OFFICER_UNAVAILABLE',
      unavailability: ['credential_missing'],
    });
    const refused = (await auditOf('roster.change')).filter((a) => a.outcome === 'failure');
    expect(refused.map((a) => (a.details as { refused: { why: string[] } }).refused.why)).toEqual([
      ['on_leave'],
      ['recused'],
      ['credential_missing'],
    ]);
    expect(await rosterOf(inspectionId)).toEqual([officers[0]!.code, officers[1]!.code].sort());
    expect(await t.db.selectFrom('roster_override').selectAll().execute()).toEqual([]);
  });

  it('keeps to the entity’s responsible unit and needs a reason', async () => {
    expect(await changeRoster(t.db, scheduler, { ...input(), withOfficerCode: stationOfficer })).toMatchObject({
      code: 'OFFICER_OUT_OF_UNIT',
    });
    expect(await changeRoster(t.db, scheduler, { ...input(), withOfficerCode: officers[5]!.code, reason: '  ' })).toMatchObject({
      code: 'REASON_REQUIRED',
    });
  });

  it('swaps an available officer, logs the override and audits it in the same transaction', async () => {
    const r = await changeRoster(t.db, scheduler, { ...input(), withOfficerCode: officers[5]!.code });
    expect(r).toMatchObject({ ok: true, plannedOn: DAY, officerCodes: [officers[1]!.code, officers[5]!.code].sort() });
    const log = await t.db.selectFrom('roster_override').selectAll().execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ reason: '原民警出差', overridden_by: scheduler.id });
    const ok = (await auditOf('roster.change')).filter((a) => a.outcome === 'success');
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ actor_username: 'scheduler', entity_id: String(inspectionId) });
    expect(ok[0]!.after).toMatchObject({ officer: officers[5]!.code });
  });
});

describe('leave replacements', () => {
  const leaveOfficer = () => officers[6]!;
  let tasks: number[];
  let leaveId: number;

  beforeAll(async () => {
    tasks = [
      await newInspection(hotelId, '2026-12-14', [leaveOfficer().id, officers[1]!.id]),
      await newInspection(hotelId, '2026-12-15', [leaveOfficer().id, officers[5]!.id]),
      await newInspection(hotelId, '2026-12-16', [leaveOfficer().id, officers[1]!.id]),
    ];
    // Outside the leave: not offered.
    await newInspection(hotelId, '2026-12-21', [leaveOfficer().id, officers[1]!.id]);
    leaveId = Number(
      (
        await t.db
          .insertInto('officer_leave')
          .values({ officer_id: leaveOfficer().id, from_on: '2026-12-14', to_on: '2026-12-18', reason: '年休假' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  });

  it('offers a replacement for every open task in the leave, never someone unavailable that day', async () => {
    const offer = await leaveReplacementOffer(t.db, scheduler, { officerCode: leaveOfficer().code, leaveId });
    expect(offer.ok).toBe(true);
    if (!offer.ok) return;
    expect(offer.tasks.map((x) => x.inspectionId)).toEqual(tasks);
    for (const task of offer.tasks) {
      expect(task.proposed).not.toBeNull();
      const offered = task.candidates.map((c) => c.code);
      // Recused from the hotel, without a credential, or already on the inspection: never offered.
      expect(offered).not.toContain(officers[3]!.code);
      expect(offered).not.toContain(officers[4]!.code);
      expect(offered).not.toContain(leaveOfficer().code);
      for (const p of task.partners) expect(offered).not.toContain(p);
    }
    expect(await leaveReplacementOffer(t.db, otherBrigade, { officerCode: leaveOfficer().code, leaveId })).toEqual({
      ok: false,
      code: 'OUT_OF_SCOPE',
    });
  });

  it('refuses the whole confirmation when one choice is not allowed or missing, and changes nothing', async () => {
    const offer = await leaveReplacementOffer(t.db, scheduler, { officerCode: leaveOfficer().code, leaveId });
    if (!offer.ok) throw new Error('no offer');
    const choices = offer.tasks.map((x) => ({ inspectionId: x.inspectionId, withOfficerCode: x.proposed! }));
    // The recused officer for the last task.
    const bad = [...choices.slice(0, 2), { inspectionId: choices[2]!.inspectionId, withOfficerCode: officers[3]!.code }];
    const r = await confirmLeaveReplacements(t.db, scheduler, {
      officerCode: leaveOfficer().code,
      leaveId,
      reason: '休假替班',
      choices: bad,
    });
    expect(r).toMatchObject({ ok: false, code: 'CHANGE_REFUSED' });
    expect(r.ok === false && 'problems' in r && r.problems).toEqual([
      {
        inspectionId: tasks[2],
        refusal: { ok: false, code: 'OFFICER_UNAVAILABLE', officerCode: officers[3]!.code, unavailability: ['recused'] },
      },
    ]);
    const missing = await confirmLeaveReplacements(t.db, scheduler, {
      officerCode: leaveOfficer().code,
      leaveId,
      reason: '休假替班',
      choices: choices.slice(1),
    });
    expect(missing).toMatchObject({ ok: false, code: 'CHOICE_MISSING' });
    for (const id of tasks) expect(await rosterOf(id)).toContain(leaveOfficer().code);
    const refusals = (await auditOf('roster.leave_replacement')).filter((a) => a.outcome === 'failure');
    expect(refusals.map((a) => a.reason)).toEqual(['change_refused', 'choice_missing']);
  });

  it('confirms every replacement in one action, each audited', async () => {
    const offer = await leaveReplacementOffer(t.db, scheduler, { officerCode: leaveOfficer().code, leaveId });
    if (!offer.ok) throw new Error('no offer');
    const before = (await auditOf('roster.change')).length;
    const r = await confirmLeaveReplacements(t.db, scheduler, {
      officerCode: leaveOfficer().code,
      leaveId,
      reason: '休假替班',
      choices: offer.tasks.map((x) => ({ inspectionId: x.inspectionId, withOfficerCode: x.proposed! })),
    });
    expect(r.ok).toBe(true);
    for (const id of tasks) expect(await rosterOf(id)).not.toContain(leaveOfficer().code);
    expect((await auditOf('roster.change')).length).toBe(before + tasks.length);
    const done = (await auditOf('roster.leave_replacement')).filter((a) => a.outcome === 'success');
    expect(done).toHaveLength(1);
    expect((done[0]!.after as { changed: unknown[] }).changed).toHaveLength(tasks.length);
    // Nothing left to replace.
    const again = await leaveReplacementOffer(t.db, scheduler, { officerCode: leaveOfficer().code, leaveId });
    expect(again.ok && again.tasks).toEqual([]);
  });
});
