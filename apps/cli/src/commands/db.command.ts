import type { Command } from 'commander';
import { appDatabaseUrl } from '../database.js';
import { parseEnv } from '../env.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('the database in use / 当前使用的数据库');
  db.command('url')
    .description(
      'print the connection string (DATABASE_URL, else the embedded PostgreSQL, reachable while `npm start` or a command runs) / 输出数据库连接串',
    )
    .action(() => {
      console.log(appDatabaseUrl(parseEnv()));
    });
}
