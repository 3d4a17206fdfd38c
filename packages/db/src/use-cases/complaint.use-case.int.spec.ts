import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureInServiceFrom } from '../repositories/service-setting.repository.js';
import { createRoleActor } from '../testing/case-fixture.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { Actor } from './actor.js';
import { ComplaintError, receiveComplaint, setComplaintReplyDays } from './complaint.use-case.js';

/** Issue 13 §4: the configured reply period — who may set it, its bounds, what it dates, its audit. */
let t: TestDatabase;
let admin: Actor;
let scheduler: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insertInto('brigade').values({ id: 'B-ZA', name_zh: '治安管理大队', name_en: 'Public order' }).execute();
  await ensureInServiceFrom(t.db, '2026-11-01');
  admin = await createRoleActor(t.db, { username: 'sys', role: 'system_admin' });
  scheduler = await createRoleActor(t.db, { username: 'sch', role: 'scheduler', brigadeId: 'B-ZA' });
});

afterAll(async () => {
  await t?.drop();
});

const audits = (action: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['outcome', 'actor_username', 'details'])
    .where('action', '=', action)
    .orderBy('id')
    .execute();

describe('the complaint reply period (configured, no statutory period verified)', () => {
  it('dates a complaint 15 days out by default, then by the period the system administrator sets', async () => {
    const input = { channel: 'phone', regime: 'R09', content: '旅馆未登记住客', informantName: '某甲' };
    const first = await receiveComplaint(t.db, scheduler, input, new Date(), '2026-11-25');
    expect(first).toMatchObject({ replyDays: 15, replyDueOn: '2026-12-10' });
    expect(await setComplaintReplyDays(t.db, admin, 10)).toBe(10);
    const second = await receiveComplaint(t.db, scheduler, input, new Date(), '2026-11-25');
    expect(second).toMatchObject({ replyDays: 10, replyDueOn: '2026-12-05' });
    // The complaint received before keeps its own period.
    const kept = await t.db.selectFrom('complaint').select('reply_due_on').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(kept.reply_due_on).toBe('2026-12-10');
    // Nobody's name in the audit of the intake.
    expect(JSON.stringify(await audits('complaint.receive'))).not.toContain('某甲');
  });

  it('refuses a scheduler (denied) and a period outside 1–90 days (failure), each audited', async () => {
    await expect(setComplaintReplyDays(t.db, scheduler, 20)).rejects.toMatchObject({ code: 'COMPLAINT-DENIED' });
    const bad = await setComplaintReplyDays(t.db, admin, 0).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ComplaintError);
    expect((bad as ComplaintError).field).toBe('complaintReplyDays');
    expect((await audits('settings.complaint_reply_days')).map((a) => `${a.actor_username} ${a.outcome}`)).toEqual([
      'sys success',
      'sch denied',
      'sys failure',
    ]);
    const row = await t.db.selectFrom('service_setting').select('complaint_reply_days').executeTakeFirstOrThrow();
    expect(row.complaint_reply_days).toBe(10);
  });
});
