/**
 * Issue 4 §4–§5 against the real services: PostgreSQL (own database, demo district on 2026-11-27,
 * statutory calendar from the package), Redis (own key prefix), a real SMTP server (smtp-server on a
 * free port) and a local HTTP server standing in for the DingTalk / WeCom robots. Outcomes are read
 * from Postgres and from what the servers received, never from queue events.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addWebhookEndpoint, seedCalendarFromPackage, seedDemo, setNotificationChannel, type Database } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { createProducer, createQueueFactory, type Job, type QueueFactory } from '@supervise/queue';
import { createTestQueueBackend, eventually, type TestQueueBackend } from '@supervise/queue/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDeliveryConfig, type DeliveryConfig } from './delivery/delivery-config.js';
import { closeMailTransports } from './delivery/mailer.js';
import { silentLogger } from './logger.js';
import type { ProcessorContext } from './processor-context.js';
import { deliverReminderProcessor } from './processors/deliver-reminder.processor.js';
import { scanAlertsProcessor } from './processors/scan-alerts.processor.js';
import { startWorker, type RunningWorker } from './start-worker.js';

const at = (local: string) => new Date(`${local}+08:00`);
const DAYTIME = at('2026-11-27T10:00:00');

/** Raw SQL for test set-up (the worker has no kysely dependency of its own). */
const raw = (text: string) =>
  db.executeQuery({
    sql: text,
    parameters: [],
    query: { kind: 'RawNode', sqlFragments: [text], parameters: [] },
    queryId: { queryId: 'test' },
  } as never);

let t: TestDatabase;
let db: Database;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: { to: string[]; raw: string }[] = [];
let robot: Server;
let robotBase = '';
const robotCalls: { path: string; query: URLSearchParams; body: Record<string, unknown> }[] = [];
let delivery: DeliveryConfig;
let inspectorUserId = 0;

/** A processor context for calling a processor directly (as one job run would). */
function ctxAt(now: Date, enqueued: number[] = [], attemptsMade = 0): ProcessorContext {
  return {
    db,
    workerId: 'test',
    queueBackend: 'redis',
    now: () => now,
    log: silentLogger,
    job: { opts: { attempts: 5 }, attemptsMade } as unknown as Job,
    signal: new AbortController().signal,
    jobState: async () => 'unknown',
    enqueue: async (name, input) => {
      if (name === 'deliver-reminder') enqueued.push((input as { reminderId: number }).reminderId);
      return { jobId: `${name}.x` };
    },
    delivery,
  };
}
const scan = (now: Date, enqueued: number[] = []) => scanAlertsProcessor.process({}, ctxAt(now, enqueued));

async function entityOf(regime: string): Promise<{ id: number; brigade_id: string }> {
  return db
    .selectFrom('entity')
    .select(['id', 'brigade_id'])
    .where('regime_code', '=', regime)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
}

