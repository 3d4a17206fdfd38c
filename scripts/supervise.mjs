// `pnpm supervise …`: the admin CLI. On a fresh clone it first installs and builds (progress on
// stderr, so stdout carries only the command's result).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bootstrap, ROOT } from './bootstrap.mjs';

const main = join(ROOT, 'apps/cli/dist/main.js');
if (!existsSync(main)) {
  try {
    bootstrap();
  } catch (e) {
    process.stderr.write(`supervise: ${e.message}\n`);
    process.exit(1);
  }
}
process.argv = [process.argv[0], 'supervise', ...process.argv.slice(2)];
await import(pathToFileURL(main).href);
