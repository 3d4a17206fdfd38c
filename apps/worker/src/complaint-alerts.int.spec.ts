/**
 * Issue 13 §4 against the real PostgreSQL: a complaint's reply deadline is alerted by the existing
 * alert scan (due soon, then overdue; without an inspection the brigade's scheduler stands in for the
 * inspector), the inbox names it by its number only, and a reply settles the alert.
 */
import {
  inboxPage,
  receivePublicComplaint,
  replyComplaint,
  seedCalendarFromPackage,
  seedDemo,
  type Database,
} from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import type { Job } from '@supervise/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDeliveryConfig } from './delivery/delivery-config.js';
import { silentLogger } from './logger.js';
import type { ProcessorContext } from './processor-context.js';
import { scanAlertsProcessor } from './processors/scan-alerts.processor.js';

const at = (local: string) => new Date(`${local}+08:00`);
let t: TestDatabase;
let db: Database;
let complaintId = 0;
let number = '';

const scan = (now: Date) =>
  scanAlertsProcessor.process({}, {
    db,
    workerId: 'test',
    queueBackend: 'redis',
    now: () => now,
    log: silentLogger,
    job: { opts: { attempts: 5 }, attemptsMade: 0 } as unknown as Job,
    signal: new AbortController().signal,
    jobState: async () => 'unknown',
    enqueue: async (name) => ({ jobId: `${name}.x` }),
    delivery: defaultDeliveryConfig(),
  } satisfies ProcessorContext);

const alerts = () =>
  db
    .selectFrom('alert')
    .select(['kind', 'level', 'due_on', 'resolved_at'])
    .where('complaint_id', '=', complaintId)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  await seedDemo(db, { today: '2026-11-27' });
  await seedCalendarFromPackage(db);
  // Only the complaint: the demo's own items would raise hundreds of alerts.
  await db.updateTable('rectification').set({ status: 'completed' }).execute();
  await db
    .updateTable('rectification')
    .set((eb) => ({ completed_on: eb.ref('served_on'), reviewed_on: eb.ref('served_on') }))
    .execute();
  await db.updateTable('obligation').set({ status: 'fulfilled' }).execute();
  await db
    .updateTable('inspection')
    .set({ inspected_on: '2020-01-01' })
    .where('regime_code', '=', 'R14')
    .where('inspected_on', 'is not', null)
    .execute();
  const r = await receivePublicComplaint(
    db,
    { address: '198.51.100.7', userAgent: null },
    { regime: 'R09', content: '旅馆未登记住客', informantName: '告警测试人' },
    at('2026-11-10T09:00:00'),
    '2026-11-10',
  );
  complaintId = r.id;
  number = r.number;
  expect(r.replyDueOn).toBe('2026-11-25');
}, 600_000);

afterAll(async () => {
  await t?.drop();
});

describe('complaint reply alerts (issue 13 §4)', () => {
  it('warns three days before the reply date, then raises overdue, to the scheduler while no inspection is open', async () => {
    await scan(at('2026-11-21T10:00:00'));
    expect(await alerts()).toEqual([]);
    await scan(at('2026-11-23T10:00:00'));
    expect((await alerts()).map((a) => `${a.kind} ${a.level}`)).toEqual(['complaint_reply_due_soon inspector']);
    await scan(at('2026-11-26T10:00:00'));
    expect((await alerts()).map((a) => `${a.kind} ${a.level}`)).toEqual([
      'complaint_reply_due_soon inspector',
      'complaint_reply_overdue inspector',
    ]);
    const scheduler = await db.selectFrom('app_user').select('id').where('username', '=', 'scheduler').executeTakeFirstOrThrow();
    const inbox = await inboxPage(db, Number(scheduler.id), {}, { limit: 50, offset: 0 });
    const mine = inbox.rows.filter((e) => e.complaintNumber === number);
    expect(mine.map((e) => e.kind).sort()).toEqual(['complaint_reply_due_soon', 'complaint_reply_overdue']);
  });

  it('settles the alerts once the reply is recorded', async () => {
    const r = await replyComplaint(
      db,
      { id: null, username: 'system', principal: null, via: 'worker' },
      { complaintId, reply: '已核查处理' },
      '2026-11-27',
    );
    expect(r.inTime).toBe(false);
    await scan(at('2026-11-27T10:00:00'));
    expect((await alerts()).every((a) => a.resolved_at !== null)).toBe(true);
  });
});
