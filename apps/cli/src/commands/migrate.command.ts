import type { Command } from 'commander';
import { grantAppRole, prepareDatabase, type Database } from '@supervise/db';
import { withAppDb } from '../database.js';
import { parseEnv, type CliEnv } from '../env.js';
import { logErr, todayInShanghai } from '../output.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date / 迁移数据库结构')
    .action(async () => {
      const env = parseEnv();
      // The statutory calendar is always there (2004–2026 from chinese-days, once; imported years are
      // kept), and the first migration sets the day the system went into service.
      // With DATABASE_OWNER_URL the migrations run as the owner, and DATABASE_URL's role is made the
      // apps' least-privilege role (issue 15); without it, as before, DATABASE_URL does both.
      const owner = env.DATABASE_OWNER_URL;
      const prepared = await withAppDb(
        owner ? { ...env, DATABASE_URL: owner } : env,
        logErr,
        async (db) => {
          const p = await prepareDatabase(db, todayInShanghai());
          if (owner) await grantAppRoleOf(db, env, owner);
          return p;
        },
        { schema: 'as-is' },
      );
      if (prepared.calendarSeeded.length)
        logErr(`Calendar seeded from chinese-days: ${prepared.calendarSeeded[0]}–${prepared.calendarSeeded.at(-1)}`);
      logErr(`In service from ${prepared.inServiceFrom}`);
      console.log(prepared.applied.length ? `applied: ${prepared.applied.join(', ')}` : 'schema is up to date');
    });
}

/** Grants DATABASE_URL's role the apps' rights (DML only) when it is not the owner itself. */
async function grantAppRoleOf(db: Database, env: CliEnv, owner: string): Promise<void> {
  if (!env.DATABASE_URL) throw new Error('DATABASE_OWNER_URL is set: DATABASE_URL must name the apps’ role');
  const app = new URL(env.DATABASE_URL);
  const role = decodeURIComponent(app.username);
  if (!role || role === decodeURIComponent(new URL(owner).username)) {
    logErr('DATABASE_URL uses the owner role: no least-privilege app role (see SECURITY.md).');
    return;
  }
  await grantAppRole(db, role, { password: app.password ? decodeURIComponent(app.password) : undefined });
  logErr(`App role ${role}: rows only (no DDL, no trigger control, not a superuser).`);
}
