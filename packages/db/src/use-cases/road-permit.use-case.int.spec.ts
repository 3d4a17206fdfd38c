import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRoadPermit, listRoadPermits } from '../repositories/road-permit.repository.js';
import { createCaseFixture, createRoleActor, type CaseFixture } from '../testing/case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { Actor } from './actor.js';
import {
  RoadPermitError,
  changeRoadPermitEnd,
  closeRoadPermit,
  recordPatrolFlag,
  recordPermitMeasure,
  recordRoadPermit,
} from './road-permit.use-case.js';

/**
 * Issue 13 §1 against Postgres: an R02 permit plans its patrols (two brigade officers each, by the
 * roster rules) and none after the works end; shortening and closing cancel the rest; a brigade's
 * scheduler writes only its own permits; every refusal stores nothing and is audited.
 */
const TODAY = '2026-11-25';
let t: TestDatabase;
let f: CaseFixture;
let entityCode: string;
let scheduler: Actor;
let otherScheduler: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createCaseFixture(t.db, { regime: 'R02', inspectedOn: '2026-11-20', tag: 'rp' });
  entityCode = (await t.db.selectFrom('entity').select('code').where('id', '=', f.entityId).executeTakeFirstOrThrow()).code;
  scheduler = await createRoleActor(t.db, { username: 'jj_sched', role: 'scheduler', brigadeId: 'B-JJ' });
  otherScheduler = await createRoleActor(t.db, { username: 'za_sched', role: 'scheduler', brigadeId: 'B-ZA' });
});

afterAll(async () => {
  await t?.drop();
});

const input = (o: Partial<Parameters<typeof recordRoadPermit>[2]> = {}) => ({
  entityCode,
  approvalNo: '鹿交占审〔2026〕7号',
  plan: '半幅施工，连续硬质围挡，设置施工及绕行标志',
  location: '胜利北街 100–300 米',
  areaSqm: 240,
  startsOn: '2026-11-25',
  endsOn: '2026-12-10',
  patrolEveryDays: 7,
  ...o,
});

