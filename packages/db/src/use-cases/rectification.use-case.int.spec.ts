/**
 * The rectification use-cases on a real database: numbers sequential and unique under concurrent
 * issues, the deadline policy per regime, service (R14 late only with a reason), extensions (a leader
 * who did not ask, before the deadline, R03 ≤ 30 days), the frozen document, the review that reopens
 * or closes the case and the dashboard's figures, scope on the stored rows, and the audit entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarFromPackage } from '../repositories/calendar.repository.js';
import { regimeCounts } from '../repositories/dashboard.repository.js';
import { caseFile } from '../repositories/rectification.repository.js';
import { createCaseFixture, createRoleActor, createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import {
  RectificationError,
  decideExtension,
  editNotice,
  issueNotice,
  recordReviewOpinion,
  requestExtension,
  requestReview,
  serveNotice,
} from './rectification.use-case.js';

let t: TestDatabase;
let leader: Actor;
let leader2: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedCalendarFromPackage(t.db);
  leader = await createRoleActor(t.db, { username: 'case_leader', role: 'leader' });
  leader2 = await createRoleActor(t.db, { username: 'case_leader2', role: 'leader' });
}, 300_000);

afterAll(async () => {
  await t?.drop();
});

async function refusal(p: Promise<unknown>): Promise<RectificationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RectificationError) return e;
    throw e;
  }
  throw new Error('not refused');
}

const audits = (action: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
const servedAt = (day: string) => new Date(`${day}T15:00:00+08:00`);

describe('issue: numbers and the deadline policy', () => {
  it('two concurrent issues of one brigade take consecutive, distinct numbers; stored numbers are continued', async () => {
    const a = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 'n1' });
    const b = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 'n2' });
    const [x, y] = await Promise.all([
      issueNotice(t.db, a.actors[0], { hazardId: a.hazardId, today: '2026-06-10' }),
      issueNotice(t.db, b.actors[0], { hazardId: b.hazardId, today: '2026-06-10' }),
    ]);
    expect([x.number, y.number].sort()).toEqual(['鹿公交限改字〔2026〕0001号', '鹿公交限改字〔2026〕0002号']);
    // R03 default: 15 days.
    expect(x.deadlineOn).toBe('2026-06-25');
    expect(x.rule).toBe('R03-RECTIFICATION');

    // A number stored before the counter existed (e.g. demo data) is never taken again.
    const c = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 'n3', severity: 'general' });
    const old = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 'n4' });
    await t.db
      .insertInto('rectification')
      .values({
        hazard_id: old.hazardId,
        notice_no: '鹿公治限改字〔2026〕0041号',
        served_on: '2026-06-01',
        deadline_on: '2026-06-30',
      })
      .execute();
    const z = await issueNotice(t.db, c.actors[0], {
      hazardId: c.hazardId,
      today: '2026-06-10',
      deadlineOn: '2026-07-10',
      noMaximumAcknowledged: true,
    });
    expect(z.number).toBe('鹿公治限改字〔2026〕0042号');
    expect(z.rule).toBe('NO-STATUTORY-MAXIMUM');
    expect(z.note?.zh).toMatch(/未规定整改期限上限/);
  });

  it('R03: 16 days refused naming the field; a general hazard gets no notice; a second notice refused', async () => {
    const f = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 'd1' });
    const e = await refusal(
      issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10', deadlineOn: '2026-06-26' }),
    );
    expect(e.code).toBe('RECT-RULE');
    expect(e.field).toBe('deadlineOn');
    expect(e.reasons.map((r) => r.code)).toEqual(['R03-RECT-EXTENSION-NOT-APPROVED']);
    expect(await t.db.selectFrom('rectification').select('id').where('hazard_id', '=', f.hazardId).execute()).toHaveLength(0);
    const failed = (await audits('rectification.issue')).at(-1)!;
    expect(failed).toMatchObject({ outcome: 'failure', reason: 'RECT-RULE' });

    const g = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 'd2', severity: 'general' });
    expect((await refusal(issueNotice(t.db, g.actors[0], { hazardId: g.hazardId, today: '2026-06-10' }))).reasons[0]?.code).toBe(
      'R03-GENERAL-HAZARD-IMMEDIATE',
    );

    await issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10', deadlineOn: '2026-06-20' });
    expect((await refusal(issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10' }))).code).toBe(
      'RECT-STATE',
    );
  });

  it('R14: two months by default, more refused; R09: a date and the acknowledgement are required', async () => {
    const f = await createCaseFixture(t.db, { regime: 'R14', inspectedOn: '2026-06-10', tag: 'd3' });
    expect(
      (await refusal(issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10', deadlineOn: '2026-08-11' })))
        .reasons[0]?.code,
    ).toBe('R14-RECT-EXCEEDS-2-MONTHS');
    const ok = await issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10' });
    expect(ok).toMatchObject({ deadlineOn: '2026-08-10', rule: 'R14-RECTIFICATION', number: '鹿公网限改字〔2026〕0001号' });

    const g = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 'd4' });
    const e = await refusal(
      issueNotice(t.db, g.actors[0], { hazardId: g.hazardId, today: '2026-06-10', deadlineOn: '2026-09-01' }),
    );
    expect(e.reasons.map((r) => r.code)).toEqual(['RECT-NO-MAXIMUM-NOT-ACKNOWLEDGED']);
  });
});

describe('scope on the stored rows', () => {
  it('an inspector of another brigade, or of the brigade but not on the inspection, is denied and audited', async () => {
    const f = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 's1' });
    const other = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 's2' });
    const sameBrigade = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 's3' });
    for (const actor of [other.actors[0], sameBrigade.actors[0], leader]) {
      const e = await refusal(issueNotice(t.db, actor, { hazardId: f.hazardId, today: '2026-06-10' }));
      expect(e.code).toBe('RECT-DENIED');
    }
    const denied = (await audits('rectification.issue')).filter((a) => a.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(3);
    expect(await t.db.selectFrom('rectification').select('id').where('hazard_id', '=', f.hazardId).execute()).toHaveLength(0);

    // An inspector may not approve an extension (extensions.approve is a leader's).
    const n = await issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10' });
    await serveNotice(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      servedAt: servedAt('2026-06-10'),
      today: '2026-06-10',
    });
    const x = await requestExtension(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      requestedDeadlineOn: '2026-07-05',
      reason: '设备采购周期',
      today: '2026-06-15',
    });
    expect(
      (
        await refusal(
          decideExtension(t.db, f.actors[1], { extensionId: x.extensionId, decision: 'approve', today: '2026-06-16' }),
        )
      ).code,
    ).toBe('RECT-DENIED');
  });
});

describe('service and the frozen document', () => {
  it('edits before service change the document; after service the notice is frozen everywhere', async () => {
    const f = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 'f1' });
    const n = await issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10' });
    await editNotice(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      description: '消防通道被占用',
      deadlineOn: '2026-06-24',
      today: '2026-06-10',
    });
    const before = await t.db
      .selectFrom('official_document')
      .selectAll()
      .where('id', '=', n.documentId)
      .executeTakeFirstOrThrow();
    expect(before.content).toMatchObject({
      deadlineOn: '2026-06-24',
      hazards: [{ description: '消防通道被占用' }],
      servedAt: null,
    });
    expect(before.first_served_at).toBeNull();

    const s = await serveNotice(t.db, f.actors[1], {
      rectificationId: n.rectificationId,
      servedAt: servedAt('2026-06-11'),
      today: '2026-06-11',
    });
    expect(s).toMatchObject({ servedOn: '2026-06-11', late: false });
    const frozen = await t.db
      .selectFrom('official_document')
      .selectAll()
      .where('id', '=', n.documentId)
      .executeTakeFirstOrThrow();
    expect(frozen.first_served_at).not.toBeNull();
    expect(frozen.content_sha256).toBe(s.contentSha256);
    expect((frozen.content as { servedAt: string }).servedAt).toBe(s.servedAt);

    const e = await refusal(
      editNotice(t.db, f.actors[0], { rectificationId: n.rectificationId, description: '改过的描述', today: '2026-06-12' }),
    );
    expect(e.code).toBe('RECT-FROZEN');
    expect(e.zh).toMatch(/已送达/);
    expect(
      (
        await refusal(
          editNotice(t.db, f.actors[0], { rectificationId: n.rectificationId, deadlineOn: '2026-06-20', today: '2026-06-12' }),
        )
      ).field,
    ).toBe('deadlineOn');
    // Whoever writes: the triggers refuse the document, the hazard text and the deadline.
    await expect(
      t.db
        .updateTable('official_document')
        .set({ content: JSON.stringify({ x: 1 }) })
        .where('id', '=', n.documentId)
        .execute(),
    ).rejects.toThrow(/frozen/);
    await expect(t.db.updateTable('hazard').set({ description: 'x' }).where('id', '=', f.hazardId).execute()).rejects.toThrow(
      /frozen/,
    );
    await expect(
      t.db.updateTable('rectification').set({ deadline_on: '2026-06-30' }).where('id', '=', n.rectificationId).execute(),
    ).rejects.toThrow(/frozen/);
    // Serving twice is refused.
    expect(
      (await refusal(serveNotice(t.db, f.actors[0], { rectificationId: n.rectificationId, today: '2026-06-12' }))).code,
    ).toBe('RECT-STATE');
  });

  it('R14: served after 3 working days only with a recorded reason, and flagged', async () => {
    const f = await createCaseFixture(t.db, { regime: 'R14', inspectedOn: '2026-06-10', tag: 'f2' });
    const n = await issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10' });
    const e = await refusal(
      serveNotice(t.db, f.actors[0], {
        rectificationId: n.rectificationId,
        servedAt: servedAt('2026-06-16'),
        today: '2026-06-16',
      }),
    );
    expect(e.field).toBe('lateReason');
    expect(e.reasons[0]?.code).toBe('R14-NOTICE-LATE-REASON-REQUIRED');
    const s = await serveNotice(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      servedAt: servedAt('2026-06-16'),
      lateReason: '被检查单位负责人外出，无法签收',
      today: '2026-06-16',
    });
    expect(s).toMatchObject({ late: true, serviceDueOn: '2026-06-15' });
    const r = await t.db.selectFrom('rectification').selectAll().where('id', '=', n.rectificationId).executeTakeFirstOrThrow();
    expect(r).toMatchObject({
      served_late: true,
      late_service_reason: '被检查单位负责人外出，无法签收',
      service_due_on: '2026-06-15',
    });
  });
});

describe('extensions', () => {
  it('approved by a leader before the deadline; on the deadline refused; R03 31 days refused; never by the requester', async () => {
    const f = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 'x1' });
    const n = await issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10' });
    await serveNotice(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      servedAt: servedAt('2026-06-10'),
      today: '2026-06-10',
    });
    // 31 days from issue: refused at approval.
    const too = await requestExtension(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      requestedDeadlineOn: '2026-07-11',
      reason: '工程量大',
      today: '2026-06-20',
    });
    const e31 = await refusal(
      decideExtension(t.db, leader, { extensionId: too.extensionId, decision: 'approve', today: '2026-06-21' }),
    );
    expect(e31.reasons.map((r) => r.code)).toEqual(['R03-RECT-EXCEEDS-30-DAYS']);
    // On the original deadline (2026-06-25): refused.
    const eLate = await refusal(
      decideExtension(t.db, leader, { extensionId: too.extensionId, decision: 'approve', today: '2026-06-25' }),
    );
    expect(eLate.reasons.map((r) => r.code)).toContain('RECT-EXT-APPROVED-TOO-LATE');
    await decideExtension(t.db, leader, {
      extensionId: too.extensionId,
      decision: 'reject',
      note: '超过30日',
      today: '2026-06-21',
    });

    const ok = await requestExtension(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      requestedDeadlineOn: '2026-07-10',
      reason: '设备到货延迟',
      today: '2026-06-21',
    });
    // A leader who is also the requester cannot approve.
    const both = await createRoleActor(t.db, { username: 'case_both', role: 'leader' });
    const selfReq = { ...both, id: f.actors[0].id };
    expect(
      (
        await refusal(decideExtension(t.db, selfReq, { extensionId: ok.extensionId, decision: 'approve', today: '2026-06-22' }))
      ).reasons.map((r) => r.code),
    ).toEqual(['RECT-EXT-SELF-APPROVAL']);
    const d = await decideExtension(t.db, leader2, { extensionId: ok.extensionId, decision: 'approve', today: '2026-06-22' });
    expect(d).toEqual({ status: 'approved', deadlineOn: '2026-07-10' });
    const r = await t.db.selectFrom('rectification').selectAll().where('id', '=', n.rectificationId).executeTakeFirstOrThrow();
    expect(r.extended_deadline_on).toBe('2026-07-10');
    expect(r.deadline_rule).toBe('R03-RECTIFICATION-EXTENDED');
    expect((await audits('rectification.extension.approve')).filter((a) => a.outcome === 'success')).toHaveLength(1);
  });
});

describe('review: reopened, then passed; the dashboard counts the case once', () => {
  it('issue → serve → review failed (new deadline) → review passed', async () => {
    const period = { from: '2026-01-01', to: '2026-06-30', today: '2026-06-12' };
    const r03 = async () => (await regimeCounts(t.db, { ...period, regimes: ['R03'], scope: { all: true } }))[0]!.rectifications;
    const before = await r03();
    const f = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', tag: 'r1' });
    const n = await issueNotice(t.db, f.actors[0], { hazardId: f.hazardId, today: '2026-06-10' });
    await serveNotice(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      servedAt: servedAt('2026-06-10'),
      today: '2026-06-10',
    });
    const q = await requestReview(t.db, f.actors[0], { rectificationId: n.rectificationId, today: '2026-06-11' });
    expect(q).toMatchObject({ dueOn: '2026-06-18', rule: 'R03-REVIEW' });
    const insp = await t.db.selectFrom('inspection').selectAll().where('id', '=', q.inspectionId).executeTakeFirstOrThrow();
    expect(insp).toMatchObject({ trigger: 'review', status: 'planned', regime_code: 'R03' });
    expect(
      (await refusal(requestReview(t.db, f.actors[0], { rectificationId: n.rectificationId, today: '2026-06-11' }))).code,
    ).toBe('RECT-STATE');
    const mid = await r03();
    expect(mid).toEqual(before);

    // Failed: the new deadline goes through the same policy (R03: ≤ 15 days from the review).
    const e = await refusal(
      recordReviewOpinion(t.db, f.actors[0], {
        inspectionId: q.inspectionId,
        opinion: 'failed',
        note: '仍未清理',
        newDeadlineOn: '2026-06-30',
        today: '2026-06-12',
      }),
    );
    expect(e.reasons[0]?.code).toBe('R03-RECT-EXTENSION-NOT-APPROVED');
    const failed = await recordReviewOpinion(t.db, f.actors[1], {
      inspectionId: q.inspectionId,
      opinion: 'failed',
      note: '仍未清理完毕',
      today: '2026-06-12',
    });
    expect(failed).toMatchObject({ status: 'reopened', newDeadlineOn: '2026-06-29', late: false });

    const q2 = await requestReview(t.db, f.actors[0], { rectificationId: n.rectificationId, today: '2026-06-12' });
    const passed = await recordReviewOpinion(t.db, f.actors[0], {
      inspectionId: q2.inspectionId,
      opinion: 'passed',
      note: '已整改',
      today: '2026-06-12',
    });
    expect(passed.status).toBe('completed');
    const cf = (await caseFile(t.db, f.inspectionId))!;
    expect(cf.hazards[0]).toMatchObject({ status: 'completed', completed_on: '2026-06-12', reviewed_on: '2026-06-12' });
    expect(cf.reviews.map((v) => v.opinion)).toEqual(['failed', 'passed']);

    const after = await r03();
    // Completed (review passed) before its deadline in force: one more due, one more on time.
    expect(after.onTime - before.onTime).toBe(1);
    expect(after.due - before.due).toBe(1);
    expect((await audits('rectification.review.opinion')).filter((a) => a.outcome === 'success')).toHaveLength(2);
  });
});

describe('hazard edits by other modules', () => {
  it('assertHazardEditable refuses a hazard on a served notice with a clear message', async () => {
    const { assertHazardEditable } = await import('./rectification.use-case.js');
    const f = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10', tag: 'h1' });
    await assertHazardEditable(t.db, f.hazardId);
    const n = await issueNotice(t.db, f.actors[0], {
      hazardId: f.hazardId,
      today: '2026-06-10',
      deadlineOn: '2026-07-01',
      noMaximumAcknowledged: true,
    });
    await assertHazardEditable(t.db, f.hazardId);
    await serveNotice(t.db, f.actors[0], {
      rectificationId: n.rectificationId,
      servedAt: servedAt('2026-06-10'),
      today: '2026-06-10',
    });
    const e = await refusal(assertHazardEditable(t.db, f.hazardId));
    expect(e.code).toBe('RECT-FROZEN');
    expect(e.zh).toContain(n.number);
  });
});
