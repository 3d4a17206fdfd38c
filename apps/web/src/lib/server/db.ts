import { createDb, listenForChanges, type Database } from '@supervise/db';
import { env } from './env.js';

let db: Database | undefined;

/** The one Kysely instance (and pg pool) of this process, created on first use. */
export function getDb(): Database {
  if (!db) {
    const url = env().databaseUrl;
    const handle = createDb({ url, max: 10, applicationName: 'supervise-web' });
    db = handle;
    // Issue 12/14: one LISTEN connection tells this process of a new rollup generation and of sessions
    // that must stop working (migration 0032), so the dashboard and the session check make no round
    // trip for them; until it is live, and whenever it drops, they ask the database as before.
    const listening = listenForChanges(handle, url, { applicationName: 'supervise-web-listen' });
    // adapter-node emits this after the HTTP server closed; an idle pool would otherwise keep the
    // process alive ~10 s after SIGTERM.
    process.once('sveltekit:shutdown', () => {
      void listening.then((l) => l.stop());
      void handle.destroy();
    });
  }
  return db;
}
