import { createDb, type Database } from '@supervise/db';
import { env } from './env.js';

let db: Database | undefined;

/** The one Kysely instance (and pg pool) of this process, created on first use. */
export function getDb(): Database {
  if (!db) {
    db = createDb({ url: env().databaseUrl, max: 10, applicationName: 'supervise-web' });
    // adapter-node emits this after the HTTP server closed; an idle pool would otherwise keep the
    // process alive ~10 s after SIGTERM.
    process.once('sveltekit:shutdown', () => {
      void db?.destroy();
    });
  }
  return db;
}
