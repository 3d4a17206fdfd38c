/**
 * Issue 9 §5: the inbox at volume, against the real PostgreSQL: one page of entries grouped by kind
 * and due date with the facts that name them, filters, and the audited (bulk) acknowledgement that
 * only the recipient may make.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxPage, raiseAlert } from '../repositories/alert.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { acknowledgeInboxEntries } from './inbox.use-case.js';

let t: TestDatabase;
let inspector: Actor;
let scheduler: Actor;
const now = new Date('2026-11-27T02:00:00Z');
const reminders: number[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
  const user = async (u: string) =>
    (await t.db.selectFrom('app_user').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  inspector = { id: await user('inspector'), username: 'inspector', principal: { roles: [{ role: 'inspector' }] }, via: 'web' };
  scheduler = { id: await user('scheduler'), username: 'scheduler', principal: { roles: [{ role: 'scheduler' }] }, via: 'api' };
  // Three rectifications of the demo, overdue on two dates, for the inspector.
  const rects = await t.db
    .selectFrom('rectification as r')
    .innerJoin('hazard as h', 'h.id', 'r.hazard_id')
    .innerJoin('inspection as i', 'i.id', 'h.inspection_id')
    .innerJoin('entity as e', 'e.id', 'i.entity_id')
    .select(['r.id', 'i.regime_code', 'e.brigade_id', 'e.code', 'r.notice_no'])
    .orderBy('r.id')
    .limit(3)
    .execute();
  for (const [n, r] of rects.entries()) {
    await raiseAlert(
      t.db,
      {
        kind: 'rectification_overdue',
        subjectType: 'rectification',
        subjectId: r.id,
        level: 'inspector',
        regime: r.regime_code,
        brigadeId: r.brigade_id,
        dueOn: n === 0 ? '2026-11-20' : '2026-11-10',
        detectedOn: '2026-11-27',
      },
      [{ dedupKey: `t.${r.id}`, channel: 'inbox', recipientUserId: inspector.id, webhookEndpointId: null, notBefore: now }],
      now,
    );
  }
  const rows = await t.db
    .selectFrom('reminder')
    .select('id')
    .where('recipient_user_id', '=', inspector.id)
    .orderBy('id')
    .execute();
  reminders.push(...rows.map((r) => r.id));
});
afterAll(async () => {
  await t?.drop();
});

describe('inboxPage', () => {
  it('groups by kind and due date and brings the entity and the notice, not a key', async () => {
    const page = await inboxPage(t.db, inspector.id!, {}, { limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.dueOn)).toEqual(['2026-11-10', '2026-11-10']);
    expect(page.rows[0]!.entity?.code).toMatch(/^R\d\d-/);
    expect(page.rows[0]!.noticeNo).toBeTruthy();
    const rest = await inboxPage(t.db, inspector.id!, {}, { limit: 2, offset: 2 });
    expect(rest.rows.map((r) => r.dueOn)).toEqual(['2026-11-20']);
    expect((await inboxPage(t.db, inspector.id!, { kind: 'notice_late' }, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await inboxPage(t.db, scheduler.id!, {}, { limit: 10, offset: 0 })).total).toBe(0);
  });
});

describe('acknowledgeInboxEntries', () => {
  it("refuses another person's entries, audited as denied, and changes nothing", async () => {
    const r = await acknowledgeInboxEntries(t.db, scheduler, reminders.slice(0, 2), now);
    expect(r).toEqual({ acknowledged: [], already: 0, refused: reminders.slice(0, 2) });
    const denied = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'alert.acknowledge').execute();
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ outcome: 'denied', reason: 'not_recipient', actor_username: 'scheduler' });
    expect(denied[0]!.details).toMatchObject({ via: 'api', reminderIds: reminders.slice(0, 2) });
    expect((await inboxPage(t.db, inspector.id!, { state: 'acknowledged' }, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('acknowledges many at once with one audit entry per alert; a second time does nothing', async () => {
    const r = await acknowledgeInboxEntries(t.db, inspector, reminders, now);
    expect(r.acknowledged).toHaveLength(3);
    const rows = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'alert.acknowledge')
      .where('outcome', '=', 'success')
      .execute();
    expect(rows.map((a) => Number(a.entity_id)).sort()).toEqual([...r.acknowledged].sort());
    expect(rows[0]!.details).toMatchObject({ via: 'web', bulk: 3 });
    const again = await acknowledgeInboxEntries(t.db, inspector, reminders, now);
    expect(again).toEqual({ acknowledged: [], already: 3, refused: [] });
    expect((await inboxPage(t.db, inspector.id!, { state: 'acknowledged' }, { limit: 10, offset: 0 })).total).toBe(3);
    expect((await inboxPage(t.db, inspector.id!, { state: 'unread' }, { limit: 10, offset: 0 })).total).toBe(0);
  });
});
