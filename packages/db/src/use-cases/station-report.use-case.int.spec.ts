import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStationReport, listStationReports } from '../repositories/station-report.repository.js';
import { createCaseFixture, createRoleActor, type CaseFixture } from '../testing/case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { Actor } from './actor.js';
import { issueNotice } from './rectification.use-case.js';
import { recordStationReport, reviewStationReport } from './station-report.use-case.js';

/**
 * Issue 13 §3 against Postgres: an R04 agency's report is recorded, counted as unreviewed, reviewed once
 * by an officer of the brigade; a hazard found opens an inspection whose notice the existing
 * rectification flow issues. Refusals store nothing.
 */
const TODAY = '2026-11-25';
let t: TestDatabase;
let f: CaseFixture;
let entityCode: string;
let scheduler: Actor;
let za: Actor;
const checksOk = {
  photos: 'ok',
  vin: 'ok',
  engine_rubbing: 'ok',
  licence_scan: 'ok',
  video: 'ok',
  report_form: 'ok',
  key_vehicle_items: 'ok',
};

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createCaseFixture(t.db, { regime: 'R04', inspectedOn: '2026-11-20', tag: 'sr' });
  entityCode = (await t.db.selectFrom('entity').select('code').where('id', '=', f.entityId).executeTakeFirstOrThrow()).code;
  scheduler = await createRoleActor(t.db, { username: 'jj_s', role: 'scheduler', brigadeId: 'B-JJ' });
  za = await createRoleActor(t.db, { username: 'za_i', role: 'inspector', brigadeId: 'B-ZA' });
});

afterAll(async () => {
  await t?.drop();
});

const jj = { all: false as const, brigadeIds: ['B-JJ'], stationIds: [] };
const report = {
  entityCode: '',
  kind: 'inspection_report',
  receivedOn: TODAY,
  plate: '冀A·K7316',
  reportNo: 'JC20261125-031',
  summary: '大型客车年检上报',
};

describe('R04 reports and their review', () => {
  it('records reports in scope, lists the unreviewed with their count; refuses another brigade, storing nothing', async () => {
    const a = await recordStationReport(t.db, scheduler, { ...report, entityCode }, TODAY);
    await recordStationReport(
      t.db,
      scheduler,
      { ...report, entityCode, kind: 'video_check', plate: null, reportNo: null, summary: '检测线视频抽看' },
      TODAY,
    );
    await expect(recordStationReport(t.db, za, { ...report, entityCode }, TODAY)).rejects.toMatchObject({
      code: 'STATIONREP-DENIED',
    });
    await expect(recordStationReport(t.db, scheduler, { ...report, entityCode, plate: '' }, TODAY)).rejects.toMatchObject({
      field: 'plate',
    });
    const list = await listStationReports(t.db, { scope: jj });
    expect(list.unreviewedCount).toBe(2);
    expect(list.unreviewed[0]!.id).toBe(a.id);
    expect(
      (await listStationReports(t.db, { scope: { all: false, brigadeIds: ['B-ZA'], stationIds: [] } })).unreviewedCount,
    ).toBe(0);
  });

  it('a review with a hazard opens an inspection whose notice the rectification flow issues', async () => {
    const id = (await listStationReports(t.db, { scope: jj })).unreviewed[0]!.id;
    const review = {
      reportId: id,
      checks: { ...checksOk, key_vehicle_items: 'problem' },
      outcome: 'passed',
      findings: '反光标识缺失，弹簧片照片不清',
      qualityBureauNotified: false,
      hazard: { severity: 'general', description: '检验机构未按标准检验重点车辆反光标识' },
    };
    // A problem cannot pass (四 4); another brigade's officer is refused; nothing is stored.
    await expect(reviewStationReport(t.db, f.actors[0], review, TODAY, new Date())).rejects.toMatchObject({
      field: 'outcome',
      reason: 'problem_cannot_pass',
    });
    await expect(
      reviewStationReport(t.db, za, { ...review, outcome: 'withheld', qualityBureauNotified: true }, TODAY, new Date()),
    ).rejects.toMatchObject({
      code: 'STATIONREP-DENIED',
    });
    expect((await findStationReport(t.db, id))!.review).toBeNull();
    const done = await reviewStationReport(
      t.db,
      f.actors[0],
      { ...review, outcome: 'withheld', qualityBureauNotified: true },
      TODAY,
      new Date(),
    );
    expect(done.hazardInspectionId).not.toBeNull();
    const stored = (await findStationReport(t.db, id))!;
    expect(stored.review).toMatchObject({
      outcome: 'withheld',
      qualityBureauNotified: true,
      hazardInspectionId: done.hazardInspectionId,
    });
    await expect(
      reviewStationReport(t.db, f.actors[0], { ...review, outcome: 'withheld', qualityBureauNotified: true }, TODAY, new Date()),
    ).rejects.toMatchObject({ reason: 'already_reviewed' });
    expect((await listStationReports(t.db, { scope: jj })).unreviewedCount).toBe(1);
    // The existing flow: the reviewing officer issues the notice on the hazard.
    const notice = await issueNotice(t.db, f.actors[0], {
      hazardId: done.hazardId!,
      deadlineOn: '2026-12-10',
      noMaximumAcknowledged: true,
      today: TODAY,
    });
    expect(notice.number).toMatch(/^鹿公交限改字〔2026〕\d{4}号$/);
  });
});
