import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Database } from '../client.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import { withDatabase } from '../server.js';

/**
 * Integration tests run on the real PostgreSQL. The schema is migrated once into a template database
 * (named after the migrations, so a new or edited migration makes a new template), and each test file gets
 * its own database cloned from it with `CREATE DATABASE … TEMPLATE`: files run in parallel and never
 * touch the demo data.
 */
export function testServerUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function templateName(): string {
  // The list and each migration's code: a migration edited while it is being written (never after it
  // is released) makes a new template too.
  const digest = createHash('sha256')
    .update(
      Object.entries(migrations)
        .map(([name, m]) => `${name}\n${String(m.up)}`)
        .join('\n'),
    )
    .digest('hex');
  return `supervise_tpl_${digest.slice(0, 12)}`;
}

const TEMPLATE_LOCK = 74_211_931;

async function withAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the migrated template once per migration list; concurrent callers wait on a lock. */
export async function ensureTemplate(serverUrl = testServerUrl()): Promise<string> {
  const name = templateName();
  await withAdmin(serverUrl, async (admin) => {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount) return;
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${pg.escapeIdentifier(building)} with (force)`);
      await admin.query(`create database ${pg.escapeIdentifier(building)}`);
      const db = createDb({ url: withDatabase(serverUrl, building), max: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      // Renamed only when complete, so a killed run never leaves a half-migrated template. The comment
      // dates it: templates of other migration lists may belong to another clone's suite running at
      // the same time on this server (another branch), so only week-old ones are dropped.
      await admin.query(`alter database ${pg.escapeIdentifier(building)} rename to ${pg.escapeIdentifier(name)}`);
      await admin.query(`comment on database ${pg.escapeIdentifier(name)} is ${pg.escapeLiteral(new Date().toISOString())}`);
      const old = await admin.query(
        `select d.datname from pg_database d
          where d.datname like 'supervise\\_tpl\\_%' and d.datname not like '%\\_building' and d.datname <> $1
            and coalesce(shobj_description(d.oid, 'pg_database'), '') < $2`,
        [name, new Date(Date.now() - 7 * 24 * 3600_000).toISOString()],
      );
      for (const row of old.rows as { datname: string }[]) {
        await admin.query(`drop database if exists ${pg.escapeIdentifier(row.datname)}`).catch(() => {});
      }
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  db: Database;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase(serverUrl = testServerUrl()): Promise<TestDatabase> {
  return cloneDatabase(await ensureTemplate(serverUrl), serverUrl);
}

/** A new database copied from `template` (any database nobody is connected to), dropped by `drop()`. */
export async function cloneDatabase(template: string, serverUrl = testServerUrl()): Promise<TestDatabase> {
  const name = `supervise_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, async (admin) => {
    // A clone fails while another session is connected to the template (another suite cloning it
    // at the same moment); retry for as long as a loaded machine may need.
    const until = Date.now() + 180_000;
    for (;;) {
      try {
        await admin.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || Date.now() > until) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 200)));
      }
    }
  });
  const url = withDatabase(serverUrl, name);
  const db = createDb({ url, max: 4 });
  return {
    name,
    url,
    db,
    async drop() {
      await db.destroy();
      await withAdmin(serverUrl, async (admin) => {
        // pg-pool's end() resolves before its clients' goodbyes reach the server; a forced drop
        // would then kill a client mid-close and raise an uncaught error in it. Wait for them.
        for (let i = 0; i < 50; i++) {
          const r = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (r.rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      });
    },
  };
}

/** Whether a database of this name exists on the server. */
export async function databaseExists(name: string, serverUrl = testServerUrl()): Promise<boolean> {
  return withAdmin(serverUrl, async (admin) => {
    const r = await admin.query('select 1 from pg_database where datname = $1', [name]);
    return (r.rowCount ?? 0) > 0;
  });
}

/**
 * Keeps `t` under the name `as` (it is no longer dropped with the run) and returns a clone of it to
 * work on: an expensive fixture, such as the benchmark's province, is then made once per machine.
 */
export async function keepDatabase(t: TestDatabase, as: string, serverUrl = testServerUrl()): Promise<TestDatabase> {
  await t.db.destroy();
  await withAdmin(serverUrl, async (admin) => {
    for (let i = 0; i < 100; i++) {
      const r = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [t.name]);
      if (r.rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`alter database ${pg.escapeIdentifier(t.name)} rename to ${pg.escapeIdentifier(as)}`);
    await admin.query(`comment on database ${pg.escapeIdentifier(as)} is ${pg.escapeLiteral(new Date().toISOString())}`);
  });
  return cloneDatabase(as, serverUrl);
}
