// `npm test`: formatting, lint and type checks, the generated-types check, then unit, integration
// and browser tests on real PostgreSQL and Redis. Uses DATABASE_URL / REDIS_URL when set, else the
// services on localhost, else starts them. Ends with one line: `N passed, N failed`.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, ROOT, run, say } from './bootstrap.mjs';
import { ensureChromium, ensureDocumentTools, ensurePostgres, ensureRedis } from './test-services.mjs';

const failures = [];
function step(name, ok) {
  if (!ok) failures.push(name);
}

let pnpm;
try {
  pnpm = bootstrap();
} catch (e) {
  process.stderr.write(`npm test: ${e.message}\n0 passed, 1 failed\n`);
  process.exit(1);
}

say('Formatting (prettier --check) …');
step('format', run(pnpm, ['exec', 'prettier', '--check', '--log-level', 'warn', '.']) === 0);
say('Lint (eslint) …');
step('lint', run(pnpm, ['exec', 'eslint', '--max-warnings', '0', '.']) === 0);
say('Type checks …');
step('typecheck', run(pnpm, ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']) === 0);

const services = [];
let env;
try {
  const pg = await ensurePostgres();
  const redis = await ensureRedis();
  const chromium = ensureChromium();
  ensureDocumentTools();
  services.push(pg, redis);
  env = { DATABASE_URL: pg.url, REDIS_URL: redis.url, CHROMIUM_PATH: chromium };
  say(`Services: PostgreSQL ${pg.label}, Redis ${redis.label}, Chromium ${chromium}`);
} catch (e) {
  process.stderr.write(`npm test: ${e.message}\n`);
  for (const s of services) await s.stop();
  process.stdout.write(`0 passed, ${failures.length + 1} failed\n`);
  process.exit(1);
}

say('Generated Kysely types against a freshly migrated database (kysely-codegen --verify) …');
step('codegen --verify', run('node', ['packages/db/dist/testing/codegen.js', '--verify'], { env }) === 0);

const results = join(ROOT, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
say('Unit, integration and browser tests (vitest, every package) …');
step(
  'tests',
  run(pnpm, ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=2', '--output-logs=full'], {
    env: { ...env, TEST_RESULTS_DIR: results },
  }) === 0,
);

for (const s of services) await s.stop();

let passed = 0;
let failed = 0;
for (const f of existsSync(results) ? readdirSync(results) : []) {
  const r = JSON.parse(readFileSync(join(results, f), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
// A check that is not a vitest test (format, lint, types, codegen) counts as one test of its own.
const checks = ['format', 'lint', 'typecheck', 'codegen --verify'];
passed += checks.filter((c) => !failures.includes(c)).length;
failed += checks.filter((c) => failures.includes(c)).length;
if (failures.includes('tests') && failed === 0) failed = 1; // a package crashed before reporting
if (failures.length) process.stderr.write(`npm test: failed: ${failures.join(', ')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failures.length ? 1 : 0);
