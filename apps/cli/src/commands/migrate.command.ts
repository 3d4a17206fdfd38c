import type { Command } from 'commander';
import { prepareDatabase } from '@supervise/db';
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
      const prepared = await withAppDb(env, logErr, (db) => prepareDatabase(db, todayInShanghai()), { schema: 'as-is' });
      if (prepared.calendarSeeded.length)
        logErr(`Calendar seeded from chinese-days: ${prepared.calendarSeeded[0]}–${prepared.calendarSeeded.at(-1)}`);
      logErr(`In service from ${prepared.inServiceFrom}`);
      console.log(prepared.applied.length ? `applied: ${prepared.applied.join(', ')}` : 'schema is up to date');
    });
}
