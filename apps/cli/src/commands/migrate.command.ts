import type { Command } from 'commander';
import { migrateToLatest } from '@supervise/db';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { logErr } from '../output.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date / 迁移数据库结构')
    .action(async () => {
      const env = parseEnv();
      const { applied } = await withAppDb(env, logErr, (db) => migrateToLatest(db));
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    });
}
