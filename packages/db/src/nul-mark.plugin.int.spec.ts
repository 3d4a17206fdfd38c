/**
 * A NUL in any string a query sends is stored as U+FFFD instead of failing the query (and the request
 * with it: a 500, found by the fuzz drill of issue 15 §5): text columns, jsonb documents, raw SQL
 * parameters and WHERE clauses, through every client createDb makes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from './repositories/audit.repository.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('NUL characters in query parameters', () => {
  it('are stored as U+FFFD in text and jsonb, in inserts, raw SQL and WHERE clauses', async () => {
    const id = await recordAudit(t.db, {
      action: 'auth.login',
      actorUsername: 'lea\u0000der',
      details: { note: 'a\u0000b', list: ['\u0000'], plain: 'C:\\u0000 stays' },
    });
    const row = await t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'details'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.actor_username).toBe('lea\uFFFDder');
    expect(row.details).toEqual({ note: 'a\uFFFDb', list: ['\uFFFD'], plain: 'C:\\u0000 stays' });

    const raw = await sql<{ v: string }>`select ${'x\u0000y'}::text as v`.execute(t.db);
    expect(raw.rows[0]!.v).toBe('x\uFFFDy');
    const found = await t.db.selectFrom('audit_log').select('id').where('actor_username', '=', 'lea\u0000der').execute();
    expect(found.map((r) => r.id)).toEqual([id]);
  });
});
