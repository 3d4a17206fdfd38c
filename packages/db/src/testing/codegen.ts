/**
 * Regenerates (or, with --verify, checks) src/generated/db.ts against a freshly migrated database.
 * Usage: node dist/testing/codegen.js [--verify]
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from './test-database.js';

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const verify = process.argv.includes('--verify');
const t = await createTestDatabase();
try {
  const args = [
    'exec',
    'kysely-codegen',
    '--dialect',
    'postgres',
    '--url',
    t.url,
    '--out-file',
    'src/generated/db.ts',
    '--exclude-pattern',
    '(kysely_migration|kysely_migration_lock)',
    '--date-parser',
    'string',
    '--type-mapping',
    JSON.stringify({ int8: 'number' }),
  ];
  if (verify) args.push('--verify');
  execFileSync('pnpm', args, { cwd: pkg, stdio: 'inherit' });
} finally {
  await t.drop();
}
