/**
 * Migration 0019 (issue 11 §4): the database refuses, whoever writes, a rectification deadline the law
 * does not allow — a direct INSERT that bypasses the use-case fails — and counts the 期间 clause
 * exactly as core's statutory calendar does.
 */
import { createCalendar, plusDays, type StatutoryCalendar } from '@supervise/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStatutoryCalendar, seedCalendarFromPackage } from '../repositories/calendar.repository.js';
import { createCaseFixture, createTestDatabase, type TestDatabase } from '../testing/index.js';

let t: TestDatabase;
let cal: StatutoryCalendar;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedCalendarFromPackage(t.db);
  const { years, days } = await loadStatutoryCalendar(t.db);
  cal = createCalendar(days, years);
}, 300_000);
afterAll(async () => {
  await t?.drop();
});

let seq = 0;
async function notice(
  regime: string,
  values: { issued_on: string; deadline_on: string; extended_deadline_on?: string; period_started_on?: string },
) {
  const f = await createCaseFixture(t.db, { regime, inspectedOn: values.issued_on, severity: 'major' });
  return t.db
    .insertInto('rectification')
    .values({ hazard_id: f.hazardId, notice_no: `TEST-0019-${++seq}`, status: 'open', ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
}

describe('0019: deadlines the law does not allow are refused by the database', () => {
  it('counts the 期间 clause as core does: a last day on a rest day moves to the next working day', async () => {
    const from = '2025-01-01';
    const days = Array.from({ length: 715 }, (_, i) => plusDays(from, i));
    const rows = await sql<{ d: string; end: string }>`
      select d::text, statutory_period_end(d)::text as end from unnest(${days}::date[]) as d`.execute(t.db);
    expect(rows.rows.map((r) => r.end)).toEqual(days.map((d) => cal.onOrNextWorkingDay(d)));
    await expect(sql`select statutory_period_end('2027-01-02'::date)`.execute(t.db)).rejects.toThrow(/lacks the year 2027/);
  });

  it('R03 监管措施（一）: at most 15 days from the notice (the next working day when the 15th is a rest day)', async () => {
    await expect(notice('R03', { issued_on: '2026-06-10', deadline_on: '2026-06-26' })).rejects.toThrow(/R03.*exceeds 15 days/);
    await notice('R03', { issued_on: '2026-06-10', deadline_on: '2026-06-25' });
    // 2026-09-20 + 15 = 2026-10-05, in the National Day holiday: 2026-10-08 is lawful, 10-09 is not.
    await notice('R03', { issued_on: '2026-09-20', deadline_on: '2026-10-08' });
    await expect(notice('R03', { issued_on: '2026-09-20', deadline_on: '2026-10-09' })).rejects.toThrow(/exceeds 15 days/);
  });

  it('R03: beyond 15 days only by an approved extension, and never beyond 30', async () => {
    await expect(
      notice('R03', { issued_on: '2026-06-10', deadline_on: '2026-06-20', extended_deadline_on: '2026-07-01' }),
    ).rejects.toThrow(/without an approved extension/);
    await expect(
      notice('R03', { issued_on: '2026-06-10', deadline_on: '2026-06-20', extended_deadline_on: '2026-07-11' }),
    ).rejects.toThrow(/exceeds 30 days/);
    // Notice and approved extension in one transaction (checked at commit): accepted.
    await t.db.transaction().execute(async (trx) => {
      const f = await createCaseFixture(trx, { regime: 'R03', inspectedOn: '2026-06-10', severity: 'major' });
      const r = await trx
        .insertInto('rectification')
        .values({
          hazard_id: f.hazardId,
          notice_no: 'TEST-0019-X',
          issued_on: '2026-06-10',
          deadline_on: '2026-06-20',
          extended_deadline_on: '2026-07-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('rectification_extension')
        .values({
          rectification_id: r.id,
          requested_on: '2026-06-15',
          requested_deadline_on: '2026-07-01',
          deadline_in_force_on: '2026-06-20',
          reason: '设备到货延迟',
          status: 'approved',
          decided_on: '2026-06-18',
        })
        .execute();
    });
  });

  it('an extension approved on or after the deadline in force is refused (R03 监管措施（一）)', async () => {
    const r = await notice('R03', { issued_on: '2026-07-01', deadline_on: '2026-07-10' });
    const ext = (decided_on: string) =>
      t.db
        .insertInto('rectification_extension')
        .values({
          rectification_id: r.id,
          requested_on: '2026-07-08',
          requested_deadline_on: '2026-07-20',
          deadline_in_force_on: '2026-07-10',
          reason: '设备到货延迟',
          status: 'approved',
          decided_on,
        })
        .execute();
    await expect(ext('2026-07-10')).rejects.toThrow(/rectification_extension_approved_in_time/);
    await ext('2026-07-09');
    await expect(
      t.db
        .insertInto('rectification_extension')
        .values({
          rectification_id: r.id,
          requested_on: '2026-07-10',
          requested_deadline_on: '2026-07-20',
          deadline_in_force_on: '2026-07-10',
          reason: '逾期后申请',
        })
        .execute(),
    ).rejects.toThrow(/rectification_extension_asked_in_time/);
  });

  it('R14 监督检查程序 2: at most two months; a failed review restarts the period', async () => {
    // 2026-03-31 + 2 months = 2026-05-31, a Sunday: 2026-06-01 is lawful, 06-02 is not.
    await notice('R14', { issued_on: '2026-03-31', deadline_on: '2026-06-01' });
    await expect(notice('R14', { issued_on: '2026-03-31', deadline_on: '2026-06-02' })).rejects.toThrow(/R14.*exceeds 2 months/);
    const r = await notice('R14', { issued_on: '2026-03-02', deadline_on: '2026-04-30' });
    await expect(
      t.db.updateTable('rectification').set({ extended_deadline_on: '2026-06-15' }).where('id', '=', r.id).execute(),
    ).rejects.toThrow(/exceeds 2 months/);
    await t.db
      .updateTable('rectification')
      .set({ extended_deadline_on: '2026-06-15', period_started_on: '2026-05-06' })
      .where('id', '=', r.id)
      .execute();
  });

  it('no notice for a general R03 hazard (put right at once) nor for a hazard fixed on the spot', async () => {
    const general = await createCaseFixture(t.db, { regime: 'R03', inspectedOn: '2026-06-10', severity: 'general' });
    await expect(
      t.db
        .insertInto('rectification')
        .values({ hazard_id: general.hazardId, notice_no: 'TEST-0019-G', issued_on: '2026-06-10', deadline_on: '2026-06-20' })
        .execute(),
    ).rejects.toThrow(/general hazard is put right at once/);
    const fixed = await createCaseFixture(t.db, { regime: 'R09', inspectedOn: '2026-06-10' });
    await t.db.updateTable('hazard').set({ fixed_on_spot: true }).where('id', '=', fixed.hazardId).execute();
    await expect(
      t.db
        .insertInto('rectification')
        .values({ hazard_id: fixed.hazardId, notice_no: 'TEST-0019-F', issued_on: '2026-06-10', deadline_on: '2026-06-20' })
        .execute(),
    ).rejects.toThrow(/fixed on the spot/);
  });

  it('every regime: the deadline falls after the notice date', async () => {
    await expect(notice('R09', { issued_on: '2026-06-10', deadline_on: '2026-06-10' })).rejects.toThrow(/must fall after/);
    await notice('R09', { issued_on: '2026-06-10', deadline_on: '2026-09-30' });
  });
});
