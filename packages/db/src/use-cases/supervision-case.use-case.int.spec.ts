import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCase, caseFileLines } from '../repositories/supervision-case.repository.js';
import { seedCalendarFromPackage } from '../repositories/calendar.repository.js';
import { ensureInServiceFrom } from '../repositories/service-setting.repository.js';
import { createCaseFixture, createRoleActor, type CaseFixture } from '../testing/case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { Actor } from './actor.js';
import { assignComplaint, openComplaintInspection, receiveComplaint } from './complaint.use-case.js';
import { issueNotice, recordReviewOpinion, requestReview, serveNotice } from './rectification.use-case.js';
import { CaseError, closeCase, openCaseInspection, recordIncident } from './supervision-case.use-case.js';

/**
 * Issue 13 §5: R11–R13 cases from an incident or a complaint, through their inspection to a closed
 * case; scope on the stored case and on what is written, bad input named, nothing half-written.
 */
const TODAY = '2026-11-25';
let t: TestDatabase;
let f: CaseFixture;
let wa: Actor;
let za: Actor;
let entityCode = '';

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createCaseFixture(t.db, { regime: 'R12', inspectedOn: '2026-11-20', tag: 'sc1' });
  await ensureInServiceFrom(t.db, '2026-11-01');
  await seedCalendarFromPackage(t.db);
  wa = await createRoleActor(t.db, { username: 'wa_sch', role: 'scheduler', brigadeId: 'B-WA' });
  za = await createRoleActor(t.db, { username: 'za_sch', role: 'scheduler', brigadeId: 'B-ZA' });
  entityCode = (await t.db.selectFrom('entity').select('code').where('id', '=', f.entityId).executeTakeFirstOrThrow()).code;
});

afterAll(async () => {
  await t?.drop();
});

