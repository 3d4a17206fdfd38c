// `pnpm supervise …`: the admin CLI. It runs the CLI's build, first installing and rebuilding when
// that build is missing or older than a source it is made from (after a `git pull`, an edit); progress
// goes to stderr, so stdout carries only the command's result. A warm tree costs a few file stats.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bootstrap, installed, newestMtime, ROOT } from './bootstrap.mjs';

const main = join(ROOT, 'apps/cli/dist/main.js');
// Written after a successful build: the time the CLI's build was last made complete.
const stamp = join(ROOT, 'apps/cli/dist/.built');
// What the CLI's build reads: its own package and the workspace packages it stands on.
const inputs = ['apps/cli', 'packages/core', 'packages/db', 'packages/queue', 'tsconfig.base.json', 'pnpm-lock.yaml'].map((p) =>
  join(ROOT, p),
);

const fresh = () => existsSync(main) && existsSync(stamp) && installed() && newestMtime(inputs) <= statSync(stamp).mtimeMs;
if (!fresh()) {
  try {
    bootstrap({ filter: '@supervise/cli...' });
    writeFileSync(stamp, new Date().toISOString());
  } catch (e) {
    process.stderr.write(`supervise: ${e.message}\n`);
    process.exit(1);
  }
}
process.argv = [process.argv[0], 'supervise', ...process.argv.slice(2)];
await import(pathToFileURL(main).href);
