import { bureauDate } from '@supervise/core';
import { migrateToLatest, seedDemo } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';

/** A drill's own database cloned from the migrated template, holding the demo district of today. */
export async function demoDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  try {
    await migrateToLatest(t.db);
    await seedDemo(t.db, { today: bureauDate(new Date()) });
    return t;
  } catch (e) {
    await t.drop();
    throw e;
  }
}
