import type { Command } from 'commander';
import { parseIsoDate, parseWholeNumber } from '../args.js';
import { DEFAULT_DEMO_SEED, PROVINCE_DEFAULTS, prepareDatabase, seedDemo, seedProvince } from '@supervise/db';
import { CliError } from '../cli-output.js';
import { appDatabaseUrl, withAppDb } from '../database.js';
import { parseEnv } from '../env.js';
import { logErr, todayInShanghai } from '../output.js';

interface SeedOptions {
  demo?: boolean;
  province?: boolean;
  seed?: number;
  today?: string;
  entities: number;
  officers: number;
  years: number;
  allowExisting?: boolean;
}

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('load demo or province-size data into an empty database / 向空数据库载入演示或全省规模数据')
    .option('--demo', 'the demo district: brigades, stations, officers, ~1,500 entities, a year of activity')
    .option('--province', 'a province-size dataset (benchmarks): --entities, --officers, --years of activity, by COPY')
    .option('--seed <n>', 'random seed; the same seed gives the same data', parseWholeNumber)
    .option('--today <date>', 'the last day of the generated activity (default: today in Asia/Shanghai)', parseIsoDate)
    .option('--entities <n>', 'province: supervised entities', parseWholeNumber, PROVINCE_DEFAULTS.entities)
    .option('--officers <n>', 'province: officers (60 per district)', parseWholeNumber, PROVINCE_DEFAULTS.officers)
    .option('--years <n>', 'province: years of inspections ending at --today', parseWholeNumber, PROVINCE_DEFAULTS.years)
    .option('--allow-existing', 'province: add to a database that already holds entities')
    .action(async (opts: SeedOptions) => {
      if (Boolean(opts.demo) === Boolean(opts.province)) {
        throw new CliError('请指定 --demo 或 --province 之一', 'give exactly one of --demo or --province');
      }
      const env = parseEnv();
      const today = opts.today ?? todayInShanghai();
      // An empty database is prepared here, whatever its URL: seeding is how a demo database begins.
      const summary = await withAppDb(
        env,
        logErr,
        async (db) => {
          await prepareDatabase(db, today);
          if (opts.demo) return seedDemo(db, { seed: opts.seed ?? DEFAULT_DEMO_SEED, today });
          return seedProvince(appDatabaseUrl(env), {
            seed: opts.seed ?? PROVINCE_DEFAULTS.seed,
            today,
            entities: opts.entities,
            officers: opts.officers,
            years: opts.years,
            allowExisting: opts.allowExisting ?? false,
            log: (line) => logErr(`seed --province: ${line}`),
          });
        },
        { schema: 'as-is' },
      );
      console.log(JSON.stringify(summary));
    });
}
