import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('the pool of every process', () => {
  it('connects without JIT compilation (issue 14: compiling a trigger’s plan cost a draw 0.8 s)', async () => {
    const db = createDb({ url: t.url, max: 1 });
    try {
      const r = await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(db);
      expect(r.rows[0]!.jit).toBe('off');
    } finally {
      await db.destroy();
    }
  });
});
