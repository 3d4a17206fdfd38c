import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createDb } from '../client.js';
import { appRoleUrl, grantAppRole } from '../roles/app-role.js';
import { withDatabase } from '../server.js';

/**
 * The apps' least-privilege role for a test database (issue 15): the tests that start the web app or
 * the worker connect them as this role, as production does, never as the owner. Create the queue's
 * schema first (`migrateQueueBackend`, as the owner) so the grant covers it. Roles are cluster-wide:
 * each gets a random name and `drop()` removes it (its grants go with the database).
 */
export interface TestAppRole {
  role: string;
  /** The test database as the app role. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestAppRole(ownerUrl: string, opts: { queueSchema?: string } = {}): Promise<TestAppRole> {
  const role = `sv_app_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const owner = createDb({ url: ownerUrl, max: 1, applicationName: 'supervise-test-role' });
  try {
    await grantAppRole(owner, role, { password, ...opts });
  } finally {
    await owner.destroy();
  }
  return {
    role,
    url: appRoleUrl(ownerUrl, role, password),
    drop: async () => {
      const db = createDb({ url: ownerUrl, max: 1 });
      try {
        await sql`drop owned by ${sql.id(role)}`.execute(db);
      } catch (e) {
        if ((e as { code?: string }).code !== '3D000') throw e; // the database is gone already
      } finally {
        await db.destroy();
      }
      const server = createDb({ url: withDatabase(ownerUrl, 'postgres'), max: 1 });
      try {
        await sql`drop role if exists ${sql.id(role)}`.execute(server);
      } finally {
        await server.destroy();
      }
    },
  };
}
