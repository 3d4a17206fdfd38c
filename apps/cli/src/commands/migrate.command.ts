import type { Command } from 'commander';
import { prepareDatabase } from '@supervise/db';
import { grantAppRoleOf, migrateQueueAsOwner } from '../app-role.js';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
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
      // apps' least-privilege role (issue 15); without it, as before, DATABASE_URL does both. BullMQ's
      // schema (PostgreSQL backend, no REDIS_URL) is created here too: the apps no longer can.
      const owner = env.DATABASE_OWNER_URL;
      const prepared = await withAppDb(
        owner ? { ...env, DATABASE_URL: owner } : env,
        logErr,
        async (db, url) => {
          const p = await prepareDatabase(db, todayInShanghai());
          await migrateQueueAsOwner(env, url);
          if (owner) {
            if (!env.DATABASE_URL) throw new Error('DATABASE_OWNER_URL is set: DATABASE_URL must name the apps’ role');
            if (await grantAppRoleOf(db, env, owner, env.DATABASE_URL))
              logErr(
                `App role ${decodeURIComponent(new URL(env.DATABASE_URL).username)}: rows only (no DDL, no trigger control, not a superuser).`,
              );
            else logErr('DATABASE_URL uses the owner role: no least-privilege app role (see SECURITY.md).');
          }
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
