/**
 * Migration 0012's data fix (issue 9 §5): an inbox that already holds an item twice (inspector level
 * and scheduler level, the old per-level key) keeps the first entry only, under the new key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../repositories/alert.repository.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { foldInboxDuplicates } from './0012-accounts-officers-inbox.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { today: '2026-11-27' });
});
afterAll(async () => {
  await t?.drop();
});

describe('0012 foldInboxDuplicates', () => {
  it('keeps one inbox entry per item and person, under the key the scan now writes', async () => {
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'scheduler').executeTakeFirstOrThrow();
    const r = await t.db.selectFrom('rectification').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const now = new Date('2026-11-27T02:00:00Z');
    for (const level of ['inspector', 'scheduler'] as const) {
      await raiseAlert(
        t.db,
        {
          kind: 'rectification_overdue',
          subjectType: 'rectification',
          subjectId: r.id,
          level,
          regime: 'R09',
          brigadeId: 'B-ZA',
          dueOn: '2026-11-10',
          detectedOn: '2026-11-27',
        },
        // The keys before 0012 carried the level.
        [
          {
            dedupKey: `rectification_overdue.rectification.${r.id}.${level}.inbox.u${user.id}`,
            channel: 'inbox',
            recipientUserId: user.id,
            webhookEndpointId: null,
            notBefore: now,
          },
        ],
        now,
      );
    }
    const inbox = () =>
      t.db
        .selectFrom('reminder')
        .select(['id', 'dedup_key'])
        .where('recipient_user_id', '=', user.id)
        .where('channel', '=', 'inbox')
        .orderBy('id')
        .execute();
    const before = await inbox();
    expect(before).toHaveLength(2);
    await foldInboxDuplicates(t.db);
    await foldInboxDuplicates(t.db);
    expect(await inbox()).toEqual([
      { id: before[0]!.id, dedup_key: `rectification_overdue.rectification.${r.id}.inbox.u${user.id}` },
    ]);
  });
});
