import type { Command } from 'commander';
import { parseIsoDate, parseWholeNumber } from '../args.js';
import { DEFAULT_DEMO_SEED, prepareDatabase, seedDemo } from '@supervise/db';
import { withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { logErr, todayInShanghai } from '../output.js';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('load demo data into an empty database / 向空数据库载入演示数据')
    .requiredOption('--demo', 'the demo district: brigades, stations, officers, ~1,500 entities, a year of activity')
    .option('--seed <n>', 'random seed; the same seed gives the same data', parseWholeNumber, DEFAULT_DEMO_SEED)
    .option('--today <date>', 'the last day of the demo year (default: today in Asia/Shanghai)', parseIsoDate)
    .action(async (opts: { seed: number; today?: string }) => {
      const env = parseEnv();
      const today = opts.today ?? todayInShanghai();
      // An empty database is prepared here, whatever its URL: seeding is how a demo database begins.
      const summary = await withAppDb(
        env,
        logErr,
        async (db) => {
          await prepareDatabase(db, today);
          return seedDemo(db, { seed: opts.seed, today });
        },
        { schema: 'as-is' },
      );
      console.log(JSON.stringify(summary));
    });
}
