/**
 * Closing settled alerts (issue 11 §5): the repository reads each open alert's item and closes it when
 * core's one definition (`isAlertSettled`) says the item is settled — the same predicates the scan's
 * findings read, so an item the scan no longer raises (e.g. a review requested) has its alert closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseFixture, createTestDatabase, type TestDatabase } from '../testing/index.js';
import { raiseAlert, resolveSettledAlerts, type NewAlert } from './alert.repository.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 300_000);
afterAll(async () => {
  await t?.drop();
});

const now = new Date('2026-11-27T02:00:00Z');
const open = async (kind: string) =>
  (await t.db.selectFrom('alert').select('id').where('kind', '=', kind).where('resolved_at', 'is', null).execute()).length;

async function raise(a: Omit<NewAlert, 'level' | 'detectedOn'>): Promise<void> {
  await raiseAlert(t.db, { ...a, level: 'inspector', detectedOn: '2026-11-27' }, [], now);
}

describe('resolveSettledAlerts', () => {
  it('closes what core calls settled, and only that', async () => {
    const f = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-10-20', severity: 'major' });
    const r = await t.db
      .insertInto('rectification')
      .values({
        hazard_id: f.hazardId,
        notice_no: 'TEST-SETTLE-1',
        issued_on: '2026-10-21',
        served_on: '2026-10-21',
        deadline_on: '2026-11-05',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const subject = { subjectType: 'rectification' as const, subjectId: r.id, regime: 'R03', brigadeId: f.brigadeId };
    await raise({ kind: 'rectification_overdue', ...subject, dueOn: '2026-11-05' });
    await raise({ kind: 'review_late', ...subject, dueOn: '2026-11-12' });
    const n = await createCaseFixture(t.db, { regime: 'R14', inspectedOn: '2026-11-20' });
    await raise({
      kind: 'notice_late',
      subjectType: 'inspection',
      subjectId: n.inspectionId,
      regime: 'R14',
      brigadeId: n.brigadeId,
      dueOn: '2026-11-25',
    });

    expect(await resolveSettledAlerts(t.db, now)).toBe(0);

    // The unit asks for review: its report of completion settles the overdue alert, not the review.
    await t.db
      .updateTable('rectification')
      .set({ status: 'review_requested', review_requested_on: '2026-11-20' })
      .where('id', '=', r.id)
      .execute();
    expect(await resolveSettledAlerts(t.db, now)).toBe(1);
    expect(await open('rectification_overdue')).toBe(0);
    expect(await open('review_late')).toBe(1);

    await t.db
      .updateTable('rectification')
      .set({ status: 'completed', completed_on: '2026-11-24', reviewed_on: '2026-11-24' })
      .where('id', '=', r.id)
      .execute();
    expect(await resolveSettledAlerts(t.db, now)).toBe(1);
    expect(await open('review_late')).toBe(0);

    // A notice issued but not served does not settle the R14 alert; served, it does.
    const notice = await t.db
      .insertInto('rectification')
      .values({ hazard_id: n.hazardId, notice_no: 'TEST-SETTLE-2', issued_on: '2026-11-26', deadline_on: '2026-12-26' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await resolveSettledAlerts(t.db, now)).toBe(0);
    await t.db.updateTable('rectification').set({ served_on: '2026-11-26' }).where('id', '=', notice.id).execute();
    expect(await resolveSettledAlerts(t.db, now)).toBe(1);
    expect(await open('notice_late')).toBe(0);
  });
});
