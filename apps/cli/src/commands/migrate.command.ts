import type { Command } from 'commander';
import { migrateToLatest, seedCalendarFromPackage } from '@supervise/db';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { logErr } from '../output.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date / 迁移数据库结构')
    .action(async () => {
      const env = parseEnv();
      const { applied } = await withAppDb(env, logErr, async (db) => {
        const result = await migrateToLatest(db);
        // The statutory calendar is always there: 2004–2026 from chinese-days, once; imported years are kept.
        const seeded = await seedCalendarFromPackage(db);
        if (seeded.length) logErr(`Calendar seeded from chinese-days: ${seeded[0]}–${seeded.at(-1)}`);
        return result;
      });
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    });
}