const counts = async () => ({
  permits: Number(
    (
      await t.db
        .selectFrom('road_permit')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  inspections: Number(
    (
      await t.db
        .selectFrom('inspection')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

const audits = (action: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['outcome', 'actor_username', 'reason'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();

let permitId = 0;

describe('R02 permits and their patrols', () => {
  it('plans one patrol a week of two brigade officers, none after the end day', async () => {
    const r = await recordRoadPermit(t.db, scheduler, input(), TODAY);
    permitId = r.id;
    expect(r.patrols.map((p) => p.on)).toEqual(['2026-11-25', '2026-12-02', '2026-12-09']);
    for (const p of r.patrols) expect(p.officerIds.sort()).toEqual(f.officers.map((o) => o.id).sort());
    const rows = await t.db
      .selectFrom('road_permit_patrol as rp')
      .innerJoin('inspection as i', 'i.id', 'rp.inspection_id')
      .select(['i.planned_on', 'i.trigger', 'i.regime_code', 'i.status'])
      .where('rp.permit_id', '=', permitId)
      .execute();
    expect(rows.every((x) => x.trigger === 'patrol' && x.regime_code === 'R02' && x.status === 'planned')).toBe(true);
    expect(rows.every((x) => x.planned_on <= '2026-12-10')).toBe(true);
    expect((await audits('permit.record')).map((a) => a.outcome)).toEqual(['success']);
  });

  it('refuses another brigade’s scheduler on the new permit and on the stored one, storing nothing', async () => {
    const before = await counts();
    await expect(recordRoadPermit(t.db, otherScheduler, input(), TODAY)).rejects.toMatchObject({ code: 'PERMIT-DENIED' });
    await expect(
      changeRoadPermitEnd(t.db, otherScheduler, { permitId, endsOn: '2026-12-01', reason: 'x' }, TODAY),
    ).rejects.toMatchObject({ code: 'PERMIT-DENIED' });
    await expect(closeRoadPermit(t.db, otherScheduler, { permitId, reason: 'x' }, TODAY)).rejects.toMatchObject({
      code: 'PERMIT-DENIED',
    });
    expect(await counts()).toEqual(before);
    expect((await findRoadPermit(t.db, permitId))!.endsOn).toBe('2026-12-10');
    expect(await listRoadPermits(t.db, { scope: { all: false, brigadeIds: ['B-ZA'], stationIds: [] } })).toEqual([]);
    expect(
      (await listRoadPermits(t.db, { scope: { all: false, brigadeIds: ['B-JJ'], stationIds: [] } })).map((p) => p.id),
    ).toEqual([permitId]);
    expect((await audits('permit.change')).map((a) => `${a.actor_username} ${a.outcome}`)).toEqual(['za_sched denied']);
  });

  it('refuses bad input naming the field and a window without two available officers, storing nothing', async () => {
    const before = await counts();
    const bad = await recordRoadPermit(t.db, scheduler, input({ patrolEveryDays: 0 }), TODAY).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RoadPermitError);
    expect((bad as RoadPermitError).field).toBe('patrolEveryDays');
    // One officer on leave through the works: no window has two.
    await t.db
      .insertInto('officer_leave')
      .values({ officer_id: f.officers[1]!.id, from_on: '2026-12-20', to_on: '2026-12-31', reason: 'test' })
      .execute();
    const none = await recordRoadPermit(t.db, scheduler, input({ startsOn: '2026-12-21', endsOn: '2026-12-24' }), TODAY).catch(
      (e: unknown) => e,
    );
    expect(none).toMatchObject({ code: 'PERMIT-NO-OFFICERS', slot: { from: '2026-12-21', to: '2026-12-24' } });
    expect(await counts()).toEqual(before);
  });

  it('shortening cancels the patrols after the new end; lengthening plans new ones up to it', async () => {
    const short = await changeRoadPermitEnd(t.db, scheduler, { permitId, endsOn: '2026-12-05', reason: '提前完工' }, TODAY);
    expect(short.added).toEqual([]);
    let p = (await findRoadPermit(t.db, permitId))!;
    expect(p.patrols.map((x) => `${x.plannedOn} ${x.status}`)).toEqual([
      '2026-11-25 planned',
      '2026-12-02 planned',
      '2026-12-09 cancelled',
    ]);
    const long = await changeRoadPermitEnd(t.db, scheduler, { permitId, endsOn: '2026-12-14', reason: '工期延长' }, TODAY);
    expect(long.added.map((a) => a.on)).toEqual(['2026-12-06', '2026-12-13']);
    p = (await findRoadPermit(t.db, permitId))!;
    expect(p.patrols.filter((x) => x.status === 'planned').every((x) => x.plannedOn <= '2026-12-14')).toBe(true);
  });

  it('an officer on a patrol records 超面积围挡 from its day; others and early flags are refused', async () => {
    const p = (await findRoadPermit(t.db, permitId))!;
    const first = p.patrols[0]!;
    const later = p.patrols.find((x) => x.plannedOn === '2026-12-02')!;
    const outsider = await createRoleActor(t.db, { username: 'jj_other', role: 'inspector', brigadeId: 'B-JJ' });
    await expect(
      recordPatrolFlag(t.db, outsider, { permitId, inspectionId: first.inspectionId, kind: 'beyond_area', note: 'x' }, TODAY),
    ).rejects.toMatchObject({ code: 'PERMIT-DENIED', reason: 'not_on_patrol' });
    await expect(
      recordPatrolFlag(t.db, f.actors[0], { permitId, inspectionId: later.inspectionId, kind: 'beyond_area', note: 'x' }, TODAY),
    ).rejects.toMatchObject({ reason: 'patrol_not_yet' });
    await recordPatrolFlag(
      t.db,
      f.actors[0],
      { permitId, inspectionId: first.inspectionId, kind: 'beyond_area', note: '围挡向机动车道外扩约 1.5 米' },
      TODAY,
    );
    const after = (await findRoadPermit(t.db, permitId))!;
    expect(after.recordedFlags).toEqual(['beyond_area']);
    expect(after.flags).toHaveLength(1);
  });

  it('records the notice, the stop-work order and the referral to 城管 with who and when; a referral first is refused', async () => {
    await expect(
      recordPermitMeasure(
        t.db,
        scheduler,
        { permitId, kind: 'referral', referredTo: 'urban_management', note: '逾期未整改' },
        TODAY,
      ),
    ).rejects.toMatchObject({ field: 'serious', reason: 'referral_needs_notice_or_serious' });
    await recordPermitMeasure(t.db, f.actors[0], { permitId, kind: 'stop_work', note: '责令立即停工整改' }, TODAY);
    await recordPermitMeasure(
      t.db,
      scheduler,
      { permitId, kind: 'referral', referredTo: 'urban_management', note: '逾期未整改，通报城管' },
      '2026-11-30',
    );
    const p = (await findRoadPermit(t.db, permitId))!;
    expect(p.measures.map((m) => `${m.kind} ${m.referredTo ?? '-'} ${m.takenOn} ${m.recordedBy}`)).toEqual([
      `stop_work - 2026-11-25 承办民警rp-1`,
      'referral urban_management 2026-11-30 jj_sched',
    ]);
  });

  it('closing cancels every patrol not done, but not one whose record is under way; a closed permit cannot be changed', async () => {
    const underWay = (await findRoadPermit(t.db, permitId))!.patrols[0]!;
    await t.db.updateTable('inspection').set({ started_at: new Date() }).where('id', '=', underWay.inspectionId).execute();
    const r = await closeRoadPermit(t.db, scheduler, { permitId, reason: '施工结束，恢复通行' }, TODAY);
    expect(r.cancelled.length).toBeGreaterThan(0);
    expect(r.cancelled).not.toContain(underWay.inspectionId);
    const p = (await findRoadPermit(t.db, permitId))!;
    expect(p.status).toBe('closed');
    expect(p.patrols.map((x) => x.status)).toEqual(
      p.patrols.map((x) => (x.inspectionId === underWay.inspectionId ? 'planned' : 'cancelled')),
    );
    await expect(
      changeRoadPermitEnd(t.db, scheduler, { permitId, endsOn: '2026-12-20', reason: 'x' }, TODAY),
    ).rejects.toMatchObject({ code: 'PERMIT-STATE' });
  });
});
