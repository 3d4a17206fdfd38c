// `pnpm bench [--smoke]`: install and build what is missing, then run the benchmark (bench/). It
// uses DATABASE_URL / REDIS_URL when set, else the services on localhost, else starts them.
import { bootstrap, run } from './bootstrap.mjs';
import { ensurePostgres, ensureRedis } from './test-services.mjs';

try {
  // The bench drives the built worker and web app (the dashboard figures): build everything.
  bootstrap();
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
}
const pg = await ensurePostgres();
const redis = await ensureRedis();
const status = run('node', ['bench/dist/main.js', ...process.argv.slice(2)], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { DATABASE_URL: pg.url, REDIS_URL: redis.url },
});
await pg.stop();
await redis.stop();
process.exit(status);