const incident = (over: Record<string, string> = {}) => ({
  regime: 'R12',
  method: 'technical',
  entityCode,
  what: '技术检测发现该单位信息系统未落实等级保护测评',
  place: '鹿泉区某机房',
  occurredAt: '2026-11-24T09:30',
  ...over,
});
const caseCount = async () => (await t.db.selectFrom('supervision_case').select('id').execute()).length;
const audits = (action: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['outcome', 'actor_username', 'reason'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();

describe('a case from an incident', () => {
  let caseId = 0;

  it('is recorded by an inspector of the unit’s brigade: numbered, open, what/where/when/which unit kept', async () => {
    const r = await recordIncident(t.db, f.actors[0], incident(), TODAY);
    expect(r.number).toMatch(/^AJ2026-\d{6}$/);
    caseId = r.id;
    const c = (await findCase(t.db, caseId))!;
    expect(c).toMatchObject({
      source: 'incident',
      method: 'technical',
      regime: 'R12',
      status: 'open',
      place: '鹿泉区某机房',
      occurredAt: '2026-11-24T09:30',
      entity: { code: entityCode },
      inspection: null,
    });
  });

  it('names the bad field and writes nothing: a method R11 does not list, a future time, a unit of another regime', async () => {
    const before = await caseCount();
    const bad = async (over: Record<string, string>) => {
      const e = await recordIncident(t.db, f.actors[0], incident(over), TODAY).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CaseError);
      return `${(e as CaseError).field} ${(e as CaseError).reason}`;
    };
    expect(await bad({ regime: 'R11', method: 'technical' })).toBe('method bad_method');
    expect(await bad({ occurredAt: '2026-11-26T08:00' })).toBe('occurredAt in_future');
    expect(await bad({ occurredAt: '2026-11-24' })).toBe('occurredAt bad_datetime');
    expect(await bad({ what: '  ' })).toBe('what required');
    expect(await bad({ regime: 'R13', method: 'daily_work' })).toBe('entityCode entity_other_regime');
    expect(await bad({ regime: 'R09', method: 'daily_work' })).toBe('regime bad_regime');
    expect(await caseCount()).toBe(before);
  });

  it('refuses an actor outside the brigade, on the regime written and on the stored case', async () => {
    await expect(recordIncident(t.db, za, incident(), TODAY)).rejects.toMatchObject({ code: 'CASE-DENIED' });
    await expect(
      openCaseInspection(t.db, za, { caseId, officerCode: f.officers[0]!.code, plannedOn: TODAY }, TODAY),
    ).rejects.toMatchObject({ code: 'CASE-DENIED' });
    await expect(closeCase(t.db, za, { caseId, conclusion: '结案' }, TODAY)).rejects.toMatchObject({ code: 'CASE-DENIED' });
    expect((await findCase(t.db, caseId))!.inspection).toBeNull();
    expect((await audits('case.inspection.open')).map((a) => `${a.actor_username} ${a.outcome}`)).toEqual(['za_sch denied']);
  });

  it('opens one inspection of two officers (a patrol-type follow-up of technical detection), then refuses a second', async () => {
    await expect(
      openCaseInspection(t.db, wa, { caseId, officerCode: f.officers[0]!.code, plannedOn: '2026-11-24' }, TODAY),
    ).rejects.toMatchObject({ field: 'plannedOn', reason: 'date_past' });
    await expect(openCaseInspection(t.db, wa, { caseId, officerCode: 'NOBODY', plannedOn: TODAY }, TODAY)).rejects.toMatchObject({
      field: 'officerCode',
      reason: 'officer_not_found',
    });
    const { inspectionId } = await openCaseInspection(
      t.db,
      wa,
      { caseId, officerCode: f.officers[0]!.code, plannedOn: TODAY },
      TODAY,
    );
    const insp = await t.db
      .selectFrom('inspection')
      .select(['trigger', 'entity_id'])
      .where('id', '=', inspectionId)
      .executeTakeFirstOrThrow();
    expect(insp).toEqual({ trigger: 'patrol', entity_id: f.entityId });
    const officers = await t.db
      .selectFrom('inspection_officer')
      .select('officer_id')
      .where('inspection_id', '=', inspectionId)
      .execute();
    expect(officers.map((o) => Number(o.officer_id)).sort()).toEqual(f.officers.map((o) => o.id).sort());
    expect((await findCase(t.db, caseId))!.inspection?.id).toBe(inspectionId);
    await expect(
      openCaseInspection(t.db, wa, { caseId, officerCode: f.officers[0]!.code, plannedOn: TODAY }, TODAY),
    ).rejects.toMatchObject({ code: 'CASE-STATE', reason: 'inspection_exists' });
  });

  it('closes only once the inspection is done and its notice completed, with a conclusion', async () => {
    const inspectionId = (await findCase(t.db, caseId))!.inspection!.id;
    await expect(closeCase(t.db, wa, { caseId, conclusion: '已整改' }, TODAY)).rejects.toMatchObject({
      reason: 'inspection_not_done',
    });
    await t.db.updateTable('inspection').set({ status: 'done', inspected_on: TODAY }).where('id', '=', inspectionId).execute();
    const hazard = await t.db
      .insertInto('hazard')
      .values({ inspection_id: inspectionId, severity: 'major', description: '未开展等级测评' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The case file's own use-cases, on the case's inspection: the notice issued, served, reviewed.
    const issued = await issueNotice(t.db, f.actors[0], {
      hazardId: Number(hazard.id),
      today: TODAY,
      deadlineOn: '2026-12-25',
      noMaximumAcknowledged: true,
    });
    expect(issued.number).toMatch(/^鹿公网限改字〔2026〕\d{4}号$/);
    expect((await caseFileLines(t.db, inspectionId)).map((l) => `${l.kind} ${l.label} ${l.status}`)).toEqual([
      `rectification ${issued.number} open`,
    ]);
    await expect(closeCase(t.db, wa, { caseId, conclusion: '已整改' }, TODAY)).rejects.toMatchObject({
      reason: 'rectification_open',
    });
    await serveNotice(t.db, f.actors[0], {
      rectificationId: issued.rectificationId,
      servedAt: new Date(`${TODAY}T11:00:00+08:00`),
      today: TODAY,
    });
    const review = await requestReview(t.db, f.actors[0], { rectificationId: issued.rectificationId, today: TODAY });
    await recordReviewOpinion(t.db, f.actors[0], {
      inspectionId: review.inspectionId,
      opinion: 'passed',
      note: '复查合格',
      today: TODAY,
    });
    expect((await caseFileLines(t.db, inspectionId)).map((l) => l.status)).toEqual(['completed']);
    await expect(closeCase(t.db, wa, { caseId, conclusion: ' ' }, TODAY)).rejects.toMatchObject({
      field: 'conclusion',
      reason: 'required',
    });
    await closeCase(t.db, wa, { caseId, conclusion: '单位已完成整改，复查合格，结案。' }, TODAY);
    expect(await findCase(t.db, caseId)).toMatchObject({ status: 'closed', closedOn: TODAY });
    await expect(closeCase(t.db, wa, { caseId, conclusion: '再次结案' }, TODAY)).rejects.toMatchObject({
      reason: 'already_closed',
    });
    expect((await audits('case.close')).map((a) => a.outcome)).toEqual([
      'denied',
      'failure',
      'failure',
      'failure',
      'success',
      'failure',
    ]);
  });
});

describe('a case from a complaint', () => {
  it('is opened with the complaint’s inspection, its content as what, never its informant', async () => {
    const complaint = await receiveComplaint(
      t.db,
      wa,
      {
        channel: 'phone',
        regime: 'R12',
        content: '该单位网站被篡改未报告',
        informantName: '乙某举报人',
        informantPhone: '13900000000',
      },
      new Date(),
      TODAY,
    );
    await assignComplaint(t.db, wa, { complaintId: complaint.id, officerCode: f.officers[1]!.code });
    const opened = await openComplaintInspection(t.db, wa, { complaintId: complaint.id, entityCode, plannedOn: TODAY }, TODAY);
    const row = await t.db
      .selectFrom('supervision_case')
      .selectAll()
      .where('complaint_id', '=', complaint.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'complaint', method: null, number: opened.caseNumber, what: '该单位网站被篡改未报告' });
    expect(Number(row.inspection_id)).toBe(opened.inspectionId);
    expect(JSON.stringify(row)).not.toContain('乙某举报人');
    expect(JSON.stringify(row)).not.toContain('13900000000');
  });
});