async function inspection(regime: string, inspectedOn: string, officerId: number): Promise<number> {
  const e = await entityOf(regime);
  const i = await db
    .insertInto('inspection')
    .values({
      entity_id: e.id,
      regime_code: regime,
      trigger: 'patrol',
      planned_on: inspectedOn,
      inspected_on: inspectedOn,
      status: 'done',
      outcome: 'hazards_found',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('inspection_officer').values({ inspection_id: i.id, officer_id: officerId }).execute();
  return i.id;
}

async function hazard(inspectionId: number): Promise<number> {
  const h = await db
    .insertInto('hazard')
    .values({ inspection_id: inspectionId, severity: 'major', description: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return h.id;
}

async function obligation(key: string, windowStart: string, windowEnd: string): Promise<number> {
  const e = await entityOf('R09');
  const o = await db
    .insertInto('obligation')
    .values({
      key,
      type: 'census',
      regime: 'R09',
      rule_id: 'R09-PATROL-HOTEL',
      rule_version: 'R09@2026-01-01',
      kind: 'test',
      entity_id: e.id,
      period_start: windowStart,
      period_end: windowEnd,
      window_start: windowStart,
      window_end: windowEnd,
      clause: 'test',
      quota_source: 'rulebook',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return o.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  await seedDemo(db, { today: '2026-11-27' });
  await seedCalendarFromPackage(db);
  // Only our fixtures: the demo's own records would raise hundreds of alerts and slow the file down.
  await raw(`update rectification set completed_on = served_on, reviewed_on = served_on, status = 'completed'`);
  await raw(`update obligation set status = 'fulfilled'`);
  await raw(`update inspection set inspected_on = '2020-01-01' where regime_code = 'R14' and inspected_on is not null`);

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  robot = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      robotCalls.push({ path: u.pathname, query: u.searchParams, body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  robotBase = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;
  delivery = defaultDeliveryConfig({
    mail: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'supervise@example.test' },
    timeoutMs: 30_000,
  });

  const inspector = await db
    .selectFrom('app_user')
    .select(['id', 'officer_id'])
    .where('username', '=', 'inspector')
    .executeTakeFirstOrThrow();
  inspectorUserId = inspector.id;
  // E-mail opt-in with no quiet hours for the inspector; quiet-hours behaviour is tested with the default.
  await setNotificationChannel(db, inspector.id, {
    email: 'inspector@example.test',
    emailOptIn: true,
    quietStart: '00:00',
    quietEnd: '00:00',
  });
  const officer = inspector.officer_id!;

  // Fixtures, one per alert kind, as of Friday 2026-11-27.
  await obligation('test:due-soon', '2026-11-01', '2026-11-30'); // 2 working days left → due soon
  const overdueObligation = await obligation('test:overdue', '2026-10-01', '2026-10-31');
  await db
    .insertInto('inspection')
    .values({
      entity_id: (await entityOf('R09')).id,
      regime_code: 'R09',
      trigger: 'census',
      planned_on: '2026-10-20',
      status: 'planned',
      obligation_id: overdueObligation,
    })
    .execute();
  // R03: deadline 2026-11-05 not met, never reviewed → rectification overdue + review late (due 11-12).
  const r03 = await inspection('R03', '2026-10-20', officer);
  await db
    .insertInto('rectification')
    .values({ hazard_id: await hazard(r03), notice_no: 'TEST-R03-1', served_on: '2026-10-21', deadline_on: '2026-11-05' })
    .execute();
  // R14: inspection ended Friday 2026-11-20, no notice served; due 2026-11-25.
  await hazard(await inspection('R14', '2026-11-20', officer));
});

afterAll(async () => {
  closeMailTransports();
  await new Promise<void>((r) => smtp?.close(() => r()));
  await new Promise<void>((r) => robot?.close(() => r()));
  await t?.db.destroy();
  await new Promise((r) => setTimeout(r, 200));
  await t?.drop();
});

async function alertKeys(): Promise<string[]> {
  const rows = await db.selectFrom('alert').select(['kind', 'subject', 'level']).orderBy('id').execute();
  return rows.map((r) => `${r.kind} ${r.subject} ${r.level}`);
}

describe('scan-alerts: each alert kind raised once', () => {
  it('two concurrent scans, then a third, raise every kind once per item and level', async () => {
    const enqueued: number[] = [];
    await Promise.all([scan(DAYTIME, enqueued), scan(DAYTIME, enqueued)]);
    const first = await alertKeys();
    const kinds = new Set(first.map((k) => k.split(' ')[0]));
    expect([...kinds].sort()).toEqual([
      'notice_late',
      'obligation_due_soon',
      'obligation_overdue',
      'rectification_overdue',
      'review_late',
    ]);
    // Escalation N = 2, M = 3: the R03 items are 16 working days late → all three levels; the R14
    // notice is 2 working days late → the inspector only.
    expect(first.filter((k) => k.startsWith('rectification_overdue')).map((k) => k.split(' ')[2])).toEqual([
      'inspector',
      'scheduler',
      'leader',
    ]);
    expect(first.filter((k) => k.startsWith('notice_late')).map((k) => k.split(' ')[2])).toEqual(['inspector']);
    expect(new Set(first).size).toBe(first.length);

    const reminders1 = await db
      .selectFrom('reminder')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const stats = await scan(DAYTIME);
    expect(stats).toMatchObject({ raised: 0 });
    expect(await alertKeys()).toEqual(first);
    const reminders2 = await db
      .selectFrom('reminder')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(reminders2.n)).toBe(Number(reminders1.n));

    // The inspector's inbox holds the items rostered to them; inbox entries are delivered on write.
    const inbox = await db
      .selectFrom('reminder')
      .select(['status'])
      .where('channel', '=', 'inbox')
      .where('recipient_user_id', '=', inspectorUserId)
      .execute();
    expect(inbox.length).toBeGreaterThanOrEqual(3);
    expect(inbox.every((r) => r.status === 'sent')).toBe(true);
    // Issue 9 §5: one inbox entry per item and person, whatever the levels it reached. The leader
    // (scheduler level and leader level of the R03 item) and a scheduler who stands in for an
    // unrostered item at the inspector level are not reminded twice when it escalates.
    const perPerson = await db
      .selectFrom('reminder as m')
      .innerJoin('alert as a', 'a.id', 'm.alert_id')
      .select(['m.recipient_user_id', 'a.kind', 'a.subject', (eb) => eb.fn.countAll<number>().as('n')])
      .where('m.channel', '=', 'inbox')
      .groupBy(['m.recipient_user_id', 'a.kind', 'a.subject'])
      .execute();
    expect(perPerson.length).toBeGreaterThan(0);
    expect(perPerson.filter((r) => Number(r.n) > 1)).toEqual([]);
    // Pending e-mails were handed to delivery (the set may repeat across the two concurrent scans).
    const emails = await db.selectFrom('reminder').select('id').where('channel', '=', 'email').execute();
    expect(emails.length).toBeGreaterThan(0);
    for (const e of emails) expect(enqueued).toContain(e.id);
  });
});

describe('deliver-reminder: an e-mail reaches the SMTP server exactly once', () => {
  let backend: TestQueueBackend;
  let factory: QueueFactory;
  let worker: RunningWorker | undefined;

  beforeAll(() => {
    backend = createTestQueueBackend('redis', t.url);
    factory = createQueueFactory(backend.config);
  });
  afterAll(async () => {
    await worker?.stop();
    await factory?.close();
    await backend?.cleanup();
    await raw(`drop trigger if exists fail_mark_sent_once on reminder`);
  });

  it('even when marking it sent fails once and the job is retried, and when the job is added again', async () => {
    const email = await db
      .selectFrom('reminder')
      .select('id')
      .where('channel', '=', 'email')
      .where('recipient_user_id', '=', inspectorUserId)
      .where('status', '=', 'pending')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // The database refuses the first "mark as sent" (a sequence is not rolled back with the error).
    await raw(`create sequence fail_mark_sent_seq`);
    await raw(`create function fail_mark_sent() returns trigger language plpgsql as $$
      begin
        if new.status = 'sent' and old.status = 'sending' and nextval('fail_mark_sent_seq') = 1 then
          raise exception 'injected failure after the send';
        end if;
        return new;
      end $$`);
    await raw(`create trigger fail_mark_sent_once before update on reminder for each row execute function fail_mark_sent()`);

    const before = mails.length;
    worker = await startWorker({
      db,
      queueConfig: backend.config,
      workerId: 'alerts-test',
      concurrency: 2,
      delivery,
      now: () => new Date(),
    });
    const producer = createProducer(factory);
    const { jobId } = await producer.add('deliver-reminder', { reminderId: email.id });
    const q = producer.queue('alerts');
    // Attempt 1 sends then fails to mark; attempt 2 (after the 2 s backoff) finds it claimed.
    await eventually(
      async () => {
        const job = await q.getJob(jobId);
        return job === undefined || (await job.getState()) === 'unknown' ? true : undefined;
      },
      { timeoutMs: 300_000 },
    );
    expect(mails.length - before).toBe(1);
    expect(mails.at(-1)!.to).toEqual(['inspector@example.test']);
    expect(mails.at(-1)!.raw).toContain('X-Supervise-Reminder');

    // The same job once more (e.g. a rescan after a Redis loss): nothing is sent.
    await producer.add('deliver-reminder', { reminderId: email.id });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(mails.length - before).toBe(1);
    const row = await db
      .selectFrom('reminder')
      .select(['status', 'attempts'])
      .where('id', '=', email.id)
      .executeTakeFirstOrThrow();
    // Sent, but the mark failed: the row stays claimed and is never sent again.
    expect(row).toEqual({ status: 'sending', attempts: 1 });
    await producer.close();
  });

  it('marks a normal delivery sent; a second run of the same job sends nothing', async () => {
    const next = await db
      .selectFrom('reminder')
      .select('id')
      .where('channel', '=', 'email')
      .where('status', '=', 'pending')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const before = mails.length;
    expect(await deliverReminderProcessor.process({ reminderId: next.id }, ctxAt(new Date()))).toEqual({ sent: 'email' });
    expect(await deliverReminderProcessor.process({ reminderId: next.id }, ctxAt(new Date(), [], 1))).toEqual({
      skipped: 'sent',
    });
    expect(mails.length - before).toBe(1);
    const row = await db.selectFrom('reminder').select(['status', 'sent_at']).where('id', '=', next.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.sent_at).not.toBeNull();
  });
});

describe('webhooks and quiet hours', () => {
  it('posts the DingTalk (signed) and WeCom payload shapes', async () => {
    const r14 = await entityOf('R14');
    await addWebhookEndpoint(db, {
      brigadeId: r14.brigade_id,
      provider: 'dingtalk',
      url: `${robotBase}/robot/send?access_token=tok`,
      secret: 'SECtest',
      msgtype: 'markdown',
      quietStart: '00:00',
      quietEnd: '00:00',
    });
    await addWebhookEndpoint(db, {
      brigadeId: r14.brigade_id,
      provider: 'wecom',
      url: `${robotBase}/cgi-bin/webhook/send?key=k`,
      msgtype: 'text',
      quietStart: '00:00',
      quietEnd: '00:00',
    });
    // A new late R14 notice (inspection ended Monday 2026-11-23, due 11-26) for the new endpoints.
    const officer = (
      await db.selectFrom('app_user').select('officer_id').where('id', '=', inspectorUserId).executeTakeFirstOrThrow()
    ).officer_id!;
    await hazard(await inspection('R14', '2026-11-23', officer));
    const enqueued: number[] = [];
    await scan(DAYTIME, enqueued);
    const hooks = await db.selectFrom('reminder').select('id').where('channel', '=', 'webhook').orderBy('id').execute();
    expect(hooks).toHaveLength(2);
    for (const h of hooks) {
      expect(enqueued).toContain(h.id);
      expect(await deliverReminderProcessor.process({ reminderId: h.id }, ctxAt(new Date()))).toEqual({ sent: 'webhook' });
      expect(await deliverReminderProcessor.process({ reminderId: h.id }, ctxAt(new Date(), [], 1))).toEqual({ skipped: 'sent' });
    }
    expect(robotCalls).toHaveLength(2);
    const ding = robotCalls.find((c) => c.path === '/robot/send')!;
    expect(ding.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: expect.stringContaining('整改通知书'), text: expect.stringContaining('###') },
    });
    expect(ding.query.get('access_token')).toBe('tok');
    const ts = ding.query.get('timestamp')!;
    expect(ding.query.get('sign')).toBe(createHmac('sha256', 'SECtest').update(`${ts}\nSECtest`).digest('base64'));
    const wecom = robotCalls.find((c) => c.path === '/cgi-bin/webhook/send')!;
    expect(wecom.body).toEqual({
      msgtype: 'text',
      text: { content: expect.stringMatching(/^【整改通知书未在3个工作日内送达】[\s\S]*Notice not served/) },
    });
    expect(wecom.query.get('sign')).toBeNull();
  });

  it('holds e-mail and webhooks during 22:00–07:00 but not the inbox', async () => {
    await db
      .updateTable('notification_channel')
      .set({ quiet_start: '22:00', quiet_end: '07:00' })
      .where('user_id', '=', inspectorUserId)
      .execute();
    await db.updateTable('webhook_endpoint').set({ quiet_start: '22:00', quiet_end: '07:00' }).execute();
    const officer = (
      await db.selectFrom('app_user').select('officer_id').where('id', '=', inspectorUserId).executeTakeFirstOrThrow()
    ).officer_id!;
    const inspectionId = await inspection('R14', '2026-11-23', officer);
    await hazard(inspectionId);
    const night = at('2026-11-27T23:10:00');
    const enqueued: number[] = [];
    await scan(night, enqueued);
    const rows = await db
      .selectFrom('reminder as m')
      .innerJoin('alert as a', 'a.id', 'm.alert_id')
      .select(['m.id', 'm.channel', 'm.status', 'm.not_before'])
      .where('a.inspection_id', '=', inspectionId)
      .execute();
    const inbox = rows.filter((r) => r.channel === 'inbox');
    const held = rows.filter((r) => r.channel !== 'inbox');
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.every((r) => r.status === 'sent')).toBe(true);
    expect(held.map((r) => r.channel).sort()).toEqual(['email', 'webhook', 'webhook']);
    for (const r of held) {
      expect(r.status).toBe('pending');
      expect(new Date(r.not_before).getTime()).toBe(at('2026-11-28T07:00:00').getTime());
      expect(enqueued).not.toContain(r.id);
    }
    const mailsBefore = mails.length;
    const callsBefore = robotCalls.length;
    for (const r of held)
      expect(await deliverReminderProcessor.process({ reminderId: r.id }, ctxAt(at('2026-11-27T23:30:00')))).toEqual({
        skipped: 'quiet-hours',
      });
    expect(mails.length).toBe(mailsBefore);
    expect(robotCalls.length).toBe(callsBefore);
    // At 07:00 the next scan hands them to delivery, and they go.
    const morning: number[] = [];
    await scan(at('2026-11-28T07:00:00'), morning);
    for (const r of held) {
      expect(morning).toContain(r.id);
      expect(await deliverReminderProcessor.process({ reminderId: r.id }, ctxAt(at('2026-11-28T07:00:30')))).toMatchObject({
        sent: r.channel,
      });
    }
    expect(mails.length).toBe(mailsBefore + 1);
    expect(robotCalls.length).toBe(callsBefore + 2);
  });
});
