// `pnpm soak [--only name,name] [--list]`: install and build what is missing, then run the long drills
// of issue 15 (soak/). Not part of `npm test`. It uses DATABASE_URL / REDIS_URL when set, else the
// services on localhost, else starts them.
import { bootstrap, run } from './bootstrap.mjs';
import { ensurePostgres, ensureRedis } from './test-services.mjs';

try {
  bootstrap({ filter: '@supervise/soak...' });
} catch (e) {
  process.stderr.write(`soak: ${e.message}\n`);
  process.exit(1);
}
const pg = await ensurePostgres();
const redis = await ensureRedis();
const status = run('node', ['soak/dist/main.js', ...process.argv.slice(2)], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { DATABASE_URL: pg.url, REDIS_URL: redis.url },
});
await pg.stop();
await redis.stop();
process.exit(status);
